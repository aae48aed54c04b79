// The Organizations actions for policies: policy types on the root, SCPs and RCPs and their
// attachments, effective policies, and the tags of roots, OUs, accounts and policies.
import type { Action } from '../action.ts';
import { AttachPolicy } from './attach-policy.ts';
import { CreatePolicy } from './create-policy.ts';
import { DeletePolicy } from './delete-policy.ts';
import { DescribeEffectivePolicy } from './describe-effective-policy.ts';
import { DescribePolicy } from './describe-policy.ts';
import { DetachPolicy } from './detach-policy.ts';
import { DisablePolicyType } from './disable-policy-type.ts';
import { EnablePolicyType } from './enable-policy-type.ts';
import { ListPoliciesForTarget } from './list-policies-for-target.ts';
import { ListPolicies } from './list-policies.ts';
import { ListTargetsForPolicy } from './list-targets-for-policy.ts';
import { ListTagsForResource, TagResource, UntagResource } from './org-tagging.ts';
import { UpdatePolicy } from './update-policy.ts';

export const policyActions: readonly Action[] = [
  EnablePolicyType,
  DisablePolicyType,
  CreatePolicy,
  DescribePolicy,
  UpdatePolicy,
  DeletePolicy,
  ListPolicies,
  AttachPolicy,
  DetachPolicy,
  ListPoliciesForTarget,
  ListTargetsForPolicy,
  DescribeEffectivePolicy,
  TagResource,
  UntagResource,
  ListTagsForResource,
];
