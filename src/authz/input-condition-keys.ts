// The condition keys an IAM request carries in its own parameters: aws:RequestTag/… and
// aws:TagKeys from Tags and TagKeys, iam:PermissionsBoundary, iam:PolicyARN and
// iam:AWSServiceName, per the IAM service authorization reference.
import type { ContextInput } from '../policy/index.ts';

export interface InputConditionKeys {
  keys: Record<string, ContextInput>;
  requestTags?: Record<string, string>;
}

interface TagLike {
  Key: string;
  Value: string;
}

export function inputConditionKeys(actionName: string, input: Record<string, unknown>): InputConditionKeys {
  const keys: Record<string, ContextInput> = {};
  let requestTags: Record<string, string> | undefined;
  const tags = input.Tags as TagLike[] | undefined;
  if (Array.isArray(tags)) requestTags = Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
  if (Array.isArray(input.TagKeys)) keys['aws:TagKeys'] = input.TagKeys as string[];
  if (typeof input.PermissionsBoundary === 'string')
    keys['iam:PermissionsBoundary'] = input.PermissionsBoundary;
  if (typeof input.PolicyArn === 'string' && /^(Attach|Detach)/.test(actionName))
    keys['iam:PolicyARN'] = input.PolicyArn;
  if (typeof input.AWSServiceName === 'string') keys['iam:AWSServiceName'] = input.AWSServiceName;
  return requestTags ? { keys, requestTags } : { keys };
}
