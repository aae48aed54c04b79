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
export { decodeAuthorizationMessage } from './authorization-message.ts';
export { Authorizer } from './authorize.ts';
export type { RequestFacts } from './authorize.ts';
export type { FederatedAuthorizationRequest } from './federated-decision.ts';
export { resolveIamResource } from './iam-resources.ts';
export { inputConditionKeys } from './input-condition-keys.ts';
export { PolicyLoader } from './principal-policies.ts';
export { OrganizationPolicies } from './organization-policies.ts';
export type { AccountOrganization } from './organization-policies.ts';
export { refuseForSession } from './session-restrictions.ts';
export {
  callerPrincipal,
  compileSource,
  contextFromEntries,
  contextKeysOf,
  evaluationResult,
  inputSources,
  loadPrincipalPolicies,
  runSimulation,
  simulationRequest,
  uniqueKeys,
} from './simulation.ts';
