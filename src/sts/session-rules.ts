// The rules STS applies before it issues a session, shared by its actions: how long a session may
// last (role maximum, role chaining's hour, GetSessionToken's and GetFederationToken's ranges),
// session policies (grammar, existence of PolicyArns), the packed size of policies and tags, MFA
// codes, session tags and source identity across a role chain, with AWS's error texts.
import { deflateRawSync } from 'node:zlib';
import type { Services } from '../services.ts';
import {
  type Principal,
  credentialLockout,
  lockoutKeys,
  lockoutPolicy,
  verifyMfaCode,
  type SessionClaims,
} from '../domain/index.ts';
import { checkPolicyDocument } from '../policy/index.ts';
import { AwsError, malformedPolicy } from '../errors.ts';
import { inheritedTransitiveTags } from './issue-session.ts';

/** Role chaining (a session assuming a role) is limited to one hour, whatever the role allows. */
export const CHAINED_SESSION_MAX_SECONDS = 3600;
/** Sessions of an account's root (GetSessionToken, GetFederationToken) last at most an hour. */
export const ROOT_SESSION_MAX_SECONDS = 3600;
export const DEFAULT_ROLE_SESSION_SECONDS = 3600;
export const DEFAULT_USER_SESSION_SECONDS = 43_200;
/**
 * The budget of AWS's "packed" form of session policies, policy ARNs and session tags. AWS does not
 * publish its packing; we approximate it by the raw-deflate size of the policy without white space,
 * the ARNs and the tags' keys and values, against a budget of 2,048 bytes, which lets a typical
 * policy of the maximum 2,048 characters through and refuses 50 long random tags, as AWS does.
 */
export const PACKED_POLICY_BUDGET_BYTES = 2048;

export function validationError(message: string): AwsError {
  return new AwsError('ValidationError', message);
}

/** How long an AssumeRole session lasts, or AWS's ValidationError. */
export function roleSessionDuration(
  requested: number | undefined,
  maxSessionDuration: number,
  chained: boolean,
): number {
  const duration = requested ?? DEFAULT_ROLE_SESSION_SECONDS;
  if (chained && duration > CHAINED_SESSION_MAX_SECONDS)
    throw validationError(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  if (duration > maxSessionDuration)
    throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  return duration;
}

/** GetSessionToken's and GetFederationToken's duration: a root's session is cut to an hour, as AWS does. */
export function userSessionDuration(requested: number | undefined, caller: Principal): number {
  const duration = requested ?? DEFAULT_USER_SESSION_SECONDS;
  return caller.type === 'root' ? Math.min(duration, ROOT_SESSION_MAX_SECONDS) : duration;
}

/** AccessDenied for calls AWS refuses to temporary credentials (GetSessionToken, GetFederationToken). */
export function refuseSessionCaller(caller: Principal, action: string): void {
  if (caller.session) throw new AwsError('AccessDenied', `Cannot call ${action} with session credentials`);
}

export interface SessionPolicies {
  sessionPolicy?: string;
  policyArns?: string[];
}

/** Checks `Policy` (session grammar) and that every `PolicyArns` policy exists. */
export async function checkSessionPolicies(
  services: Services,
  policy: string | undefined,
  policyArns: readonly { arn?: string }[] | undefined,
): Promise<SessionPolicies> {
  const out: SessionPolicies = {};
  if (policy !== undefined) {
    const checked = checkPolicyDocument(policy, 'session');
    if (!checked.ok) throw malformedPolicy(checked.message);
    out.sessionPolicy = policy;
  }
  const arns = (policyArns ?? []).map((p) => p.arn).filter((a): a is string => a !== undefined);
  if (arns.length) {
    for (const arn of arns) {
      const row = await services.store.read((r) => r.managedPolicies.byArn(arn));
      if (!row) throw malformedPolicy(`Policy ${arn} does not exist or is not attachable.`);
    }
    out.policyArns = arns;
  }
  return out;
}

/**
 * The packed size of session policies and tags as a percentage of the allowed space (see
 * PACKED_POLICY_BUDGET_BYTES); PackedPolicyTooLarge above 100%, in AWS's words.
 */
export function packedPolicyPercent(policies: SessionPolicies, tags: readonly [string, string][]): number {
  const parts: string[] = [];
  if (policies.sessionPolicy !== undefined) parts.push(policies.sessionPolicy.replace(/\s+/g, ''));
  for (const arn of policies.policyArns ?? []) parts.push(arn);
  for (const [k, v] of tags) parts.push(`${k}=${v}`);
  if (parts.length === 0) return 0;
  const packed = deflateRawSync(parts.join('\u0000'), { level: 9 }).length;
  const percent = Math.ceil((packed * 100) / PACKED_POLICY_BUDGET_BYTES);
  if (percent > 100)
    throw new AwsError(
      'PackedPolicyTooLarge',
      `Packed policy consumes ${percent}% of allotted space, please use smaller policy.`,
    );
  return percent;
}

/**
 * Verifies SerialNumber + TokenCode for `caller` (its user's device, or any device of its account
 * for other principals); returns the MFA time (epoch seconds), or AccessDenied as AWS words it.
 * Wrong codes count against the device and the caller (see credential-lockout.ts); while either is
 * locked, the right code gets the same AccessDenied as a wrong one.
 */
export async function verifyCallerMfa(
  services: Services,
  caller: Principal,
  serialNumber: string | undefined,
  tokenCode: string | undefined,
  now: Date,
): Promise<number | undefined> {
  if (serialNumber === undefined && tokenCode === undefined) return undefined;
  if (serialNumber === undefined || tokenCode === undefined)
    throw new AwsError(
      'AccessDenied',
      'MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.',
    );
  const userId =
    caller.type === 'user'
      ? caller.id
      : caller.type === 'federated-user'
        ? (caller.parentUserId ?? undefined)
        : undefined;
  // the write commits whether or not the code is right, so that a wrong one stays counted
  const ok = await services.store.write(caller.accountId, (repos) =>
    verifyMfaCode(repos, caller.accountId, serialNumber, tokenCode, now, {
      sealer: services.sealer,
      ...(userId !== undefined ? { userId } : {}),
      lockout: credentialLockout(repos, caller.accountId, lockoutPolicy(services), now),
      principalKey: lockoutKeys.mfaPrincipal(caller),
    }),
  );
  if (!ok)
    throw new AwsError(
      'AccessDenied',
      'MultiFactorAuthentication failed with invalid MFA one time pass code.',
    );
  return Math.floor(now.getTime() / 1000);
}

/**
 * The caller as the engine should see it for this request: with MFA given now, its context has
 * aws:MultiFactorAuthPresent and aws:MultiFactorAuthAge, as for a call made with MFA in AWS.
 */
export function callerWithMfa(caller: Principal, mfaAt: number | undefined): Principal {
  if (mfaAt === undefined) return caller;
  if (caller.session)
    return { ...caller, session: { ...caller.session, mfaAuthenticatedAt: mfaAt } } as Principal;
  const common = {
    accountId: caller.accountId,
    accessKeyId: '',
    secretAccessKey: '',
    issuedAt: mfaAt,
    expiresAt: mfaAt,
    arn: caller.arn,
    userId: caller.id,
    mfaAuthenticatedAt: mfaAt,
    chainDepth: 0,
  };
  const session: SessionClaims =
    caller.type === 'user'
      ? {
          ...common,
          kind: 'user-session',
          sourceUser: { userId: caller.id, userName: caller.userName, arn: caller.arn, path: caller.path },
        }
      : { ...common, kind: 'root-session' };
  return { ...caller, session } as Principal;
}

/** Session tags may not override a transitive tag inherited in a role chain. */
export function checkTagsAgainstChain(caller: Principal, tags: readonly { Key: string }[]): void {
  const inherited = new Set(inheritedTransitiveTags(caller).map(([k]) => k.toLowerCase()));
  for (const t of tags)
    if (inherited.has(t.Key.toLowerCase()))
      throw new AwsError(
        'InvalidParameterValue',
        `The session tag ${t.Key} conflicts with a transitive tag of the calling session and cannot be overridden.`,
      );
}

/** Session tag keys are unique case-insensitively; TransitiveTagKeys must name session tags. */
export function checkSessionTags(tags: readonly { Key: string }[], transitive: readonly string[]): void {
  const seen = new Set<string>();
  for (const t of tags) {
    const key = t.Key.toLowerCase();
    if (seen.has(key))
      throw new AwsError(
        'InvalidParameterValue',
        'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      );
    seen.add(key);
  }
  for (const k of transitive)
    if (!seen.has(k.toLowerCase()))
      throw new AwsError('InvalidParameterValue', `The transitive tag key ${k} is not a session tag key.`);
}

/** A chained session keeps its source identity: asking for another one is refused. */
export function sourceIdentityFor(caller: Principal, requested: string | undefined): string | undefined {
  const inherited = caller.session?.sourceIdentity;
  if (inherited !== undefined && requested !== undefined && requested !== inherited)
    throw new AwsError(
      'AccessDenied',
      `User: ${caller.arn} is not authorized to perform: sts:SetSourceIdentity: the source identity of a role chain cannot be changed`,
    );
  return inherited ?? requested;
}
