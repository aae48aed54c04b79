// The escalation graph: who can become whom in an account — principals, the edges by which one gains
// another's power (each decided by the policy engine), the shortest paths to admin or to a role, and
// their text, JSON, DOT and SVG forms.
export type {
  AccountPrincipals,
  GraphGroup,
  GraphPolicy,
  GraphRole,
  GraphUser,
} from './account-principals.ts';
export { loadAccountPrincipals } from './account-principals.ts';
export type { GraphOptions, GraphSources } from './build-graph.ts';
export { buildEscalationGraph } from './build-graph.ts';
export type { EdgeContext, EdgeFamily } from './edges/index.ts';
export { ADMINISTRATOR_ACCESS, CODE_RUNNERS, EDGE_FAMILIES } from './edges/index.ts';
export type { GraphFormat, GraphReport } from './graph-formats.ts';
export { formatGraphReport, GRAPH_FORMATS } from './graph-formats.ts';
export type {
  AdminNode,
  EdgeKind,
  EscalationPath,
  GraphEdge,
  GraphNode,
  Permission,
  PrincipalKind,
  PrincipalNode,
  StatementRef,
} from './graph-model.ts';
export { ADMIN, EscalationGraph } from './graph-model.ts';
export type { PathSearchOptions } from './path-search.ts';
export { findPaths } from './path-search.ts';
