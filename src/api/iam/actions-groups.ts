// The group and inline-policy (user and group) actions in the registry.
import type { Action } from '../action.ts';
import { AddUserToGroup } from './add-user-to-group.ts';
import { CreateGroup } from './create-group.ts';
import { DeleteGroup } from './delete-group.ts';
import { GetGroup } from './get-group.ts';
import { ListGroups } from './list-groups.ts';
import { ListGroupsForUser } from './list-groups-for-user.ts';
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
];
