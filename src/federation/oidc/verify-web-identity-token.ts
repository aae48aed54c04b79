// Verifies a web identity token (an OIDC ID token, a JWT) for AssumeRoleWithWebIdentity: it must be
// a compact JWS signed with an allowed asymmetric algorithm (never `none`, never HMAC, so a public
// key can never serve as a shared secret) by a key of its issuer; the issuer must be an OIDC provider
// of the role's account whose URL `iss` equals exactly; `aud` must name one of the provider's client
// ids; `exp`, `nbf` and `iat` are checked against the server clock with a small skew. Every failure
// is one of AWS's errors; nothing about the token is trusted before its signature is verified. A
// malformed token is always InvalidIdentityToken, refused before any key is fetched;
// IDPCommunicationError means only that the issuer's keys could not be had.
import {
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { AwsError } from '../../errors.ts';
import { IDP_UNREACHABLE, type OidcKeySource } from './key-source.ts';

/** Asymmetric JWS algorithms accepted, as AWS accepts them. */
export const ALLOWED_ALGORITHMS: readonly string[] = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
];
/** Tolerated clock difference between the issuer and Tessera, in seconds. */
export const CLOCK_SKEW_SECONDS = 60;
/** The largest token accepted (AWS's WebIdentityToken maximum is 20,000 characters). */
export const MAX_TOKEN_CHARS = 20_000;

export const NOT_A_JWT =
  'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)';
export const INCORRECT_AUDIENCE = 'Incorrect token audience';
export const CRITICAL_HEADER =
  'The web identity token names critical header parameters (crit), which are not supported.';
const TAGS_CLAIM = 'https://aws.amazon.com/tags';
const SOURCE_IDENTITY_CLAIM = 'https://aws.amazon.com/source_identity';

/** What AssumeRoleWithWebIdentity needs to know of the provider a token claims to come from. */
export interface TrustedProvider {
  arn: string;
  /** The issuer URL `iss` must equal. */
  url: string;
  /** Host and path: the prefix of the provider's condition keys. */
  hostAndPath: string;
  clientIds: readonly string[];
}

export interface VerifiedWebIdentity {
  provider: TrustedProvider;
  claims: JWTPayload;
  subject: string;
  /** The client id the token was issued for (one of the provider's). */
  audience: string;
  /** The token's other audiences. */
  otherAudiences: string[];
  /** Session tags from the `https://aws.amazon.com/tags` claim. */
  tags: { Key: string; Value: string }[];
  transitiveTagKeys: string[];
  sourceIdentity?: string;
  /** The condition keys the trust policy can read: `<host/path>:sub`, `:aud`, `:oaud`, `:amr`, `:azp`. */
  conditionKeys: Record<string, string | string[]>;
}

export interface VerifyOptions {
  /** Finds the OIDC provider for an issuer URL in the role's account. */
  findProvider(issuer: string): Promise<TrustedProvider | undefined>;
  keys: OidcKeySource;
  now: Date;
}

const invalidToken = (message: string, cause?: unknown) =>
  new AwsError('InvalidIdentityToken', message, cause === undefined ? undefined : { cause });

/** Verifies `token`; throws InvalidIdentityToken, ExpiredTokenException, IDPRejectedClaim or IDPCommunicationError. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export async function verifyWebIdentityToken(
  token: string,
  options: VerifyOptions,
): Promise<VerifiedWebIdentity> {
  if (token.length > MAX_TOKEN_CHARS) throw invalidToken(NOT_A_JWT);
  // 1. shape: a compact JWS with an allowed algorithm (read before any key is looked for)
  let header: Record<string, unknown>;
  let unverified: JWTPayload;
  try {
    // three base64url parts and nothing else: jose's decoder would skip white space in them
    if (!COMPACT_JWS.test(token)) throw new Error('not a compact JWS');
    header = decodeProtectedHeader(token);
    unverified = decodeJwt(token);
  } catch (err) {
    throw invalidToken(NOT_A_JWT, err);
  }
  const alg = header.alg;
  if (typeof alg !== 'string' || !ALLOWED_ALGORITHMS.includes(alg))
    throw invalidToken(
      `The web identity token is signed with algorithm ${alg === undefined ? '(none)' : String(alg)}, which is not allowed.`,
    );
  // no JWS extension is understood (and a JWT's payload is always encoded), so none may be critical
  if (header.crit !== undefined) throw invalidToken(CRITICAL_HEADER);
  if (header.kid !== undefined && typeof header.kid !== 'string') throw invalidToken(NOT_A_JWT);
  // the time claims' types, so that a token malformed there is refused before any key is fetched
  if (typeof unverified.exp !== 'number')
    throw invalidToken("The web identity token's exp claim is not valid.");
  for (const claim of ['nbf', 'iat'] as const)
    if (unverified[claim] !== undefined && typeof unverified[claim] !== 'number')
      throw invalidToken(`The web identity token's ${claim} claim is not valid.`);

  // 2. the issuer it names must be an OIDC provider of the account, spelled exactly as its URL
  const issuer = unverified.iss;
  if (typeof issuer !== 'string' || issuer === '') throw invalidToken(NOT_A_JWT);
  const provider = await options.findProvider(issuer);
  if (!provider || provider.url !== issuer)
    throw invalidToken(`No OpenIDConnect provider found in your account for ${issuer}`);

  // 3. the signature, by a key of that issuer, and the time claims
  const keys = keyFailuresMarked(await options.keys.keysFor(provider.url));
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(token, keys, {
      algorithms: [...ALLOWED_ALGORITHMS],
      issuer: provider.url,
      currentDate: options.now,
      clockTolerance: CLOCK_SKEW_SECONDS,
      requiredClaims: ['exp'],
    }));
  } catch (err) {
    throw verificationError(err, options.now);
  }
  const nowSeconds = Math.floor(options.now.getTime() / 1000);
  if (typeof claims.iat === 'number' && claims.iat > nowSeconds + CLOCK_SKEW_SECONDS)
    throw invalidToken('The web identity token was issued in the future (iat).');

  // 4. the audience: one of the provider's client ids
  const audiences =
    typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud : [];
  const audience = audiences.find((a) => provider.clientIds.includes(a));
  if (audience === undefined) throw invalidToken(INCORRECT_AUDIENCE);
  if (typeof claims.sub !== 'string' || claims.sub === '')
    throw new AwsError('IDPRejectedClaim', 'The web identity token has no sub (subject) claim.');

  const { tags, transitiveTagKeys } = sessionTags(claims[TAGS_CLAIM]);
  const sourceIdentity = claims[SOURCE_IDENTITY_CLAIM];
  if (sourceIdentity !== undefined && typeof sourceIdentity !== 'string')
    throw new AwsError('IDPRejectedClaim', `The ${SOURCE_IDENTITY_CLAIM} claim must be a string.`);
  const otherAudiences = audiences.filter((a) => a !== audience);
  const prefix = provider.hostAndPath;
  const conditionKeys: Record<string, string | string[]> = {
    [`${prefix}:sub`]: claims.sub,
    [`${prefix}:aud`]: audience,
  };
  if (otherAudiences.length) conditionKeys[`${prefix}:oaud`] = otherAudiences;
  if (typeof claims.azp === 'string') conditionKeys[`${prefix}:azp`] = claims.azp;
  const amr = claims.amr;
  if (typeof amr === 'string') conditionKeys[`${prefix}:amr`] = amr;
  else if (Array.isArray(amr))
    conditionKeys[`${prefix}:amr`] = amr.filter((v): v is string => typeof v === 'string');
  return {
    provider,
    claims,
    subject: claims.sub,
    audience,
    otherAudiences,
    tags,
    transitiveTagKeys,
    ...(sourceIdentity !== undefined ? { sourceIdentity } : {}),
    conditionKeys,
  };
}

/** The issuer's keys could not be fetched or read: the provider's failure, not the token's. */
class KeyRetrievalFailure extends Error {}

/**
 * The key getter, with its failures told apart: finding no key (or several) for the token's header is
 * the token's fault; anything else (a fetch that failed, a key set that cannot be read) the provider's.
 */
function keyFailuresMarked(keys: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await keys(header, token);
    } catch (err) {
      if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys)
        throw err;
      throw new KeyRetrievalFailure("the issuer's key set could not be had", { cause: err });
    }
  };
}

/** Maps jose's verification failures to AWS's errors. */
function verificationError(err: unknown, now: Date): AwsError {
  if (err instanceof AwsError) return err;
  if (err instanceof KeyRetrievalFailure)
    return new AwsError('IDPCommunicationError', IDP_UNREACHABLE, { cause: err.cause });
  if (err instanceof errors.JWTExpired) {
    const exp = err.payload.exp;
    return new AwsError(
      'ExpiredTokenException',
      `Token expired: current date/time ${Math.floor(now.getTime() / 1000)} must be before the expiration date/time${exp ?? ''}`,
      { cause: err },
    );
  }
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf') return invalidToken('The web identity token is not valid yet (nbf).', err);
    if (err.claim === 'iss')
      return invalidToken(
        `No OpenIDConnect provider found in your account for ${String(err.payload.iss)}`,
        err,
      );
    return invalidToken(`The web identity token's ${err.claim} claim is not valid.`, err);
  }
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys)
    return invalidToken(IDP_UNREACHABLE, err);
  if (err instanceof errors.JWSSignatureVerificationFailed)
    return invalidToken('The web identity token signature could not be verified.', err);
  if (err instanceof errors.JOSEAlgNotAllowed)
    return invalidToken('The web identity token algorithm is not allowed.', err);
  // anything else jose refuses (JWSInvalid, JWTInvalid, JOSENotSupported …) is in the token
  return invalidToken(NOT_A_JWT, err);
}

/**
 * Session tags from the `https://aws.amazon.com/tags` claim:
 * `{ "principal_tags": { "Key": ["Value"] }, "transitive_tag_keys": ["Key"] }`.
 */
function sessionTags(claim: unknown): {
  tags: { Key: string; Value: string }[];
  transitiveTagKeys: string[];
} {
  if (claim === undefined) return { tags: [], transitiveTagKeys: [] };
  const rejected = (what: string) =>
    new AwsError('IDPRejectedClaim', `The ${TAGS_CLAIM} claim is not valid: ${what}.`);
  if (typeof claim !== 'object' || claim === null || Array.isArray(claim)) throw rejected('not an object');
  const { principal_tags: principalTags, transitive_tag_keys: transitive } = claim as Record<string, unknown>;
  const tags: { Key: string; Value: string }[] = [];
  if (principalTags !== undefined) {
    if (typeof principalTags !== 'object' || principalTags === null || Array.isArray(principalTags))
      throw rejected('principal_tags is not an object');
    for (const [key, value] of Object.entries(principalTags as Record<string, unknown>)) {
      const v = Array.isArray(value) ? (value as unknown[]) : [value];
      if (v.length !== 1 || typeof v[0] !== 'string') throw rejected(`tag ${key} must have one string value`);
      tags.push({ Key: key, Value: v[0] });
    }
  }
  if (tags.length > 50) throw rejected('more than 50 tags');
  for (const t of tags)
    if (
      !/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u.test(t.Key) ||
      !/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u.test(t.Value)
    )
      throw rejected(`tag ${t.Key} has an invalid key or value`);
  let transitiveTagKeys: string[] = [];
  if (transitive !== undefined) {
    if (!Array.isArray(transitive) || !transitive.every((k): k is string => typeof k === 'string'))
      throw rejected('transitive_tag_keys is not a list of strings');
    transitiveTagKeys = transitive;
  }
  return { tags, transitiveTagKeys };
}
