// IAM Access Analyzer's rules: analyzers, the findings they compute (external and unused access),
// archive rules, and the statistics over findings.
export * from './analysis-rule.ts';
export * from './analyzer-errors.ts';
export * from './analyzer-types.ts';
export * from './analyzers.ts';
export * from './archive-rules.ts';
export * from './external-access.ts';
export type * from './finding-shapes.ts';
export * from './findings.ts';
export { accountUnusedAccess, type PendingUses } from './unused-access.ts';
export { requireRecommendable, unusedPermissionSteps, type RecommendedStep } from './recommendations.ts';
