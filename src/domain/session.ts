// What a temporary credential means: the claims a session token carries, sealed, so that any
// node can rebuild the session's principal without reading the database.

export type SessionKind = 'assumed-role' | 'federated-user' | 'user-session' | 'root-session';

export interface SessionClaims {
  kind: SessionKind;
  accountId: string;
  /** The ASIA access key id the token belongs to. */
  accessKeyId: string;
  secretAccessKey: string;
  /** Epoch seconds. */
  issuedAt: number;
  /** Epoch seconds. */
  expiresAt: number;
  /** The principal's ARN as GetCallerIdentity reports it. */
  arn: string;
  /** The principal's unique id as GetCallerIdentity reports it (AROA…:session, AIDA…, account:name). */
  userId: string;
  /** For user sessions (GetSessionToken, GetFederationToken): the long-lived user behind them. */
  sourceUser?: { userId: string; userName: string; arn: string; path: string };
  /** For role sessions. */
  role?: { roleId: string; roleName: string; arn: string; path: string };
  sessionName?: string;
  sourceIdentity?: string;
  tags?: [string, string][];
  transitiveTagKeys?: string[];
  /** Inline session policy text. */
  sessionPolicy?: string;
  /** Managed session policy ARNs. */
  policyArns?: string[];
  /** When MFA was used to create the session (epoch seconds). */
  mfaAuthenticatedAt?: number;
  /** 0 for a session from long-lived credentials, 1 + the parent's for role chaining. */
  chainDepth: number;
  /** Federated provider for web identity / SAML sessions. */
  federatedProvider?: string;
}
