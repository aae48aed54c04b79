// What the account holds before an import, read in pages and batches (a few queries per 500
// entities, not a few per entity): its users, groups, roles, instance profiles and customer managed
// policies by id, with their versions, inline and attached policies, memberships, tags and roles.
import type {
  AttachableEntity,
  GroupRow,
  InlinePolicyEntry,
  InstanceProfileRow,
  InventoryPolicyVersionRow,
  ManagedPolicyRow,
  ReadRepos,
  RoleRow,
  TagPair,
  UserRow,
} from '../../store/index.ts';

const PAGE = 1000;
const BATCH = 500;

export interface CurrentAccount {
  users: Map<string, UserRow>;
  groups: Map<string, GroupRow>;
  roles: Map<string, RoleRow>;
  instanceProfiles: Map<string, InstanceProfileRow>;
  /** Customer managed policies, by id. */
  policies: Map<string, ManagedPolicyRow>;
  /** Versions of the customer managed policies, by policy id, oldest first. */
  versions: Map<string, InventoryPolicyVersionRow[]>;
  inline: Record<AttachableEntity, Map<string, InlinePolicyEntry[]>>;
  /** Attached policy ARNs, by entity id. */
  attached: Record<AttachableEntity, Map<string, string[]>>;
  /** Group ids, by user id. */
  memberships: Map<string, string[]>;
  tags: Record<'user' | 'role' | 'instance-profile', Map<string, TagPair[]>>;
  /** Role ids, by instance profile id. */
  profileRoles: Map<string, string[]>;
}

/** Every row of a keyset-paged listing. */
async function allPages<T>(
  page: (after: string | undefined) => Promise<T[]>,
  keyOf: (row: T) => string,
): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  for (;;) {
    const rows = await page(after);
    out.push(...rows);
    if (rows.length < PAGE) return out;
    after = keyOf(rows[rows.length - 1]!);
  }
}

/** A batched lookup over many ids, merged. */
async function batched<V>(
  ids: readonly string[],
  lookup: (batch: string[]) => Promise<Map<string, V>>,
): Promise<Map<string, V>> {
  const out = new Map<string, V>();
  for (let i = 0; i < ids.length; i += BATCH)
    for (const [k, v] of await lookup(ids.slice(i, i + BATCH))) out.set(k, v);
  return out;
}

const byId = <T>(rows: readonly T[], id: (row: T) => string) => new Map(rows.map((r) => [id(r), r]));

export async function loadCurrentAccount(repos: ReadRepos, accountId: string): Promise<CurrentAccount> {
  const inv = repos.accountInventory;
  const users = await allPages(
    (after) => repos.users.list(accountId, { after, limit: PAGE }),
    (r) => r.name_key,
  );
  const groups = await allPages(
    (after) => inv.groups(accountId, { after, limit: PAGE }),
    (r) => r.name_key,
  );
  const roles = await allPages(
    (after) => inv.roles(accountId, { after, limit: PAGE }),
    (r) => r.name_key,
  );
  const profiles = await allPages(
    (after) => repos.instanceProfiles.list(accountId, { after, limit: PAGE }),
    (r) => r.name_key,
  );
  const policies = await allPages(
    (after) => inv.localPolicies(accountId, { after, limit: PAGE }),
    (r) => r.arn,
  );
  const ids = {
    user: users.map((u) => u.user_id),
    group: groups.map((g) => g.group_id),
    role: roles.map((r) => r.role_id),
  };
  const inline = async (type: AttachableEntity) => batched(ids[type], (b) => inv.inlinePolicies(type, b));
  const attached = async (type: AttachableEntity) => {
    const entries = await batched(ids[type], (b) => inv.attachedPolicies(type, b));
    return new Map([...entries].map(([id, list]) => [id, list.map((e) => e.policyArn)]));
  };
  const groupIdByName = new Map(groups.map((g) => [g.group_name, g.group_id]));
  const names = await batched(ids.user, (b) => inv.groupNamesOfUsers(b));
  const profileRoles = await batched(
    profiles.map((p) => p.instance_profile_id),
    (b) => repos.instanceProfiles.rolesOf(b),
  );
  return {
    users: byId(users, (u) => u.user_id),
    groups: byId(groups, (g) => g.group_id),
    roles: byId(roles, (r) => r.role_id),
    instanceProfiles: byId(profiles, (p) => p.instance_profile_id),
    policies: byId(policies, (p) => p.policy_id),
    versions: await batched(
      policies.map((p) => p.policy_id),
      (b) => inv.policyVersions(b),
    ),
    inline: { user: await inline('user'), group: await inline('group'), role: await inline('role') },
    attached: { user: await attached('user'), group: await attached('group'), role: await attached('role') },
    memberships: new Map(
      [...names].map(([userId, list]) => [
        userId,
        list.map((n) => groupIdByName.get(n)).filter((g) => g !== undefined),
      ]),
    ),
    tags: {
      user: await batched(ids.user, (b) => inv.tagsOf('user', b)),
      role: await batched(ids.role, (b) => inv.tagsOf('role', b)),
      'instance-profile': await batched(
        profiles.map((p) => p.instance_profile_id),
        (b) => inv.tagsOf('instance-profile', b),
      ),
    },
    profileRoles: new Map([...profileRoles].map(([id, rows]) => [id, rows.map((r) => r.role_id)])),
  };
}
