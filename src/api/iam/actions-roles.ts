// The role actions in the registry: roles, their inline policies, and service-linked roles.
import type { Action } from '../action.ts';
import { CreateRole } from './create-role.ts';
import { CreateServiceLinkedRole } from './create-service-linked-role.ts';
import { DeleteRole } from './delete-role.ts';
import { DeleteServiceLinkedRole } from './delete-service-linked-role.ts';
import { GetRole } from './get-role.ts';
import { GetServiceLinkedRoleDeletionStatus } from './get-service-linked-role-deletion-status.ts';
import { ListRoles } from './list-roles.ts';
import { UpdateAssumeRolePolicy } from './update-assume-role-policy.ts';
import { UpdateRole } from './update-role.ts';
import { UpdateRoleDescription } from './update-role-description.ts';

export const roleActions: Action[] = [
  CreateRole,
  GetRole,
  ListRoles,
  UpdateRole,
  UpdateRoleDescription,
  UpdateAssumeRolePolicy,
  DeleteRole,
  CreateServiceLinkedRole,
  DeleteServiceLinkedRole,
  GetServiceLinkedRoleDeletionStatus,
];
