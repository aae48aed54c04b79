// The IAM user: creation within quota, lookup, rename and move, deletion only once nothing hangs
// off it, and its permissions boundary.
import { alreadyExists, deleteConflict, limitExceeded, noSuchEntity } from '../errors.ts';
import { onUniqueViolation, type ReadRepos, type Repos, type UserRow } from '../store/index.ts';
import type { Quotas } from '../config/index.ts';
import { iamArn } from './arns.ts';
import { newUniqueId } from './ids.ts';
import { addTags, type Tag } from './tags.ts';
import { retireTrustPrincipal } from './trust-principals.ts';
import { requireBoundaryPolicy } from './permissions-boundary.ts';

export interface NewUser {
  UserName: string;
  Path?: string;
  PermissionsBoundary?: string;
  Tags?: Tag[];
}

export async function getUserRow(repos: ReadRepos, accountId: string, userName: string): Promise<UserRow> {
  const row = await repos.users.byName(accountId, userName);
  if (!row) throw noSuchEntity(`The user with name ${userName} cannot be found.`);
  return row;
}

export async function createUser(
  repos: Repos,
  accountId: string,
  input: NewUser,
  quotas: Quotas,
  now: Date,
): Promise<UserRow> {
  if (await repos.users.byName(accountId, input.UserName))
    throw alreadyExists(`User with name ${input.UserName} already exists.`);
  if ((await repos.users.count(accountId)) >= quotas.usersPerAccount)
    throw limitExceeded(`Cannot exceed quota for UsersPerAccount: ${quotas.usersPerAccount}`);
  if (input.PermissionsBoundary) await requireBoundaryPolicy(repos, accountId, input.PermissionsBoundary);
  const path = input.Path ?? '/';
  const row: UserRow = {
    user_id: newUniqueId('AIDA'),
    account_id: accountId,
    user_name: input.UserName,
    name_key: input.UserName.toLowerCase(),
    path,
    arn: iamArn(accountId, 'user', path, input.UserName),
    created_at: now.toISOString(),
    permissions_boundary: input.PermissionsBoundary ?? null,
    password_last_used: null,
  };
  await onUniqueViolation(repos.users.insert(row), () =>
    alreadyExists(`User with name ${input.UserName} already exists.`),
  );
  if (input.Tags?.length)
    await addTags(
      repos,
      { accountId, entity: 'user', id: row.user_id },
      'user',
      row.user_id,
      input.Tags,
      quotas.tagsPerResource,
    );
  return row;
}

export async function updateUser(
  repos: Repos,
  accountId: string,
  userName: string,
  change: { NewUserName?: string; NewPath?: string },
): Promise<void> {
  const row = await getUserRow(repos, accountId, userName);
  const name = change.NewUserName ?? row.user_name;
  const path = change.NewPath ?? row.path;
  if (change.NewUserName && change.NewUserName.toLowerCase() !== row.name_key) {
    if (await repos.users.byName(accountId, change.NewUserName))
      throw alreadyExists(`User with name ${change.NewUserName} already exists.`);
  }
  await repos.users.update(accountId, row.user_id, {
    user_name: name,
    name_key: name.toLowerCase(),
    path,
    arn: iamArn(accountId, 'user', path, name),
  });
}

/** Deletes a user that has nothing attached, as DeleteUser requires. */
export async function deleteUser(repos: Repos, accountId: string, userName: string): Promise<void> {
  const row = await getUserRow(repos, accountId, userName);
  const blockers = await repos.users.dependents(row.user_id);
  if (blockers.loginProfile) throw deleteConflict('Cannot delete entity, must delete login profile first.');
  if (blockers.accessKeys) throw deleteConflict('Cannot delete entity, must delete access keys first.');
  if (blockers.groups) throw deleteConflict('Cannot delete entity, must remove users from group first.');
  if (blockers.attachedPolicies)
    throw deleteConflict('Cannot delete entity, must detach all policies first.');
  if (blockers.inlinePolicies) throw deleteConflict('Cannot delete entity, must delete policies first.');
  if (blockers.mfaDevices) throw deleteConflict('Cannot delete entity, must delete MFA device first.');
  if ((await repos.signingCertificates.listFor(accountId, row.user_id)).length > 0)
    throw deleteConflict('Cannot delete entity, must delete certificates first.');
  // AWS names no entity for SSH public keys
  if ((await repos.sshPublicKeys.listFor(row.user_id)).length > 0)
    throw deleteConflict('Cannot delete entity, must remove referenced objects first.');
  if ((await repos.serviceSpecificCredentials.listFor(row.user_id)).length > 0)
    throw deleteConflict('Cannot delete entity, must remove referenced objects first.');
  await repos.tags.removeAll('user', row.user_id);
  await repos.users.delete(accountId, row.user_id);
  await retireTrustPrincipal(repos, row.user_id);
}

export async function setUserBoundary(
  repos: Repos,
  accountId: string,
  userName: string,
  boundaryArn: string | null,
): Promise<void> {
  const row = await getUserRow(repos, accountId, userName);
  if (boundaryArn) await requireBoundaryPolicy(repos, accountId, boundaryArn);
  await repos.users.update(accountId, row.user_id, { permissions_boundary: boundaryArn });
}
