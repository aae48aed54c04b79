// The user actions in the registry.
import type { Action } from '../action.ts';
import { CreateUser } from './create-user.ts';
import { DeleteUser } from './delete-user.ts';
import { GetUser } from './get-user.ts';
import { ListUsers } from './list-users.ts';
import { UpdateUser } from './update-user.ts';

export const userActions: Action[] = [CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser];
