// The payload line of the canonical request: the SHA-256 of the body as received, checked against
// x-amz-content-sha256 when the client sent one.
import { SigV4Error, messages } from './errors.ts';
import { sha256Hex } from './node-sha256.ts';
import { firstHeader, type SignedRequest } from './signed-request.ts';

export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/**
 * IAM and STS sign the body's real hash, so a declared hash that differs (UNSIGNED-PAYLOAD included,
 * unless allowed) can never verify: refused here as SignatureDoesNotMatch, before any HMAC.
 */
export function payloadHashFor(req: SignedRequest, allowUnsignedPayload: boolean): string {
  const declared = firstHeader(req, 'x-amz-content-sha256');
  if (declared === UNSIGNED_PAYLOAD && allowUnsignedPayload) return UNSIGNED_PAYLOAD;
  const actual = req.payloadHash ?? sha256Hex(req.body);
  if (declared !== undefined && declared !== actual) {
    throw new SigV4Error('SignatureDoesNotMatch', messages.signatureDoesNotMatch);
  }
  return actual;
}
