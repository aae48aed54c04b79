// Every SSO Admin (IAM Identity Center administration, X-Amz-Target SWBExternalService.*) action
// Tessera serves, for the registry: instances, permission sets and their policies and tags, account
// assignments, provisioning, and the status of asynchronous requests.
import type { Action } from '../action.ts';
import {
  assignmentChangeActions,
  ListAccountAssignments,
  ListAccountAssignmentsForPrincipal,
} from './assignments.ts';
import {
  CreateInstance,
  DeleteInstance,
  DescribeInstance,
  ListInstances,
  UpdateInstance,
} from './instances.ts';
import {
  attachedPolicyActions,
  DeleteInlinePolicyFromPermissionSet,
  DeletePermissionsBoundaryFromPermissionSet,
  GetInlinePolicyForPermissionSet,
  GetPermissionsBoundaryForPermissionSet,
  PutInlinePolicyToPermissionSet,
  PutPermissionsBoundaryToPermissionSet,
} from './permission-set-policies.ts';
import {
  CreatePermissionSet,
  DeletePermissionSet,
  DescribePermissionSet,
  ListPermissionSets,
  UpdatePermissionSet,
} from './permission-sets.ts';
import {
  ListAccountsForProvisionedPermissionSet,
  ListPermissionSetsProvisionedToAccount,
  ProvisionPermissionSet,
} from './provisioning.ts';
import { requestStatusActions } from './request-status.ts';
import { ListTagsForResource, TagResource, UntagResource } from './resource-tags.ts';

export const ssoAdminActions: readonly Action[] = [
  ListInstances,
  DescribeInstance,
  CreateInstance,
  UpdateInstance,
  DeleteInstance,
  CreatePermissionSet,
  DescribePermissionSet,
  UpdatePermissionSet,
  DeletePermissionSet,
  ListPermissionSets,
  PutInlinePolicyToPermissionSet,
  GetInlinePolicyForPermissionSet,
  DeleteInlinePolicyFromPermissionSet,
  ...attachedPolicyActions,
  PutPermissionsBoundaryToPermissionSet,
  GetPermissionsBoundaryForPermissionSet,
  DeletePermissionsBoundaryFromPermissionSet,
  TagResource,
  UntagResource,
  ListTagsForResource,
  ...assignmentChangeActions,
  ListAccountAssignments,
  ListAccountAssignmentsForPrincipal,
  ProvisionPermissionSet,
  ListAccountsForProvisionedPermissionSet,
  ListPermissionSetsProvisionedToAccount,
  ...requestStatusActions,
];
