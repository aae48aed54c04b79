// GetAccountAuthorizationDetails: a snapshot of the account's users, groups, roles and managed
// policies with their relationships, in AWS's shapes (policy documents URL-encoded), filtered by
// entity type and paginated across the four lists as one sequence: users, groups, roles, customer
// managed policies, then the AWS managed policies the account uses.
import { invalidInput } from '../errors.ts';
import { decodeMarker, encodeMarker } from '../protocol/pagination.ts';
import type { Repos } from '../store/index.ts';
import type {
  InventoryGroupRow,
  InventoryPolicyRow,
  InventoryRoleRow,
} from '../store/repos/account-inventory.ts';
import type { UserRow } from '../store/repos/index.ts';
import type {
  GroupDetail,
  ManagedPolicyDetail,
  RoleDetail,
  UserDetail,
} from '../protocol/models/iam-types.ts';
import { instanceProfileShape } from './instance-profiles.ts';

export type AuthorizationDetailsFilter =
  'User' | 'Group' | 'Role' | 'LocalManagedPolicy' | 'AWSManagedPolicy';

/** The sections in the order they are paged through. */
const SECTIONS: readonly AuthorizationDetailsFilter[] = [
  'User',
  'Group',
  'Role',
  'LocalManagedPolicy',
  'AWSManagedPolicy',
];

export interface AuthorizationDetails {
  UserDetailList: UserDetail[];
  GroupDetailList: GroupDetail[];
  RoleDetailList: RoleDetail[];
  Policies: ManagedPolicyDetail[];
  IsTruncated: boolean;
  Marker?: string;
}

type Item =
  | { section: 'User'; key: string; row: UserRow }
  | { section: 'Group'; key: string; row: InventoryGroupRow }
  | { section: 'Role'; key: string; row: InventoryRoleRow }
  | { section: 'LocalManagedPolicy' | 'AWSManagedPolicy'; key: string; row: InventoryPolicyRow };

/** A marker names the section (its index) and the sort key of the last item returned. */
function parseMarker(marker: string | undefined): { section: number; after: string } | undefined {
  const raw = decodeMarker(marker);
  if (raw === undefined) return undefined;
  const m = /^(\d):(.*)$/s.exec(raw);
  const section = m ? Number(m[1]) : NaN;
  if (!m || !(section < SECTIONS.length)) throw invalidInput('Invalid Marker.');
  return { section, after: m[2]! };
}

async function fetchSection(
  repos: Repos,
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

const policyDetail = (p: { policyName: string; document: string }) => ({
  PolicyName: p.policyName,
  PolicyDocument: encodeURIComponent(p.document),
});
const attached = (p: { policyName: string; policyArn: string }) => ({
  PolicyName: p.policyName,
  PolicyArn: p.policyArn,
});
const boundary = (arn: string | null) =>
  arn
    ? { PermissionsBoundaryType: 'PermissionsBoundaryPolicy' as const, PermissionsBoundaryArn: arn }
    : undefined;

async function userDetails(repos: Repos, rows: readonly UserRow[]): Promise<UserDetail[]> {
  const ids = rows.map((r) => r.user_id);
  const inv = repos.accountInventory;
  const [inline, attachedPolicies, groups, tags] = [
    await inv.inlinePolicies('user', ids),
    await inv.attachedPolicies('user', ids),
    await inv.groupNamesOfUsers(ids),
    await inv.tagsOf('user', ids),
  ];
  return rows.map((r) => ({
    Path: r.path,
    UserName: r.user_name,
    UserId: r.user_id,
    Arn: r.arn,
    CreateDate: new Date(r.created_at),
    UserPolicyList: (inline.get(r.user_id) ?? []).map(policyDetail),
    GroupList: groups.get(r.user_id) ?? [],
    AttachedManagedPolicies: (attachedPolicies.get(r.user_id) ?? []).map(attached),
    PermissionsBoundary: boundary(r.permissions_boundary),
    Tags: tags.get(r.user_id),
  }));
}

async function groupDetails(repos: Repos, rows: readonly InventoryGroupRow[]): Promise<GroupDetail[]> {
  const ids = rows.map((r) => r.group_id);
  const inline = await repos.accountInventory.inlinePolicies('group', ids);
  const attachedPolicies = await repos.accountInventory.attachedPolicies('group', ids);
  return rows.map((r) => ({
    Path: r.path,
    GroupName: r.group_name,
    GroupId: r.group_id,
    Arn: r.arn,
    CreateDate: new Date(r.created_at),
    GroupPolicyList: (inline.get(r.group_id) ?? []).map(policyDetail),
    AttachedManagedPolicies: (attachedPolicies.get(r.group_id) ?? []).map(attached),
  }));
}

async function roleDetails(repos: Repos, rows: readonly InventoryRoleRow[]): Promise<RoleDetail[]> {
  const ids = rows.map((r) => r.role_id);
  const inv = repos.accountInventory;
  const inline = await inv.inlinePolicies('role', ids);
  const attachedPolicies = await inv.attachedPolicies('role', ids);
  const tags = await inv.tagsOf('role', ids);
  const profiles = await repos.instanceProfiles.forRoles(ids);
  const profileRoles = await repos.instanceProfiles.rolesOf(profiles.map((p) => p.instance_profile_id));
  return rows.map((r) => ({
    Path: r.path,
    RoleName: r.role_name,
    RoleId: r.role_id,
    Arn: r.arn,
    CreateDate: new Date(r.created_at),
    AssumeRolePolicyDocument: encodeURIComponent(r.assume_role_policy),
    InstanceProfileList: profiles
      .filter((p) => p.role_id === r.role_id)
      .map(({ role_id: _, ...p }) => instanceProfileShape(p, profileRoles.get(p.instance_profile_id) ?? [])),
    RolePolicyList: (inline.get(r.role_id) ?? []).map(policyDetail),
    AttachedManagedPolicies: (attachedPolicies.get(r.role_id) ?? []).map(attached),
    PermissionsBoundary: boundary(r.permissions_boundary),
    Tags: tags.get(r.role_id),
    RoleLastUsed: r.last_used_at
      ? {
          LastUsedDate: new Date(r.last_used_at),
          ...(r.last_used_region ? { Region: r.last_used_region } : {}),
        }
      : {},
  }));
}

async function policyDetails(
  repos: Repos,
  accountId: string,
  rows: readonly InventoryPolicyRow[],
): Promise<ManagedPolicyDetail[]> {
  const inv = repos.accountInventory;
  const ids = rows.map((r) => r.policy_id);
  const versions = await inv.policyVersions(ids);
  const attachments = await inv.attachmentCounts(accountId, ids);
  const boundaries = await inv.boundaryUsageCounts(
    accountId,
    rows.map((r) => r.arn),
  );
  return rows.map((r) => ({
    PolicyName: r.policy_name,
    PolicyId: r.policy_id,
    Arn: r.arn,
    Path: r.path,
    DefaultVersionId: `v${r.default_version}`,
    AttachmentCount: attachments.get(r.policy_id) ?? 0,
    PermissionsBoundaryUsageCount: boundaries.get(r.arn) ?? 0,
    IsAttachable: true,
    ...(r.description !== null ? { Description: r.description } : {}),
    CreateDate: new Date(r.created_at),
    UpdateDate: new Date(r.updated_at),
    PolicyVersionList: (versions.get(r.policy_id) ?? []).map((v) => ({
      Document: encodeURIComponent(v.document),
      VersionId: `v${v.version}`,
      IsDefaultVersion: v.version === r.default_version,
      CreateDate: new Date(v.created_at),
    })),
  }));
}

export async function authorizationDetails(
  repos: Repos,
  accountId: string,
  input: { Filter?: readonly AuthorizationDetailsFilter[]; MaxItems: number; Marker?: string },
): Promise<AuthorizationDetails> {
  const wanted = new Set(input.Filter?.length ? input.Filter : SECTIONS);
  const from = parseMarker(input.Marker);
  const items: Item[] = [];
  for (let i = from?.section ?? 0; i < SECTIONS.length && items.length <= input.MaxItems; i++) {
    const section = SECTIONS[i]!;
    if (!wanted.has(section)) continue;
    const after = i === from?.section ? from.after : undefined;
    items.push(...(await fetchSection(repos, accountId, section, after, input.MaxItems + 1 - items.length)));
  }
  const isTruncated = items.length > input.MaxItems;
  const kept = items.slice(0, input.MaxItems);
  const last = kept[kept.length - 1];
  const rowsOf = <S extends Item['section']>(...sections: S[]) =>
    kept.filter((it): it is Extract<Item, { section: S }> => (sections as string[]).includes(it.section));
  return {
    UserDetailList: await userDetails(
      repos,
      rowsOf('User').map((it) => it.row),
    ),
    GroupDetailList: await groupDetails(
      repos,
      rowsOf('Group').map((it) => it.row),
    ),
    RoleDetailList: await roleDetails(
      repos,
      rowsOf('Role').map((it) => it.row),
    ),
    Policies: await policyDetails(
      repos,
      accountId,
      rowsOf('LocalManagedPolicy', 'AWSManagedPolicy').map((it) => it.row),
    ),
    IsTruncated: isTruncated,
    ...(isTruncated && last ? { Marker: encodeMarker(`${SECTIONS.indexOf(last.section)}:${last.key}`) } : {}),
  };
}
