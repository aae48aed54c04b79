// Issuing temporary credentials: a fresh ASIA access key id and secret, with the session's claims
// sealed into its session token under the key ring's current key. `issueRoleSession` is the one way
// a role session is made (AssumeRole, instance profiles, container credentials): it names the
// session as AWS does (AROA…:session, arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION) and carries
// what a chained session inherits from its caller (transitive tags, source identity, depth).
import type { Services } from '../services.ts';
import { sealSession } from '../authn/index.ts';
import {
  newSecretAccessKey,
  type Principal,
  type DistributiveOmit,
  type SessionClaims,
} from '../domain/index.ts';
import type { RoleRow } from '../store/index.ts';
import { accessKeyIdForAccount } from './access-key-account.ts';

export interface IssuedCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: Date;
}

export interface RoleSessionCredentials extends IssuedCredentials {
  AssumedRoleUser: { AssumedRoleId: string; Arn: string };
}

/** The claims of a session before its credentials exist. */
export type UnsealedClaims = DistributiveOmit<SessionClaims, 'accessKeyId' | 'secretAccessKey'>;

/** Mints an ASIA key and secret for `claims` and seals them into a session token. */
export function mintCredentials(
  services: Pick<Services, 'sessionKeys'>,
  claims: UnsealedClaims,
): IssuedCredentials {
  const accessKeyId = accessKeyIdForAccount('ASIA', claims.accountId);
  const secretAccessKey = newSecretAccessKey();
  const sealed: SessionClaims = { ...claims, accessKeyId, secretAccessKey };
  return {
    AccessKeyId: accessKeyId,
    SecretAccessKey: secretAccessKey,
    SessionToken: sealSession(services.sessionKeys.signingKey(), sealed),
    Expiration: new Date(claims.expiresAt * 1000),
  };
}

/** The ARN of a role session: no path, as AWS writes it. */
export function assumedRoleArn(accountId: string, roleName: string, sessionName: string): string {
  return `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
}

export interface RoleSessionInput {
  role: RoleRow;
  sessionName: string;
  durationSeconds: number;
  now: Date;
  sourceIdentity?: string;
  /** Who asks: a session caller makes this a chained session (depth, transitive tags, source identity). */
  caller?: Principal;
  /** Session tags given with the request (already checked). */
  tags?: readonly { Key: string; Value: string }[];
  transitiveTagKeys?: readonly string[];
  /** Inline session policy, already validated. */
  sessionPolicy?: string;
  /** Managed session policy ARNs, already checked to exist. */
  policyArns?: readonly string[];
  /** When the caller proved MFA for this request (epoch seconds). */
  mfaAuthenticatedAt?: number;
  /** The region RoleLastUsed records; the server's region when absent. */
  region?: string;
  /** For web identity and SAML sessions: the provider's ARN, the session's aws:FederatedProvider. */
  federatedProvider?: string;
}

/** The tags a chained session inherits from its caller: the caller's transitive ones. */
export function inheritedTransitiveTags(caller: Principal | undefined): [string, string][] {
  const session = caller?.session;
  if (!session?.tags || !session.transitiveTagKeys?.length) return [];
  const transitive = new Set(session.transitiveTagKeys.map((k) => k.toLowerCase()));
  return session.tags.filter(([k]) => transitive.has(k.toLowerCase()));
}

/** The claims of a role session. */
export function roleSessionClaims(input: RoleSessionInput): UnsealedClaims {
  const { role, sessionName, caller } = input;
  const issuedAt = Math.floor(input.now.getTime() / 1000);
  const parent = caller?.session;
  // inherited transitive tags come first, so the request's own tags (which may not override them)
  // are checked against them by the caller; both stay transitive down the chain
  const tags = new Map<string, [string, string]>();
  for (const [k, v] of inheritedTransitiveTags(caller)) tags.set(k.toLowerCase(), [k, v]);
  for (const t of input.tags ?? []) tags.set(t.Key.toLowerCase(), [t.Key, t.Value]);
  const transitive = new Set<string>();
  for (const k of parent?.transitiveTagKeys ?? [])
    if (tags.has(k.toLowerCase())) transitive.add(tags.get(k.toLowerCase())![0]);
  for (const k of input.transitiveTagKeys ?? []) transitive.add(tags.get(k.toLowerCase())?.[0] ?? k);
  const sourceIdentity = parent?.sourceIdentity ?? input.sourceIdentity;
  return {
    kind: 'assumed-role',
    accountId: role.account_id,
    issuedAt,
    expiresAt: issuedAt + input.durationSeconds,
    arn: assumedRoleArn(role.account_id, role.role_name, sessionName),
    userId: `${role.role_id}:${sessionName}`,
    role: { roleId: role.role_id, roleName: role.role_name, arn: role.arn, path: role.path },
    sessionName,
    ...(sourceIdentity !== undefined ? { sourceIdentity } : {}),
    ...(tags.size ? { tags: [...tags.values()] } : {}),
    ...(transitive.size ? { transitiveTagKeys: [...transitive] } : {}),
    ...(input.sessionPolicy !== undefined ? { sessionPolicy: input.sessionPolicy } : {}),
    ...(input.policyArns?.length ? { policyArns: [...input.policyArns] } : {}),
    ...(input.mfaAuthenticatedAt !== undefined ? { mfaAuthenticatedAt: input.mfaAuthenticatedAt } : {}),
    chainDepth: parent ? parent.chainDepth + 1 : 0,
    ...(input.federatedProvider !== undefined ? { federatedProvider: input.federatedProvider } : {}),
  };
}

/**
 * Issues credentials for a session of `role` and records the role's last use. The caller has
 * already decided that the session may be issued (trust policy, duration, names).
 */
export async function issueRoleSession(
  services: Services,
  input: RoleSessionInput,
): Promise<RoleSessionCredentials> {
  const claims = roleSessionClaims(input);
  const credentials = mintCredentials(services, claims);
  const use = {
    roleId: input.role.role_id,
    at: input.now.toISOString(),
    region: input.region ?? services.config.region,
  };
  // buffered like access-key use: issuing a session writes nothing on the request path
  if (services.lastUsed) services.lastUsed.recordRole(use);
  else await services.store.writeRecords((r) => r.roles.recordUses([use]));
  return { ...credentials, AssumedRoleUser: { AssumedRoleId: claims.userId, Arn: claims.arn } };
}
