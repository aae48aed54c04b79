// The IAM identities that hold policies — users, groups and roles — and how a request names one:
// IAM's actions for them differ only by that noun (AttachUserPolicy, AttachGroupPolicy,
// AttachRolePolicy…) and by the member carrying the name (UserName, GroupName, RoleName).

export type PolicyHolder = 'User' | 'Group' | 'Role';

/** The request member naming the holder: `{ UserName: 'alice' }`. */
export const holderInput = (holder: PolicyHolder, name: string): Record<string, string> => ({
  [`${holder}Name`]: name,
});
