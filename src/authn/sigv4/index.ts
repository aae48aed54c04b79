// SigV4 request verification for the server: header-signed and presigned requests, AWS's errors.
export { verifySigV4 } from './verify.ts';
export {
  parseAuthorization,
  splitCredential,
  type CredentialParts,
  type ParsedAuth,
} from './parse-authorization.ts';
export { firstParam, parseQuery } from './query-params.ts';
export { canonicalFor, type CanonicalForm } from './canonical-request.ts';
export { SigV4Error, type SigV4ErrorCode } from './errors.ts';
export { NodeSha256 } from './node-sha256.ts';
export type {
  SecretLookup,
  SignedRequest,
  SigningSecret,
  VerifiedSignature,
  VerifyOptions,
} from './signed-request.ts';
