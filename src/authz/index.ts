// Authorization for other services, as a library: the same answers as POST /_tessera/authorize, for
// code running in the same process as Tessera (or holding its Services and Authenticator).
export {
  authorizeExternalRequest,
  ExternalAuthorizationError,
  parseExternalInput,
  parsePrincipalArn,
  principalFromArn,
  resolveExternalPrincipal,
} from './external-request.ts';
export type {
  ExternalAuthorizationAnswer,
  ExternalAuthorizationDeps,
  ExternalAuthorizationInput,
  ExternalContextValue,
  ExternalPrincipalType,
  ExternalSignedRequest,
} from './external-request.ts';
export { explainRequest } from './explain.ts';
export type { ExplainedAuthorization, ExplainedStatement } from './explain.ts';
