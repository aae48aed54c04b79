// What a temporary credential means: the claims a session token carries, sealed, so that any
// node can rebuild the session's principal without reading the database.

export type SessionKind = 'assumed-role' | 'federated-user' | 'user-session' | 'root-session';

/** The long-lived user behind a user session or a federated user. */
export interface SessionSourceUser {
  userId: string;
  userName: string;
  arn: string;
  path: string;
}

/** The role of a role session. */
export interface SessionRole {
  roleId: string;
  roleName: string;
  arn: string;
  path: string;
}

/** What every session's claims hold, whatever its kind. */
interface SessionClaimsBase {
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
  /**
   * For GetDelegatedAccessToken: the delegation request the session was issued for. Such a session
   * acts as the accepting identity, limited by the request's policy, and is not a GetSessionToken one.
   */
  delegationRequestId?: string;
  /**
   * For a web console sign-in (a user-session or root-session held by the console): the signed-in
   * identity acting as itself, without the API limits of GetSessionToken's credentials.
   */
  console?: boolean;
}

/** AssumeRole, AssumeRoleWithWebIdentity, AssumeRoleWithSAML: a role and a session name. */
export interface AssumedRoleClaims extends SessionClaimsBase {
  kind: 'assumed-role';
  role: SessionRole;
  sessionName: string;
}

/** GetFederationToken: a name, and the user who asked (none when the root did). */
export interface FederatedUserClaims extends SessionClaimsBase {
  kind: 'federated-user';
  sessionName: string;
  sourceUser?: SessionSourceUser;
}

/** GetSessionToken by an IAM user. */
export interface UserSessionClaims extends SessionClaimsBase {
  kind: 'user-session';
  sourceUser: SessionSourceUser;
}

/** What an AssumeRoot session carries beyond a root session: its task and who asked for it. */
export interface AssumedRootClaims {
  /** The AWS managed task policy (arn:aws:iam::aws:policy/root-task/…) that limits the session. */
  taskPolicyArn: string;
  /** The IAM principal of the management or delegated administrator account that called AssumeRoot. */
  issuerArn: string;
}

/** GetSessionToken by an account root; or AssumeRoot, a member account's root limited to a task. */
export interface RootSessionClaims extends SessionClaimsBase {
  kind: 'root-session';
  /** Set for a session made by AssumeRoot. */
  assumedRoot?: AssumedRootClaims;
}

/** The claims a session token carries, told apart by kind. */
export type SessionClaims = AssumedRoleClaims | FederatedUserClaims | UserSessionClaims | RootSessionClaims;

/** Omit over each member of a union (TypeScript's Omit flattens a union into one shape). */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
