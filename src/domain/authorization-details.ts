// What GetAccountAuthorizationDetails reports: the account's users, groups, roles and managed
// policies with their relationships (inline and attached policies, group memberships, instance
// profiles, tags, policy versions and uses), filtered by entity type and read in pages across the
// four lists as one sequence: users, groups, roles, customer managed policies, then the AWS managed
// policies the account uses.
import type {
  ReadRepos,
  AttachedPolicyEntry,
  InlinePolicyEntry,
  InventoryGroupRow,
  InventoryPolicyRow,
  InventoryPolicyVersionRow,
  InventoryRoleRow,
  TagPair,
  UserRow,
  InstanceProfileRoleRow,
  InstanceProfileRow,
} from '../store/index.ts';

export type AuthorizationDetailsFilter =
  'User' | 'Group' | 'Role' | 'LocalManagedPolicy' | 'AWSManagedPolicy';

/** The sections in the order they are paged through. */
export const AUTHORIZATION_DETAILS_SECTIONS: readonly AuthorizationDetailsFilter[] = [
  'User',
  'Group',
  'Role',
  'LocalManagedPolicy',
  'AWSManagedPolicy',
];

/** An item's place in the sequence: its section and its sort key there (a name key, or an ARN). */
export interface AuthorizationDetailsPosition {
  section: AuthorizationDetailsFilter;
  key: string;
}

export interface UserAuthorizationDetail {
  user: UserRow;
  inlinePolicies: InlinePolicyEntry[];
  attachedPolicies: AttachedPolicyEntry[];
  groupNames: string[];
  tags: TagPair[];
}

export interface GroupAuthorizationDetail {
  group: InventoryGroupRow;
  inlinePolicies: InlinePolicyEntry[];
  attachedPolicies: AttachedPolicyEntry[];
}

/** An instance profile with the roles it holds. */
export interface InstanceProfileWithRoles {
  profile: InstanceProfileRow;
  roles: InstanceProfileRoleRow[];
}

export interface RoleAuthorizationDetail {
  role: InventoryRoleRow;
  instanceProfiles: InstanceProfileWithRoles[];
  inlinePolicies: InlinePolicyEntry[];
  attachedPolicies: AttachedPolicyEntry[];
  tags: TagPair[];
}

export interface PolicyAuthorizationDetail {
  policy: InventoryPolicyRow;
  /** Every version, oldest first. */
  versions: InventoryPolicyVersionRow[];
  /** The account's entities the policy is attached to. */
  attachmentCount: number;
  /** The account's entities that have the policy as permissions boundary. */
  boundaryUsageCount: number;
}

/** One page of the sequence, by section. */
export interface AuthorizationDetails {
  users: UserAuthorizationDetail[];
  groups: GroupAuthorizationDetail[];
  roles: RoleAuthorizationDetail[];
  /** Customer managed policies, then AWS managed ones. */
  policies: PolicyAuthorizationDetail[];
  /** Whether items follow this page. */
  isTruncated: boolean;
  /** The position of the page's last item, where the next page starts after. */
  last?: AuthorizationDetailsPosition;
}

type Item =
  | { section: 'User'; key: string; row: UserRow }
  | { section: 'Group'; key: string; row: InventoryGroupRow }
  | { section: 'Role'; key: string; row: InventoryRoleRow }
  | { section: 'LocalManagedPolicy' | 'AWSManagedPolicy'; key: string; row: InventoryPolicyRow };

async function fetchSection(
  repos: ReadRepos,
  accountId: string,
  section: AuthorizationDetailsFilter,
  after: string | undefined,
  limit: number,
): Promise<Item[]> {
  const page = { after, limit };
  const inv = repos.accountInventory;
  switch (section) {
    case 'User':
      return (await repos.users.list(accountId, page)).map((row) => ({ section, key: row.name_key, row }));
    case 'Group':
      return (await inv.groups(accountId, page)).map((row) => ({ section, key: row.name_key, row }));
    case 'Role':
      return (await inv.roles(accountId, page)).map((row) => ({ section, key: row.name_key, row }));
    case 'LocalManagedPolicy':
      return (await inv.localPolicies(accountId, page)).map((row) => ({ section, key: row.arn, row }));
    case 'AWSManagedPolicy':
      return (await inv.awsPoliciesInUse(accountId, page)).map((row) => ({ section, key: row.arn, row }));
  }
}

async function userDetails(repos: ReadRepos, rows: readonly UserRow[]): Promise<UserAuthorizationDetail[]> {
  const ids = rows.map((r) => r.user_id);
  const inv = repos.accountInventory;
  const [inline, attachedPolicies, groups, tags] = [
    await inv.inlinePolicies('user', ids),
    await inv.attachedPolicies('user', ids),
    await inv.groupNamesOfUsers(ids),
    await inv.tagsOf('user', ids),
  ];
  return rows.map((user) => ({
    user,
    inlinePolicies: inline.get(user.user_id) ?? [],
    attachedPolicies: attachedPolicies.get(user.user_id) ?? [],
    groupNames: groups.get(user.user_id) ?? [],
    tags: tags.get(user.user_id) ?? [],
  }));
}

async function groupDetails(
  repos: ReadRepos,
  rows: readonly InventoryGroupRow[],
): Promise<GroupAuthorizationDetail[]> {
  const ids = rows.map((r) => r.group_id);
  const inline = await repos.accountInventory.inlinePolicies('group', ids);
  const attachedPolicies = await repos.accountInventory.attachedPolicies('group', ids);
  return rows.map((group) => ({
    group,
    inlinePolicies: inline.get(group.group_id) ?? [],
    attachedPolicies: attachedPolicies.get(group.group_id) ?? [],
  }));
}

async function roleDetails(
  repos: ReadRepos,
  rows: readonly InventoryRoleRow[],
): Promise<RoleAuthorizationDetail[]> {
  const ids = rows.map((r) => r.role_id);
  const inv = repos.accountInventory;
  const inline = await inv.inlinePolicies('role', ids);
  const attachedPolicies = await inv.attachedPolicies('role', ids);
  const tags = await inv.tagsOf('role', ids);
  const profiles = await repos.instanceProfiles.forRoles(ids);
  const profileRoles = await repos.instanceProfiles.rolesOf(profiles.map((p) => p.instance_profile_id));
  return rows.map((role) => ({
    role,
    instanceProfiles: profiles
      .filter((p) => p.role_id === role.role_id)
      .map(({ role_id: _, ...profile }) => ({
        profile,
        roles: profileRoles.get(profile.instance_profile_id) ?? [],
      })),
    inlinePolicies: inline.get(role.role_id) ?? [],
    attachedPolicies: attachedPolicies.get(role.role_id) ?? [],
    tags: tags.get(role.role_id) ?? [],
  }));
}

async function policyDetails(
  repos: ReadRepos,
  accountId: string,
  rows: readonly InventoryPolicyRow[],
): Promise<PolicyAuthorizationDetail[]> {
  const inv = repos.accountInventory;
  const ids = rows.map((r) => r.policy_id);
  const versions = await inv.policyVersions(ids);
  const attachments = await inv.attachmentCounts(accountId, ids);
  const boundaries = await inv.boundaryUsageCounts(
    accountId,
    rows.map((r) => r.arn),
  );
  return rows.map((policy) => ({
    policy,
    versions: versions.get(policy.policy_id) ?? [],
    attachmentCount: attachments.get(policy.policy_id) ?? 0,
    boundaryUsageCount: boundaries.get(policy.arn) ?? 0,
  }));
}

/**
 * At most `maxItems` items of the sections in `filter` (every section when it is empty or absent),
 * starting after `after`, with everything each item's detail needs.
 */
export async function authorizationDetails(
  repos: ReadRepos,
  accountId: string,
  input: {
    filter?: readonly AuthorizationDetailsFilter[];
    maxItems: number;
    after?: AuthorizationDetailsPosition;
  },
): Promise<AuthorizationDetails> {
  const sections = AUTHORIZATION_DETAILS_SECTIONS;
  const wanted = new Set(input.filter?.length ? input.filter : sections);
  const from = input.after && { section: sections.indexOf(input.after.section), key: input.after.key };
  const items: Item[] = [];
  for (let i = from?.section ?? 0; i < sections.length && items.length <= input.maxItems; i++) {
    const section = sections[i]!;
    if (!wanted.has(section)) continue;
    const after = i === from?.section ? from.key : undefined;
    items.push(...(await fetchSection(repos, accountId, section, after, input.maxItems + 1 - items.length)));
  }
  const isTruncated = items.length > input.maxItems;
  const kept = items.slice(0, input.maxItems);
  const last = kept[kept.length - 1];
  const rowsOf = <S extends Item['section']>(...of: S[]) =>
    kept.filter((it): it is Extract<Item, { section: S }> => (of as string[]).includes(it.section));
  return {
    users: await userDetails(
      repos,
      rowsOf('User').map((it) => it.row),
    ),
    groups: await groupDetails(
      repos,
      rowsOf('Group').map((it) => it.row),
    ),
    roles: await roleDetails(
      repos,
      rowsOf('Role').map((it) => it.row),
    ),
    policies: await policyDetails(
      repos,
      accountId,
      rowsOf('LocalManagedPolicy', 'AWSManagedPolicy').map((it) => it.row),
    ),
    isTruncated,
    ...(last ? { last: { section: last.section, key: last.key } } : {}),
  };
}
