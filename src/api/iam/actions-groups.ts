// The group and inline-policy (user and group) actions in the registry.
import type { Action } from '../action.ts';
import { AddUserToGroup } from './add-user-to-group.ts';
import { CreateGroup } from './create-group.ts';
import { DeleteGroup } from './delete-group.ts';
import { DeleteGroupPolicy } from './delete-group-policy.ts';
import { DeleteUserPolicy } from './delete-user-policy.ts';
import { GetGroup } from './get-group.ts';
import { GetGroupPolicy } from './get-group-policy.ts';
import { GetUserPolicy } from './get-user-policy.ts';
import { ListGroupPolicies } from './list-group-policies.ts';
import { ListGroups } from './list-groups.ts';
import { ListGroupsForUser } from './list-groups-for-user.ts';
import { ListUserPolicies } from './list-user-policies.ts';
import { PutGroupPolicy } from './put-group-policy.ts';
import { PutUserPolicy } from './put-user-policy.ts';
import { RemoveUserFromGroup } from './remove-user-from-group.ts';
import { UpdateGroup } from './update-group.ts';

export const groupActions: Action[] = [
  CreateGroup,
  GetGroup,
  ListGroups,
  UpdateGroup,
  DeleteGroup,
  AddUserToGroup,
  RemoveUserFromGroup,
  ListGroupsForUser,
  PutUserPolicy,
  GetUserPolicy,
  ListUserPolicies,
  DeleteUserPolicy,
  PutGroupPolicy,
  GetGroupPolicy,
  ListGroupPolicies,
  DeleteGroupPolicy,
];
