// The policy engine's public face: parse → validate → compile → evaluate, and the simulator on top.
// Everything under src/policy is pure (no I/O); other layers import only from this file.
export type {
  ConditionBlock,
  ConditionEntry,
  ConditionValue,
  ConditionValueType,
  Effect,
  Policy,
  PolicyKind,
  PolicyVersion,
  PrincipalElement,
  PrincipalEntry,
  PrincipalType,
  SourcePosition,
  SourceSpan,
  Statement,
  StringList,
  StringValue,
} from './policy-tree.ts';
export { policyVersion } from './policy-tree.ts';
export type { ParseError, ParseResult } from './parse-policy.ts';
export { parsePolicy } from './parse-policy.ts';
export type { PolicyCheckResult } from './check-policy-document.ts';
export { checkPolicyDocument, TRUST_POLICY_ACTIONS } from './check-policy-document.ts';
export { MALFORMED } from './malformed-policy-messages.ts';
export { policySizeWithoutWhitespace } from './policy-size.ts';
export type { Finding, FindingLocation, FindingSeverity } from './validate-policy.ts';
export { awsIssueCode, validatePolicy, policyFindings } from './validate-policy.ts';
export type {
  ContextEntry,
  ContextInput,
  ContextScalar,
  GlobalConditionValues,
  PrincipalKind,
  RequestInput,
  RequestPrincipal,
} from './request-context.ts';
export { arnAccount, PreparedRequest, prepareRequest } from './request-context.ts';
export type { CompiledPolicy, CompileOptions, CompileResult } from './compile-policy.ts';
export {
  compilePolicy,
  compilePolicyOrThrow,
  clearCompiledPolicyCache,
  compiledPolicyCacheStats,
} from './compile-policy.ts';
export type {
  Decision,
  DecisionResult,
  DenialReason,
  ExplainedDecision,
  PolicySet,
  PolicyType,
  TypeVerdict,
} from './authorize.ts';
export { authorize, explainAuthorization } from './authorize.ts';
export type { MatchedStatement } from './evaluate-policy.ts';
export { accessDeniedMessage, denialClause } from './access-denied-message.ts';
export type {
  EvalDecision,
  ResourceSpecificResult,
  SimulationInput,
  SimulationResult,
  SimulatorPosition,
  SimulatorStatement,
} from './simulate.ts';
export { simulatePolicies, simulationSteps, simulationWork } from './simulate.ts';
export type { PolicyWork } from './evaluation-work.ts';
export {
  CONTEXT_LIMITS,
  contextLimitProblem,
  EvaluationWorkExceeded,
  evaluationWork,
  WORK_LIMITS,
} from './evaluation-work.ts';
export type { ConditionKeyInfo, ConditionKeyType } from './condition-keys.ts';
export { conditionKeyInfo, GLOBAL_CONDITION_KEYS } from './condition-keys.ts';
export { BASE_OPERATORS, splitOperator } from './condition-operator-names.ts';
export { printPolicy } from './print-policy.ts';
export { PolicySetCache } from './policy-set-cache.ts';
export type { ActionCatalogue, CatalogueService } from './action-catalogue.ts';
export { awsCatalogue } from './action-catalogue.ts';
export type { AccessCheckPolicyType, AccessCheckReason, AccessCheckResult } from './access-checks.ts';
export {
  checkAccessNotGranted,
  checkNoNewAccess,
  checkNoPublicAccess,
  UnreadablePolicy,
} from './access-checks.ts';
export { globMatches, hasWildcard } from './glob-pattern.ts';
// addresses and CIDR ranges as the IpAddress operators read them (the server's trusted proxies too)
export { parseIpAddress, parseIpRange, rangeContains, type IpRange } from './ip-address.ts';
