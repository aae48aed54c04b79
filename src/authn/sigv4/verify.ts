// Verifying a SigV4-signed request, as a short list of named steps in AWS's order:
// parse → clock → credential scope → secret → canonical request → signature.
import { canonicalFor } from './canonical-request.ts';
import { DEFAULT_MAX_SKEW_MS, checkClock } from './check-clock.ts';
import { checkCredentialScope } from './credential-scope.ts';
import { SigV4Error, messages } from './errors.ts';
import { parseAuthorization, type ParsedAuth } from './parse-authorization.ts';
import type {
  SecretLookup,
  SignedRequest,
  SigningSecret,
  VerifiedSignature,
  VerifyOptions,
} from './signed-request.ts';
import { SigningKeyCache } from './signing-key-cache.ts';

const signingKeys = new SigningKeyCache();

/**
 * Whether two signatures are equal, in time that does not depend on where they differ: every one of
 * the 64 hex digits is compared, with no early exit. `expected` is 64 lower-case hex digits, so a
 * provided signature of another length or with any other character (upper-case hex included) never
 * matches; its form is no secret.
 */
function signaturesMatch(expected: string, provided: string): boolean {
  if (expected.length !== provided.length) return false;
  let difference = 0;
  for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ provided.charCodeAt(i);
  return difference === 0;
}

/**
 * Verifies a request signed with SigV4, in the Authorization header or as a presigned URL.
 * Throws SigV4Error with AWS's code, status and message; `lookup` is called only for a request
 * whose authentication parses, is current and is scoped right.
 */
export async function verifySigV4(
  req: SignedRequest,
  lookup: SecretLookup,
  now: Date,
  opts: VerifyOptions = {},
  /** The request's authorization, when the caller has already parsed it (not parsed twice). */
  parsed: ParsedAuth = parseAuthorization(req),
): Promise<VerifiedSignature> {
  checkClock(parsed.signedAt, now, opts.maxSkewMs ?? DEFAULT_MAX_SKEW_MS, parsed.expiresSeconds);
  checkCredentialScope(parsed, opts);
  const found = lookup(parsed.accessKeyId, parsed.sessionToken);
  // a secret found at once (a cached key, a session token) is used without a turn of the microtask queue
  const secret: SigningSecret | undefined = found instanceof Promise ? await found : found;
  if (secret === undefined) throw new SigV4Error('InvalidClientTokenId', messages.invalidClientTokenId);
  const { stringToSign } = canonicalFor(req, parsed, opts);
  const key = signingKeys.get(secret.secretAccessKey, parsed);
  if (!signaturesMatch(key.hex(stringToSign), parsed.signature)) {
    throw new SigV4Error('SignatureDoesNotMatch', messages.signatureDoesNotMatch);
  }
  const verified: VerifiedSignature = {
    accessKeyId: parsed.accessKeyId,
    region: parsed.region,
    service: parsed.service,
    signedAt: parsed.signedAt,
    presigned: parsed.presigned,
    signedHeaders: parsed.signedHeaders,
  };
  if (parsed.sessionToken !== undefined) verified.sessionToken = parsed.sessionToken;
  return verified;
}
