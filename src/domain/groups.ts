// The IAM group: creation within the account's group quota, lookup, rename and move, membership
// (at most the per-user group quota, adding twice is a no-op), and deletion only once no member,
// inline policy or attached managed policy is left.
import { alreadyExists, deleteConflict, limitExceeded, noSuchEntity } from '../errors.ts';
import { onUniqueViolation, type ReadRepos, type Repos, type GroupRow } from '../store/index.ts';
import type { Quotas } from '../config/index.ts';
import { iamArn } from './arns.ts';
import { newUniqueId } from './ids.ts';
import type { InlineOwner } from './inline-policies.ts';
import { getUserRow } from './users.ts';

export async function getGroupRow(repos: ReadRepos, accountId: string, groupName: string): Promise<GroupRow> {
  const row = await repos.groups.byName(accountId, groupName);
  if (!row) throw noSuchEntity(`The group with name ${groupName} cannot be found.`);
  return row;
}

/** The group named, as the owner of inline policies. */
export async function groupAsInlineOwner(
  repos: ReadRepos,
  accountId: string,
  groupName: string,
): Promise<InlineOwner> {
  const row = await getGroupRow(repos, accountId, groupName);
  return { type: 'group', id: row.group_id, accountId, name: row.group_name };
}

const exists = (name: string) => alreadyExists(`Group with name ${name} already exists.`);

export async function createGroup(
  repos: Repos,
  accountId: string,
  input: { GroupName: string; Path?: string },
  quotas: Quotas,
  now: Date,
): Promise<GroupRow> {
  if (await repos.groups.byName(accountId, input.GroupName)) throw exists(input.GroupName);
  if ((await repos.groups.count(accountId)) >= quotas.groupsPerAccount)
    throw limitExceeded(`Cannot exceed quota for GroupsPerAccount: ${quotas.groupsPerAccount}`);
  const path = input.Path ?? '/';
  const row: GroupRow = {
    group_id: newUniqueId('AGPA'),
    account_id: accountId,
    group_name: input.GroupName,
    name_key: input.GroupName.toLowerCase(),
    path,
    arn: iamArn(accountId, 'group', path, input.GroupName),
    created_at: now.toISOString(),
  };
  await onUniqueViolation(repos.groups.insert(row), () => exists(input.GroupName));
  return row;
}

export async function updateGroup(
  repos: Repos,
  accountId: string,
  groupName: string,
  change: { NewGroupName?: string; NewPath?: string },
): Promise<void> {
  const row = await getGroupRow(repos, accountId, groupName);
  const name = change.NewGroupName ?? row.group_name;
  const path = change.NewPath ?? row.path;
  if (change.NewGroupName && change.NewGroupName.toLowerCase() !== row.name_key) {
    if (await repos.groups.byName(accountId, change.NewGroupName)) throw exists(change.NewGroupName);
  }
  await onUniqueViolation(
    repos.groups.update(accountId, row.group_id, {
      group_name: name,
      name_key: name.toLowerCase(),
      path,
      arn: iamArn(accountId, 'group', path, name),
    }),
    () => exists(name),
  );
}

/** Deletes a group that has no members and no policies, as DeleteGroup requires. */
export async function deleteGroup(repos: Repos, accountId: string, groupName: string): Promise<void> {
  const row = await getGroupRow(repos, accountId, groupName);
  const blockers = await repos.groups.dependents(row.group_id);
  if (blockers.members) throw deleteConflict('Cannot delete entity, must remove users from group first.');
  if (blockers.attachedPolicies)
    throw deleteConflict('Cannot delete entity, must detach all policies first.');
  if (blockers.inlinePolicies) throw deleteConflict('Cannot delete entity, must delete policies first.');
  await repos.groups.delete(accountId, row.group_id);
}

/** Adds a user to a group; adding a member again changes nothing. */
export async function addUserToGroup(
  repos: Repos,
  accountId: string,
  groupName: string,
  userName: string,
  quotas: Quotas,
  now: Date,
): Promise<void> {
  const group = await getGroupRow(repos, accountId, groupName);
  const user = await getUserRow(repos, accountId, userName);
  if (await repos.groups.isMember(group.group_id, user.user_id)) return;
  if ((await repos.groups.countForUser(user.user_id)) >= quotas.groupsPerUser)
    throw limitExceeded(`Cannot exceed quota for GroupsPerUser: ${quotas.groupsPerUser}`);
  await repos.groups.addMember(accountId, group.group_id, user.user_id, now.toISOString());
}

/** Removes a member; a user who is not one is reported as not found, as IAM does. */
export async function removeUserFromGroup(
  repos: Repos,
  accountId: string,
  groupName: string,
  userName: string,
): Promise<void> {
  const group = await getGroupRow(repos, accountId, groupName);
  const user = await getUserRow(repos, accountId, userName);
  if (!(await repos.groups.removeMember(accountId, group.group_id, user.user_id)))
    throw noSuchEntity(`The user with name ${userName} cannot be found.`);
}
