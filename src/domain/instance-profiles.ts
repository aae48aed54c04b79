// The instance profile: creation within the account's quota, at most one role (AWS's
// InstanceSessionsPerInstanceProfile quota of 1), and deletion only once its role is removed.
import type { Quotas } from '../config/index.ts';
import { alreadyExists, deleteConflict, limitExceeded, noSuchEntity } from '../errors.ts';
import {
  onUniqueViolation,
  type Change,
  type ReadRepos,
  type Repos,
  type InstanceProfileRow,
} from '../store/index.ts';
import { iamArn } from './arns.ts';
import { newUniqueId } from './ids.ts';
import { assertModifiableRole, getRoleRow } from './roles.ts';
import { addTags, checkNewTags, type Tag } from './tags.ts';

export interface NewInstanceProfile {
  InstanceProfileName: string;
  Path?: string;
  Tags?: Tag[];
}

const ROLE_QUOTA_MESSAGE = 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1';

export const instanceProfileChange = (row: InstanceProfileRow): Change => ({
  accountId: row.account_id,
  entity: 'instance-profile',
  id: row.instance_profile_id,
});

export async function getInstanceProfileRow(
  repos: ReadRepos,
  accountId: string,
  name: string,
): Promise<InstanceProfileRow> {
  const row = await repos.instanceProfiles.byName(accountId, name);
  if (!row) throw noSuchEntity(`Instance Profile ${name} cannot be found.`);
  return row;
}

export async function createInstanceProfile(
  repos: Repos,
  accountId: string,
  input: NewInstanceProfile,
  quotas: Quotas,
  now: Date,
): Promise<InstanceProfileRow> {
  const name = input.InstanceProfileName;
  const exists = () => alreadyExists(`Instance Profile ${name} already exists.`);
  if (input.Tags?.length) checkNewTags(input.Tags);
  if (await repos.instanceProfiles.byName(accountId, name)) throw exists();
  if ((await repos.instanceProfiles.count(accountId)) >= quotas.instanceProfilesPerAccount)
    throw limitExceeded(
      `Cannot exceed quota for InstanceProfilesPerAccount: ${quotas.instanceProfilesPerAccount}`,
    );
  const path = input.Path ?? '/';
  const row: InstanceProfileRow = {
    instance_profile_id: newUniqueId('AIPA'),
    account_id: accountId,
    name,
    name_key: name.toLowerCase(),
    path,
    arn: iamArn(accountId, 'instance-profile', path, name),
    created_at: now.toISOString(),
  };
  await onUniqueViolation(repos.instanceProfiles.insert(row), () => exists());
  if (input.Tags?.length)
    await addTags(
      repos,
      instanceProfileChange(row),
      'instance-profile',
      row.instance_profile_id,
      input.Tags,
      quotas.tagsPerResource,
    );
  return row;
}

/** Deletes an instance profile that holds no role, as DeleteInstanceProfile requires. */
export async function deleteInstanceProfile(repos: Repos, accountId: string, name: string): Promise<void> {
  const row = await getInstanceProfileRow(repos, accountId, name);
  const roles = await repos.instanceProfiles.rolesOf([row.instance_profile_id]);
  if (roles.get(row.instance_profile_id)?.length)
    throw deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
  await repos.tags.removeAll('instance-profile', row.instance_profile_id);
  await repos.instanceProfiles.delete(accountId, row.instance_profile_id);
}

/** Puts a role into an instance profile that holds none yet. */
export async function addRoleToInstanceProfile(
  repos: Repos,
  accountId: string,
  profileName: string,
  roleName: string,
): Promise<void> {
  const profile = await getInstanceProfileRow(repos, accountId, profileName);
  const role = await getRoleRow(repos, accountId, roleName);
  assertModifiableRole(role);
  const held = await repos.instanceProfiles.rolesOf([profile.instance_profile_id]);
  if (held.get(profile.instance_profile_id)?.length) throw limitExceeded(ROLE_QUOTA_MESSAGE);
  // The table's key (one row per instance profile) holds the quota even against a racing writer.
  await onUniqueViolation(
    repos.instanceProfiles.addRole(accountId, profile.instance_profile_id, role.role_id),
    () => limitExceeded(ROLE_QUOTA_MESSAGE),
  );
}

export async function removeRoleFromInstanceProfile(
  repos: Repos,
  accountId: string,
  profileName: string,
  roleName: string,
): Promise<void> {
  const profile = await getInstanceProfileRow(repos, accountId, profileName);
  const role = await getRoleRow(repos, accountId, roleName);
  assertModifiableRole(role);
  if (!(await repos.instanceProfiles.removeRole(accountId, profile.instance_profile_id, role.role_id)))
    throw noSuchEntity(
      `The role with name ${role.role_name} cannot be found in instance profile ${profile.name}.`,
    );
}
