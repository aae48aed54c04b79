// Importing a real AWS account's IAM from `aws iam get-account-authorization-details` output.
export { importAuthorizationDetails } from './import-authz-details.ts';
export type { EntityCounts, ImportOptions, ImportSummary } from './import-authz-details.ts';
export type { ImportProgress } from './apply-principals.ts';
export type { AwsPolicySources } from './aws-policy-references.ts';
export { PLACEHOLDER_DESCRIPTION } from './aws-policy-references.ts';
export { ImportError } from './import-error.ts';
export type { QuotaRaise } from './quota-needs.ts';
export { IMPORT_ORGANIZATION_TAG } from './scp-organization.ts';
export type { ScpFile, ScpLevel, ScpPlacement } from './scp-organization.ts';
