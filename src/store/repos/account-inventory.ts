// Read-only queries across all of an account's entities: the counts GetAccountSummary reports and
// the batched lookups GetAccountAuthorizationDetails assembles its snapshot from.
import type { Selectable } from 'kysely';
import type {
  AttachableEntity,
  GroupsTable,
  ManagedPoliciesTable,
  PolicyVersionsTable,
  RolesTable,
  TaggableResource,
} from '../database.ts';
import type { Db, KeysetPage } from './db.ts';
import type { TagPair } from './tags.ts';

export type InventoryGroupRow = Selectable<GroupsTable>;
export type InventoryRoleRow = Selectable<RolesTable>;
export type InventoryPolicyRow = Selectable<ManagedPoliciesTable>;
export type InventoryPolicyVersionRow = Selectable<PolicyVersionsTable>;

export interface EntityCounts {
  users: number;
  groups: number;
  roles: number;
  /** Customer managed policies. */
  policies: number;
  instanceProfiles: number;
  /** Managed policies (customer and AWS) attached to the account's users, groups and roles. */
  policyAttachments: number;
  /** Whether the account's root user has access keys. */
  rootAccessKeys: boolean;
}

export interface InlinePolicyEntry {
  entityId: string;
  policyName: string;
  document: string;
}

export interface AttachedPolicyEntry {
  entityId: string;
  policyName: string;
  policyArn: string;
}

/** Batched, read-only queries over an account's entities. */
export interface AccountInventoryRepo {
  /** The counts GetAccountSummary reports for the account. */
  counts(accountId: string): Promise<EntityCounts>;
  /** At most `page.limit` of the account's groups ordered by name key, after `page.after` (a name key). */
  groups(accountId: string, page: KeysetPage): Promise<InventoryGroupRow[]>;
  /** At most `page.limit` of the account's roles ordered by name key, after `page.after` (a name key). */
  roles(accountId: string, page: KeysetPage): Promise<InventoryRoleRow[]>;
  /** At most `page.limit` of the account's customer managed policies ordered by ARN, after `page.after`. */
  localPolicies(accountId: string, page: KeysetPage): Promise<InventoryPolicyRow[]>;
  /**
   * At most `page.limit` of the AWS managed policies the account uses (attached to one of its entities,
   * or set as a permissions boundary), ordered by ARN, after `page.after` (an ARN).
   */
  awsPoliciesInUse(accountId: string, page: KeysetPage): Promise<InventoryPolicyRow[]>;
  /** Inline policies of the given users, groups or roles, by entity id, each list in name order. */
  inlinePolicies(
    type: AttachableEntity,
    entityIds: readonly string[],
  ): Promise<Map<string, InlinePolicyEntry[]>>;
  /** Managed policies attached to the given users, groups or roles, by entity id, in attach order. */
  attachedPolicies(
    type: AttachableEntity,
    entityIds: readonly string[],
  ): Promise<Map<string, AttachedPolicyEntry[]>>;
  /** The names of the groups each of the given users belongs to, by user id, in name order. */
  groupNamesOfUsers(userIds: readonly string[]): Promise<Map<string, string[]>>;
  /** Tags of the given resources, by resource id, in the order they were added. */
  tagsOf(type: TaggableResource, ids: readonly string[]): Promise<Map<string, TagPair[]>>;
  /** Every version of the given managed policies, by policy id, oldest first. */
  policyVersions(policyIds: readonly string[]): Promise<Map<string, InventoryPolicyVersionRow[]>>;
  /** How many of the account's entities each policy is attached to, by policy id (absent when none). */
  attachmentCounts(accountId: string, policyIds: readonly string[]): Promise<Map<string, number>>;
  /** How many of the account's users and roles use each ARN as their boundary, by ARN (absent when none). */
  boundaryUsageCounts(accountId: string, arns: readonly string[]): Promise<Map<string, number>>;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export function accountInventoryRepo(db: Db): AccountInventoryRepo {
  const countOf = async (table: 'users' | 'groups' | 'roles' | 'instance_profiles', accountId: string) => {
    const r = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };
  return {
    async counts(accountId) {
      const policies = await db
        .selectFrom('managed_policies')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      const attachments = await db
        .selectFrom('policy_attachments')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      const rootKey = await db
        .selectFrom('access_keys')
        .select('access_key_id')
        .where('account_id', '=', accountId)
        .where('user_id', 'is', null)
        .executeTakeFirst();
      return {
        users: await countOf('users', accountId),
        groups: await countOf('groups', accountId),
        roles: await countOf('roles', accountId),
        instanceProfiles: await countOf('instance_profiles', accountId),
        policies: Number(policies.n),
        policyAttachments: Number(attachments.n),
        rootAccessKeys: rootKey !== undefined,
      };
    },

    groups: (accountId, page) => {
      let q = db.selectFrom('groups').selectAll().where('account_id', '=', accountId);
      if (page.after !== undefined) q = q.where('name_key', '>', page.after);
      return q.orderBy('name_key').limit(page.limit).execute();
    },
    roles: (accountId, page) => {
      let q = db.selectFrom('roles').selectAll().where('account_id', '=', accountId);
      if (page.after !== undefined) q = q.where('name_key', '>', page.after);
      return q.orderBy('name_key').limit(page.limit).execute();
    },
    localPolicies: (accountId, page) => {
      let q = db.selectFrom('managed_policies').selectAll().where('account_id', '=', accountId);
      if (page.after !== undefined) q = q.where('arn', '>', page.after);
      return q.orderBy('arn').limit(page.limit).execute();
    },
    awsPoliciesInUse: (accountId, page) => {
      let q = db
        .selectFrom('managed_policies as mp')
        .selectAll('mp')
        .where('mp.account_id', '=', 'aws')
        .where((eb) =>
          eb.or([
            eb.exists(
              eb
                .selectFrom('policy_attachments as pa')
                .select('pa.policy_id')
                .whereRef('pa.policy_id', '=', 'mp.policy_id')
                .where('pa.account_id', '=', accountId),
            ),
            eb.exists(
              eb
                .selectFrom('users as u')
                .select('u.user_id')
                .whereRef('u.permissions_boundary', '=', 'mp.arn')
                .where('u.account_id', '=', accountId),
            ),
            eb.exists(
              eb
                .selectFrom('roles as r')
                .select('r.role_id')
                .whereRef('r.permissions_boundary', '=', 'mp.arn')
                .where('r.account_id', '=', accountId),
            ),
          ]),
        );
      if (page.after !== undefined) q = q.where('mp.arn', '>', page.after);
      return q.orderBy('mp.arn').limit(page.limit).execute();
    },

    async inlinePolicies(type, entityIds) {
      if (entityIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('inline_policies')
        .select(['entity_id', 'policy_name', 'document'])
        .where('entity_type', '=', type)
        .where('entity_id', 'in', [...entityIds])
        .orderBy('policy_name')
        .execute();
      return groupBy(
        rows.map((r) => ({ entityId: r.entity_id, policyName: r.policy_name, document: r.document })),
        (r) => r.entityId,
      );
    },
    async attachedPolicies(type, entityIds) {
      if (entityIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('policy_attachments as pa')
        .innerJoin('managed_policies as mp', 'mp.policy_id', 'pa.policy_id')
        .select(['pa.entity_id', 'mp.policy_name', 'mp.arn'])
        .where('pa.entity_type', '=', type)
        .where('pa.entity_id', 'in', [...entityIds])
        .orderBy('pa.attached_at')
        .orderBy('mp.arn')
        .execute();
      return groupBy(
        rows.map((r) => ({ entityId: r.entity_id, policyName: r.policy_name, policyArn: r.arn })),
        (r) => r.entityId,
      );
    },
    async groupNamesOfUsers(userIds) {
      const out = new Map<string, string[]>();
      if (userIds.length === 0) return out;
      const rows = await db
        .selectFrom('group_members as gm')
        .innerJoin('groups as g', 'g.group_id', 'gm.group_id')
        .select(['gm.user_id', 'g.group_name'])
        .where('gm.user_id', 'in', [...userIds])
        .orderBy('g.name_key')
        .execute();
      for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.group_name]);
      return out;
    },
    async tagsOf(type, ids) {
      const out = new Map<string, TagPair[]>();
      if (ids.length === 0) return out;
      const rows = await db
        .selectFrom('tags')
        .select(['resource_id', 'tag_key', 'tag_value'])
        .where('resource_type', '=', type)
        .where('resource_id', 'in', [...ids])
        .orderBy('position')
        .execute();
      for (const r of rows)
        out.set(r.resource_id, [...(out.get(r.resource_id) ?? []), { Key: r.tag_key, Value: r.tag_value }]);
      return out;
    },
    async policyVersions(policyIds) {
      if (policyIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('policy_versions')
        .selectAll()
        .where('policy_id', 'in', [...policyIds])
        .orderBy('policy_id')
        .orderBy('version')
        .execute();
      return groupBy(rows, (r) => r.policy_id);
    },
    async attachmentCounts(accountId, policyIds) {
      if (policyIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('policy_attachments')
        .select(['policy_id', (eb) => eb.fn.countAll<string | number>().as('n')])
        .where('account_id', '=', accountId)
        .where('policy_id', 'in', [...policyIds])
        .groupBy('policy_id')
        .execute();
      return new Map(rows.map((r) => [r.policy_id, Number(r.n)]));
    },
    async boundaryUsageCounts(accountId, arns) {
      const out = new Map<string, number>();
      if (arns.length === 0) return out;
      for (const table of ['users', 'roles'] as const) {
        const rows = await db
          .selectFrom(table)
          .select(['permissions_boundary', (eb) => eb.fn.countAll<string | number>().as('n')])
          .where('account_id', '=', accountId)
          .where('permissions_boundary', 'in', [...arns])
          .groupBy('permissions_boundary')
          .execute();
        for (const r of rows)
          if (r.permissions_boundary !== null)
            out.set(r.permissions_boundary, (out.get(r.permissions_boundary) ?? 0) + Number(r.n));
      }
      return out;
    },
  };
}
