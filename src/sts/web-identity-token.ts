// GetWebIdentityToken's token: a JWT that names the calling principal, signed with the ring's current
// key for the requested algorithm, for the account's issuer. Standard claims (iss, aud, sub, iat, exp,
// jti, nbf) and AWS's own under the "https://sts.amazonaws.com/" namespace: aws_account,
// source_region, principal_tags (the user's or role's tags, with a role session's tags over them) and
// request_tags (the request's Tags).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_outbound_token_claims.html
import { randomUUID } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { AwsError } from '../errors.ts';
import type { Principal } from '../domain/index.ts';
import { outboundIssuerFor } from '../domain/index.ts';
import type { Services } from '../services.ts';
import { checkSessionTags } from './session-rules.ts';
import {
  isWebIdentitySigningAlgorithm,
  WEB_IDENTITY_SIGNING_ALGORITHMS,
  webIdentitySigningKey,
} from './web-identity-keys.ts';

/** The namespace AWS nests its own claims under. */
export const AWS_CLAIMS_NAMESPACE = 'https://sts.amazonaws.com/';
/** DurationSeconds when the request has none (AWS's default: five minutes). */
export const DEFAULT_WEB_IDENTITY_TOKEN_SECONDS = 300;

export interface WebIdentityTokenRequest {
  audience: readonly string[];
  durationSeconds?: number;
  signingAlgorithm: string;
  tags?: readonly { Key: string; Value: string }[];
  /** The region the request was made in (source_region). */
  region: string;
  now: Date;
}

export interface IssuedWebIdentityToken {
  token: string;
  expiration: Date;
}

/** The principal the token names: a role session names its role, as AWS's sample token does. */
function subjectOf(caller: Principal): string {
  return caller.type === 'assumed-role' ? caller.roleArn : caller.arn;
}

/** aws:PrincipalTag as the token carries it: the user's or role's tags, a session's tags over them. */
async function principalTagsOf(services: Services, caller: Principal): Promise<Record<string, string>> {
  const stored =
    caller.type === 'user'
      ? await services.store.read((r) => r.tags.list('user', caller.id))
      : caller.type === 'assumed-role'
        ? await services.store.read((r) => r.tags.list('role', caller.roleId))
        : [];
  const tags: Record<string, string> = {};
  for (const t of stored) tags[t.Key] = t.Value;
  for (const [k, v] of caller.session?.tags ?? []) tags[k] = v;
  return tags;
}

export async function issueWebIdentityToken(
  services: Services,
  caller: Principal,
  req: WebIdentityTokenRequest,
): Promise<IssuedWebIdentityToken> {
  const algorithm = req.signingAlgorithm;
  if (!isWebIdentitySigningAlgorithm(algorithm))
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${algorithm}' at 'signingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [${WEB_IDENTITY_SIGNING_ALGORITHMS.join(', ')}]`,
    );
  const tags = req.tags ?? [];
  checkSessionTags(tags, []);
  const issuer = await services.store.read((r) => outboundIssuerFor(r, caller.accountId));
  const issuedAt = Math.floor(req.now.getTime() / 1000);
  const expiresAt = issuedAt + (req.durationSeconds ?? DEFAULT_WEB_IDENTITY_TOKEN_SECONDS);
  if (caller.session && expiresAt > caller.session.expiresAt)
    throw new AwsError(
      'SessionDurationEscalationException',
      'The requested token duration would extend the session beyond its original expiration time.',
      { status: 403 },
    );

  const principalTags = await principalTagsOf(services, caller);
  const awsClaims: Record<string, unknown> = {
    aws_account: caller.accountId,
    source_region: req.region,
    ...(Object.keys(principalTags).length ? { principal_tags: principalTags } : {}),
    ...(tags.length ? { request_tags: Object.fromEntries(tags.map((t) => [t.Key, t.Value])) } : {}),
  };
  const payload: JWTPayload = { [AWS_CLAIMS_NAMESPACE]: awsClaims };
  const key = await webIdentitySigningKey(services.store, services.sealer, algorithm, req.now);
  const audience = req.audience.length === 1 ? req.audience[0]! : [...req.audience];
  const token = await new SignJWT(payload)
    .setProtectedHeader({ alg: key.algorithm, kid: key.keyId, typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject(subjectOf(caller))
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(expiresAt)
    .setJti(randomUUID())
    .sign(key.privateKey);
  return { token, expiration: new Date(expiresAt * 1000) };
}
