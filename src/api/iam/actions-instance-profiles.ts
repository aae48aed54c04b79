// The instance profile actions in the registry.
import type { Action } from '../action.ts';
import { AddRoleToInstanceProfile } from './add-role-to-instance-profile.ts';
import { CreateInstanceProfile } from './create-instance-profile.ts';
import { DeleteInstanceProfile } from './delete-instance-profile.ts';
import { GetInstanceProfile } from './get-instance-profile.ts';
import { ListInstanceProfiles } from './list-instance-profiles.ts';
import { ListInstanceProfilesForRole } from './list-instance-profiles-for-role.ts';
import { RemoveRoleFromInstanceProfile } from './remove-role-from-instance-profile.ts';

export const instanceProfileActions: Action[] = [
  CreateInstanceProfile,
  GetInstanceProfile,
  ListInstanceProfiles,
  DeleteInstanceProfile,
  AddRoleToInstanceProfile,
  RemoveRoleFromInstanceProfile,
  ListInstanceProfilesForRole,
];
