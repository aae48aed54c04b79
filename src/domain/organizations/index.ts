// Organizations' model: the organization tree, its policies and its rules.
export * from './default-policies.ts';
export * from './org-arns.ts';
export * from './org-errors.ts';
export * from './org-ids.ts';
export * from './organization.ts';
