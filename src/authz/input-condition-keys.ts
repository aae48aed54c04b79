// The condition keys an IAM request carries: aws:RequestTag/… and aws:TagKeys from Tags and TagKeys,
// iam:PermissionsBoundary, iam:PolicyARN and iam:AWSServiceName, per the IAM service authorization
// reference (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html).
import type { ContextInput } from '../policy/index.ts';
import type { ResolvedResource } from './iam-resources.ts';

export interface InputConditionKeys {
  keys: Record<string, ContextInput>;
  requestTags?: Record<string, string>;
}

interface TagLike {
  Key: string;
  Value: string;
}

/**
 * Actions whose iam:PermissionsBoundary is the boundary the target user or role already has (the
 * delegated-administrator policies of the IAM User Guide rely on it): changing the permissions of an
 * entity is allowed or not by the boundary that entity carries.
 */
const EXISTING_BOUNDARY_ACTIONS: ReadonlySet<string> = new Set([
  'AttachUserPolicy',
  'DetachUserPolicy',
  'PutUserPolicy',
  'DeleteUserPolicy',
  'DeleteUserPermissionsBoundary',
  'AttachRolePolicy',
  'DetachRolePolicy',
  'PutRolePolicy',
  'DeleteRolePolicy',
  'DeleteRolePermissionsBoundary',
]);

/** Actions whose iam:PolicyARN is the managed policy being attached or detached. */
const POLICY_ARN_ACTIONS: ReadonlySet<string> = new Set([
  'AttachUserPolicy',
  'DetachUserPolicy',
  'AttachGroupPolicy',
  'DetachGroupPolicy',
  'AttachRolePolicy',
  'DetachRolePolicy',
]);

export function inputConditionKeys(
  actionName: string,
  input: Record<string, unknown>,
  resource?: ResolvedResource,
): InputConditionKeys {
  const keys: Record<string, ContextInput> = {};
  let requestTags: Record<string, string> | undefined;
  const tags = input.Tags as TagLike[] | undefined;
  if (Array.isArray(tags)) requestTags = Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
  if (Array.isArray(input.TagKeys)) keys['aws:TagKeys'] = input.TagKeys as string[];
  // CreateUser, CreateRole, Put{User,Role}PermissionsBoundary: the boundary the request sets
  if (typeof input.PermissionsBoundary === 'string')
    keys['iam:PermissionsBoundary'] = input.PermissionsBoundary;
  else if (EXISTING_BOUNDARY_ACTIONS.has(actionName) && resource?.permissionsBoundary)
    keys['iam:PermissionsBoundary'] = resource.permissionsBoundary;
  if (typeof input.PolicyArn === 'string' && POLICY_ARN_ACTIONS.has(actionName))
    keys['iam:PolicyARN'] = input.PolicyArn;
  if (typeof input.AWSServiceName === 'string') keys['iam:AWSServiceName'] = input.AWSServiceName;
  return requestTags ? { keys, requestTags } : { keys };
}
