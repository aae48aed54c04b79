// The managed policy actions in the registry: policies, their versions, tags and attachments.
import type { Action } from '../action.ts';
import { AttachGroupPolicy } from './attach-group-policy.ts';
import { AttachRolePolicy } from './attach-role-policy.ts';
import { AttachUserPolicy } from './attach-user-policy.ts';
import { CreatePolicy } from './create-policy.ts';
import { CreatePolicyVersion } from './create-policy-version.ts';
import { DeletePolicy } from './delete-policy.ts';
import { DeletePolicyVersion } from './delete-policy-version.ts';
import { DetachGroupPolicy } from './detach-group-policy.ts';
import { DetachRolePolicy } from './detach-role-policy.ts';
import { DetachUserPolicy } from './detach-user-policy.ts';
import { GetPolicy } from './get-policy.ts';
import { GetPolicyVersion } from './get-policy-version.ts';
import { ListAttachedGroupPolicies } from './list-attached-group-policies.ts';
import { ListAttachedRolePolicies } from './list-attached-role-policies.ts';
import { ListAttachedUserPolicies } from './list-attached-user-policies.ts';
import { ListEntitiesForPolicy } from './list-entities-for-policy.ts';
import { ListPolicies } from './list-policies.ts';
import { ListPolicyVersions } from './list-policy-versions.ts';
import { SetDefaultPolicyVersion } from './set-default-policy-version.ts';

export const policyActions: Action[] = [
  CreatePolicy,
  GetPolicy,
  ListPolicies,
  DeletePolicy,
  CreatePolicyVersion,
  GetPolicyVersion,
  ListPolicyVersions,
  DeletePolicyVersion,
  SetDefaultPolicyVersion,
  AttachUserPolicy,
  DetachUserPolicy,
  ListAttachedUserPolicies,
  AttachGroupPolicy,
  DetachGroupPolicy,
  ListAttachedGroupPolicies,
  AttachRolePolicy,
  DetachRolePolicy,
  ListAttachedRolePolicies,
  ListEntitiesForPolicy,
];
