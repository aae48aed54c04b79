// IAM Identity Center's model: instances and their identity stores (directory, permission sets,
// assignments and provisioning build on them).
export * from './instances.ts';
export * from './sign-in.ts';
export * from './sso-oidc.ts';
export * from './portal.ts';
export * from './directory.ts';
export * from './permission-sets.ts';
export * from './provisioning.ts';
export * from './assignments.ts';
