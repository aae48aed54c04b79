// The managed policy actions in the registry: policies, their versions, tags and attachments.
import type { Action } from '../action.ts';
import { CreatePolicy } from './create-policy.ts';
import { CreatePolicyVersion } from './create-policy-version.ts';
import { DeletePolicy } from './delete-policy.ts';
import { DeletePolicyVersion } from './delete-policy-version.ts';
import { GetPolicy } from './get-policy.ts';
import { GetPolicyVersion } from './get-policy-version.ts';
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
  ListEntitiesForPolicy,
];
