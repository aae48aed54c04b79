// Every Identity Store action Tessera serves, for the registry: users, groups and memberships.
import type { Action } from '../action.ts';
import { CreateGroup, DeleteGroup, DescribeGroup, GetGroupId, ListGroups, UpdateGroup } from './groups.ts';
import {
  CreateGroupMembership,
  DeleteGroupMembership,
  DescribeGroupMembership,
  GetGroupMembershipId,
  IsMemberInGroups,
  membershipListActions,
} from './memberships.ts';
import { CreateUser, DeleteUser, DescribeUser, GetUserId, ListUsers, UpdateUser } from './users.ts';

export const identityStoreActions: readonly Action[] = [
  CreateUser,
  DescribeUser,
  ListUsers,
  UpdateUser,
  DeleteUser,
  GetUserId,
  CreateGroup,
  DescribeGroup,
  ListGroups,
  UpdateGroup,
  DeleteGroup,
  GetGroupId,
  CreateGroupMembership,
  DescribeGroupMembership,
  ...membershipListActions,
  DeleteGroupMembership,
  GetGroupMembershipId,
  IsMemberInGroups,
];
