// Analysis of an account's IAM: the advisor (and, beside it, Access Analyzer findings, the escalation
// graph and account import as they land). Other layers import analysis from this file only.
export {
  adviseAccount,
  ADVICE_FORMATS,
  ADVICE_RULES,
  type AccountAdvice,
  type Advice,
  type AdviceFormat,
  type AdviceRule,
  explainScore,
  formatAdvice,
  isSeverity,
  type PostureScore,
  type Severity as AdviceSeverity,
} from './advisor/index.ts';
export {
  ADMIN,
  buildEscalationGraph,
  type EscalationGraph,
  type EscalationPath,
  findPaths,
  formatGraphReport,
  GRAPH_FORMATS,
  type GraphEdge,
  type GraphFormat,
  type GraphSources,
} from './graph/index.ts';
