// Organizations' model: the organization tree, its policies and its rules.
export * from './default-policies.ts';
export * from './org-arns.ts';
export * from './org-errors.ts';
export * from './org-ids.ts';
export * from './organization.ts';
export * from './effective-policy.ts';
export * from './org-policies.ts';
export * from './org-policy-errors.ts';
export * from './org-tags.ts';
export * from './org-targets.ts';
export * from './policy-types.ts';
export * from './accounts.ts';
export * from './delegated-admins.ts';
export * from './handshakes.ts';
export * from './tree-paths.ts';
export * from './units.ts';
export * from './root-access.ts';
