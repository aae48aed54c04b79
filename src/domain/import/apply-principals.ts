// Groups, users, roles and instance profiles into the store, in that order (a user's groups and an
// instance profile's role exist before what refers to them): a new entity inserted with AWS's id, a
// known one (same id) brought to the dump's fields, then what hangs off each. An entity renamed
// since the last import first moves aside under a temporary name, so that two swapping names never
// collide. Customer managed policies are stored before this runs.
import type { GroupRow, InstanceProfileRow, Repos, RoleRow, UserRow } from '../../store/index.ts';
import type { Outcome } from './apply-policies.ts';
import { insertWithAwsId } from './apply-policies.ts';
import type { Relations } from './apply-relations.ts';
import type { CurrentAccount } from './current-state.ts';
import type { DesiredAccount, DesiredRole } from './desired-state.ts';

export interface Tally {
  created: number;
  updated: number;
  unchanged: number;
}

export const newTally = (): Tally => ({ created: 0, updated: 0, unchanged: 0 });

/** Called after each entity: the kind being imported, and how far along it is. */
export type ImportProgress = (step: { phase: string; done: number; total: number }) => void;

/** The fields of `want` that differ from `have`. */
function differences<R extends object>(have: R, want: R, fields: readonly (keyof R)[]): Partial<R> {
  const patch: Partial<R> = {};
  for (const f of fields) if (have[f] !== want[f]) patch[f] = want[f];
  return patch;
}

const USER_FIELDS = ['user_name', 'name_key', 'path', 'arn', 'created_at', 'permissions_boundary'] as const;
const GROUP_FIELDS = ['group_name', 'name_key', 'path', 'arn', 'created_at'] as const;
const ROLE_FIELDS = [
  'role_name',
  'name_key',
  'path',
  'arn',
  'created_at',
  'assume_role_policy',
  'permissions_boundary',
  'linked_service',
] as const;
const PROFILE_FIELDS = ['name', 'name_key', 'path', 'arn', 'created_at'] as const;

/** A role's changes: what the dump does not say (description, duration) is kept, last use only moves forward. */
function rolePatch(have: RoleRow, want: DesiredRole): Partial<RoleRow> {
  const patch = differences(have, want.row, ROLE_FIELDS);
  if (want.given.description && have.description !== want.row.description)
    patch.description = want.row.description;
  if (want.given.maxSessionDuration && have.max_session_duration !== want.row.max_session_duration)
    patch.max_session_duration = want.row.max_session_duration;
  const used = want.row.last_used_at;
  if (used !== null && (have.last_used_at === null || used > have.last_used_at)) {
    patch.last_used_at = used;
    patch.last_used_region = want.row.last_used_region;
  }
  return patch;
}

/** Where a temporarily renamed entity waits: '#' is in no IAM name, and ids are unique. */
const asideKey = (id: string) => `#import#${id}`;

const outcomeOf = (created: boolean, changed: boolean): Outcome =>
  created ? 'created' : changed ? 'updated' : 'unchanged';

export interface PrincipalTallies {
  users: Tally;
  groups: Tally;
  roles: Tally;
  instanceProfiles: Tally;
}

export async function applyPrincipals(
  repos: Repos,
  d: DesiredAccount,
  current: CurrentAccount,
  relations: Relations,
  progress: ImportProgress | undefined,
): Promise<PrincipalTallies> {
  const accountId = d.accountId;
  const tallies: PrincipalTallies = {
    users: newTally(),
    groups: newTally(),
    roles: newTally(),
    instanceProfiles: newTally(),
  };
  const count = (tally: Tally, outcome: Outcome) => tally[outcome]++;

  // renamed entities move aside first
  for (const g of d.groups) {
    const have = current.groups.get(g.row.group_id);
    if (have && have.name_key !== g.row.name_key)
      await repos.groups.update(accountId, have.group_id, { name_key: asideKey(have.group_id) });
  }
  for (const u of d.users) {
    const have = current.users.get(u.row.user_id);
    if (have && have.name_key !== u.row.name_key)
      await repos.users.update(accountId, have.user_id, { name_key: asideKey(have.user_id) });
  }
  for (const r of d.roles) {
    const have = current.roles.get(r.row.role_id);
    if (have && have.name_key !== r.row.name_key)
      await repos.roles.update(accountId, have.role_id, { name_key: asideKey(have.role_id) });
  }
  // instance profiles cannot be updated in place (nor, in AWS, renamed): a changed one is made again
  const remade = new Set<string>();
  for (const p of d.instanceProfiles) {
    const have = current.instanceProfiles.get(p.row.instance_profile_id);
    if (!have || Object.keys(differences<InstanceProfileRow>(have, p.row, PROFILE_FIELDS)).length === 0)
      continue;
    for (const roleId of current.profileRoles.get(have.instance_profile_id) ?? [])
      await repos.instanceProfiles.removeRole(accountId, have.instance_profile_id, roleId);
    current.profileRoles.delete(have.instance_profile_id);
    await repos.instanceProfiles.delete(accountId, have.instance_profile_id);
    current.instanceProfiles.delete(have.instance_profile_id);
    remade.add(have.instance_profile_id);
  }

  let done = 0;
  for (const g of d.groups) {
    const have = current.groups.get(g.row.group_id);
    let patched = false;
    if (have) {
      const patch = differences<GroupRow>(have, g.row, GROUP_FIELDS);
      patched = Object.keys(patch).length > 0;
      if (patched) await repos.groups.update(accountId, have.group_id, patch);
    } else await insertWithAwsId(repos.groups.insert(g.row), g.where, 'GroupId', g.row.group_id);
    const related = [
      await relations.inline('group', g.row.group_id, g.inline),
      await relations.attached('group', g.row.group_id, g.attached),
    ];
    count(tallies.groups, outcomeOf(!have, patched || related.includes(true)));
    progress?.({ phase: 'groups', done: ++done, total: d.groups.length });
  }

  done = 0;
  for (const u of d.users) {
    const have = current.users.get(u.row.user_id);
    let patched = false;
    if (have) {
      const patch = differences<UserRow>(have, u.row, USER_FIELDS);
      patched = Object.keys(patch).length > 0;
      if (patched) await repos.users.update(accountId, have.user_id, patch);
    } else await insertWithAwsId(repos.users.insert(u.row), u.where, 'UserId', u.row.user_id);
    const related = [
      await relations.memberships(u.row.user_id, u.groupIds),
      await relations.inline('user', u.row.user_id, u.inline),
      await relations.attached('user', u.row.user_id, u.attached),
      await relations.tags('user', u.row.user_id, u.tags),
    ];
    count(tallies.users, outcomeOf(!have, patched || related.includes(true)));
    progress?.({ phase: 'users', done: ++done, total: d.users.length });
  }

  done = 0;
  for (const r of d.roles) {
    const have = current.roles.get(r.row.role_id);
    let patched = false;
    if (have) {
      const patch = rolePatch(have, r);
      patched = Object.keys(patch).length > 0;
      if (patched) await repos.roles.update(accountId, have.role_id, patch);
    } else await insertWithAwsId(repos.roles.insert(r.row), r.where, 'RoleId', r.row.role_id);
    const related = [
      await relations.inline('role', r.row.role_id, r.inline),
      await relations.attached('role', r.row.role_id, r.attached),
      await relations.tags('role', r.row.role_id, r.tags),
    ];
    count(tallies.roles, outcomeOf(!have, patched || related.includes(true)));
    progress?.({ phase: 'roles', done: ++done, total: d.roles.length });
  }

  done = 0;
  for (const p of d.instanceProfiles) {
    const id = p.row.instance_profile_id;
    const have = current.instanceProfiles.get(id);
    if (!have) await insertWithAwsId(repos.instanceProfiles.insert(p.row), p.where, 'InstanceProfileId', id);
    const related = [
      await relations.profileRole(id, p.roleId),
      await relations.tags('instance-profile', id, p.tags),
    ];
    if (remade.has(id)) count(tallies.instanceProfiles, 'updated');
    else count(tallies.instanceProfiles, outcomeOf(!have, related.includes(true)));
    progress?.({ phase: 'instance profiles', done: ++done, total: d.instanceProfiles.length });
  }
  return tallies;
}
