// What the account holds and the dump no longer has goes, with everything hanging off it: instance
// profiles (and Tessera's instances carrying them), roles, users (their memberships, keys, password
// and MFA assignments too, which no dump lists), groups, then customer managed policies, detached
// from whatever still uses them. `current` is left describing what remains.
import type { AttachableEntity, Change, Repos } from '../../store/index.ts';
import { removePolicy } from './apply-policies.ts';
import type { CurrentAccount } from './current-state.ts';
import type { DesiredAccount } from './desired-state.ts';
import type { PolicyIds } from './policy-ids.ts';

export interface Removed {
  users: number;
  groups: number;
  roles: number;
  instanceProfiles: number;
  policies: number;
  /** Tessera's instances that carried a removed instance profile. */
  instances: number;
}

/** The ids of `current` that `keep` lacks. */
const gone = (current: ReadonlyMap<string, unknown>, keep: readonly string[]): string[] => {
  const kept = new Set(keep);
  return [...current.keys()].filter((id) => !kept.has(id));
};

/** What every removal works on: the store, the account and its current state, and the counts. */
interface Step {
  repos: Repos;
  accountId: string;
  current: CurrentAccount;
  policyIds: PolicyIds;
  removed: Removed;
}

const change = (s: Step, entity: Change['entity'], id: string): Change => ({
  accountId: s.accountId,
  entity,
  id,
});

/** Detaches every managed policy the entity holds. */
async function detachAll(s: Step, type: AttachableEntity, id: string): Promise<void> {
  for (const arn of s.current.attached[type].get(id) ?? []) {
    const policyId = await s.policyIds.of(arn);
    if (policyId) await s.repos.managedPolicies.detach(s.accountId, policyId, type, id);
  }
  s.current.attached[type].delete(id);
}

async function removeInstanceProfiles(s: Step, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const instances = await s.repos.instances.list(s.accountId);
  for (const id of ids) {
    for (const roleId of s.current.profileRoles.get(id) ?? [])
      await s.repos.instanceProfiles.removeRole(s.accountId, id, roleId);
    for (const instance of instances.filter((i) => i.instance_profile_id === id)) {
      await s.repos.instances.delete(instance);
      s.removed.instances++;
    }
    await s.repos.tags.removeAll('instance-profile', id);
    await s.repos.instanceProfiles.delete(s.accountId, id);
    s.current.instanceProfiles.delete(id);
    s.current.profileRoles.delete(id);
    s.removed.instanceProfiles++;
  }
}

async function removeRoles(s: Step, ids: ReadonlySet<string>): Promise<void> {
  // out of the instance profiles that stay, first
  for (const [profileId, roleIds] of s.current.profileRoles) {
    for (const roleId of roleIds.filter((r) => ids.has(r)))
      await s.repos.instanceProfiles.removeRole(s.accountId, profileId, roleId);
    s.current.profileRoles.set(
      profileId,
      roleIds.filter((r) => !ids.has(r)),
    );
  }
  for (const id of ids) {
    await s.repos.roles.detachAllPolicies(s.accountId, id);
    s.current.attached.role.delete(id);
    await s.repos.inlinePolicies.deleteAll(change(s, 'role', id), 'role', id);
    await s.repos.tags.removeAll('role', id);
    await s.repos.roles.delete(s.accountId, id);
    s.current.roles.delete(id);
    s.removed.roles++;
  }
}

async function removeUsers(s: Step, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    for (const groupId of s.current.memberships.get(id) ?? [])
      await s.repos.groups.removeMember(s.accountId, groupId, id);
    s.current.memberships.delete(id);
    await detachAll(s, 'user', id);
    await s.repos.inlinePolicies.deleteAll(change(s, 'user', id), 'user', id);
    // what no dump lists, but Tessera may have added since the last import
    for (const key of await s.repos.accessKeys.listFor(s.accountId, id))
      await s.repos.accessKeys.delete(s.accountId, key.access_key_id);
    if (await s.repos.loginProfiles.get(id)) await s.repos.loginProfiles.delete(s.accountId, id);
    for (const key of await s.repos.sshPublicKeys.listFor(id))
      await s.repos.sshPublicKeys.delete(key.ssh_public_key_id);
    for (const cred of await s.repos.serviceSpecificCredentials.listFor(id))
      await s.repos.serviceSpecificCredentials.delete(cred.credential_id);
    for (const cert of await s.repos.signingCertificates.listFor(s.accountId, id))
      await s.repos.signingCertificates.delete(cert.certificate_id);
    for (const device of await s.repos.mfaDevices.listForUser(id)) await s.repos.mfaDevices.unassign(device);
    await s.repos.tags.removeAll('user', id);
    await s.repos.users.delete(s.accountId, id);
    s.current.users.delete(id);
    s.removed.users++;
  }
}

async function removeGroups(s: Step, ids: ReadonlySet<string>): Promise<void> {
  // their members that stay, first
  for (const [userId, groupIds] of s.current.memberships) {
    for (const groupId of groupIds.filter((g) => ids.has(g)))
      await s.repos.groups.removeMember(s.accountId, groupId, userId);
    s.current.memberships.set(
      userId,
      groupIds.filter((g) => !ids.has(g)),
    );
  }
  for (const id of ids) {
    await detachAll(s, 'group', id);
    await s.repos.inlinePolicies.deleteAll(change(s, 'group', id), 'group', id);
    await s.repos.groups.delete(s.accountId, id);
    s.current.groups.delete(id);
    s.removed.groups++;
  }
}

async function removePolicies(s: Step, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const row = s.current.policies.get(id)!;
    await removePolicy(s.repos, s.accountId, row);
    for (const type of ['user', 'group', 'role'] as const)
      for (const [entityId, arns] of s.current.attached[type])
        s.current.attached[type].set(
          entityId,
          arns.filter((a) => a !== row.arn),
        );
    s.policyIds.forget(row.arn);
    s.current.policies.delete(id);
    s.current.versions.delete(id);
    s.removed.policies++;
  }
}

/** Removes what the account holds and the dump lacks; `current` is left describing what remains. */
export async function removeGone(
  repos: Repos,
  d: DesiredAccount,
  current: CurrentAccount,
  policyIds: PolicyIds,
): Promise<Removed> {
  const removed: Removed = { users: 0, groups: 0, roles: 0, instanceProfiles: 0, policies: 0, instances: 0 };
  const s: Step = { repos, accountId: d.accountId, current, policyIds, removed };
  await removeInstanceProfiles(
    s,
    gone(
      current.instanceProfiles,
      d.instanceProfiles.map((p) => p.row.instance_profile_id),
    ),
  );
  await removeRoles(
    s,
    new Set(
      gone(
        current.roles,
        d.roles.map((r) => r.row.role_id),
      ),
    ),
  );
  await removeUsers(
    s,
    gone(
      current.users,
      d.users.map((u) => u.row.user_id),
    ),
  );
  await removeGroups(
    s,
    new Set(
      gone(
        current.groups,
        d.groups.map((g) => g.row.group_id),
      ),
    ),
  );
  // last: what the removed entities attached is detached by now
  await removePolicies(
    s,
    gone(
      current.policies,
      d.policies.map((p) => p.row.policy_id),
    ),
  );
  return removed;
}
