// Managed policies (customer and AWS managed), their versions, and their attachments to users,
// groups and roles. Attachment and permissions-boundary counts are always taken within one
// account: AWS managed policies are shared by every account, and each sees only its own uses.
import type { ExpressionBuilder, Selectable, Updateable } from 'kysely';
import type { AttachableEntity, Database, ManagedPoliciesTable, PolicyVersionsTable } from '../database.ts';
import type { Db, RecordChange } from './db.ts';
import { pathStartsWith } from './like-prefix.ts';

export type ManagedPolicyRow = Selectable<ManagedPoliciesTable>;
export type PolicyVersionRow = Selectable<PolicyVersionsTable>;

/** A policy row with its uses within one account. */
export interface ManagedPolicyUsage {
  attachmentCount: number;
  permissionsBoundaryUsageCount: number;
}
export type ManagedPolicyWithUsage = ManagedPolicyRow & ManagedPolicyUsage;

/** What ListPolicies filters on. */
export interface PolicyListFilter {
  scope: 'All' | 'AWS' | 'Local';
  onlyAttached: boolean;
  usage?: 'PermissionsPolicy' | 'PermissionsBoundary';
  pathPrefix?: string;
}

/** One entity (user, group or role) that uses a policy, as ListEntitiesForPolicy reports it. */
export interface PolicyEntity {
  type: AttachableEntity;
  id: string;
  name: string;
  nameKey: string;
  path: string;
}

/** A managed policy attached to one entity, as ListAttached*Policies reports it. */
export interface AttachedPolicyRow {
  policy_id: string;
  policy_name: string;
  name_key: string;
  arn: string;
  path: string;
}

type Eb = ExpressionBuilder<Database, 'managed_policies'>;

/** Reading managed policies, their versions and their uses. */
export interface ManagedPolicyReader {
  /** The policy (customer or AWS managed) with this ARN, or undefined. */
  byArn(arn: string): Promise<ManagedPolicyRow | undefined>;
  /** The policy with this ARN and its attachment and boundary counts within `accountId`, or undefined. */
  byArnWithUsage(accountId: string, arn: string): Promise<ManagedPolicyWithUsage | undefined>;
  /** The account's customer managed policy whose name matches `policyName` regardless of case. */
  byName(accountId: string, policyName: string): Promise<ManagedPolicyRow | undefined>;
  /** How many customer managed policies the account has (AWS managed ones are not counted). */
  countCustomer(accountId: string): Promise<number>;
  /**
   * At most `page.limit` of the policies visible to `accountId` (its own and AWS managed) that pass
   * `filter`, with their uses within the account, ordered by name key then id, after `page.after`.
   */
  list(
    accountId: string,
    filter: PolicyListFilter,
    page: { after?: { nameKey: string; policyId: string }; limit: number },
  ): Promise<ManagedPolicyWithUsage[]>;
  /** A policy's versions, oldest first. */
  versions(policyId: string): Promise<PolicyVersionRow[]>;
  /** One version of a policy, or undefined. */
  version(policyId: string, version: number): Promise<PolicyVersionRow | undefined>;
  /** Whether anything, in any account, still attaches the policy or uses it as a boundary. */
  inUse(policyId: string, arn: string): Promise<boolean>;
  /** The managed policies attached to one user, group or role, in no particular order. */
  attachedTo(type: AttachableEntity, entityId: string): Promise<AttachedPolicyRow[]>;
  /** Whether the policy is attached to the user, group or role. */
  isAttached(policyId: string, type: AttachableEntity, entityId: string): Promise<boolean>;
  /** Users, groups and roles of `accountId` that attach the policy: users first, then groups, then roles. */
  attachedEntities(accountId: string, policyId: string): Promise<PolicyEntity[]>;
  /** Users and roles of `accountId` whose permissions boundary is the policy: users first, then roles. */
  boundedEntities(accountId: string, arn: string): Promise<PolicyEntity[]>;
}

/**
 * Managed policies, read and written. Each write announces a `policy` change; attaching and
 * detaching also announce a change of the user, group or role concerned.
 */
export interface ManagedPolicyRepo extends ManagedPolicyReader {
  /**
   * Stores a new policy (without versions); an ARN already stored, or a name (any case) the account
   * already uses, is a unique violation.
   */
  insert(row: ManagedPolicyRow): Promise<void>;
  /** Inserts an AWS managed policy with its one version unless its ARN is already there; false if it was. */
  insertIfAbsent(row: ManagedPolicyRow, version: PolicyVersionRow): Promise<boolean>;
  /** Sets the given columns of the policy. */
  update(accountId: string, policyId: string, patch: Updateable<ManagedPoliciesTable>): Promise<void>;
  /** Deletes a policy with all its versions; one still attached is a foreign-key violation. */
  delete(accountId: string, policyId: string): Promise<void>;
  /** Stores a new version; a version number the policy already has is a unique violation. */
  insertVersion(accountId: string, row: PolicyVersionRow): Promise<void>;
  /** Deletes one version of a policy; nothing happens for one not stored. */
  deleteVersion(accountId: string, policyId: string, version: number): Promise<void>;
  /** Attaches the policy to a user, group or role; one already attached is a unique violation. */
  attach(
    accountId: string,
    policyId: string,
    type: AttachableEntity,
    entityId: string,
    at: string,
  ): Promise<void>;
  /** Detaches the policy from a user, group or role; nothing is removed when it was not attached. */
  detach(accountId: string, policyId: string, type: AttachableEntity, entityId: string): Promise<void>;
}

export function managedPolicyRepo(db: Db, record: RecordChange): ManagedPolicyRepo {
  const changed = (accountId: string, policyId: string) =>
    record({ accountId, entity: 'policy', id: policyId });

  /** Subqueries counting a policy's uses in `accountId`, correlated with managed_policies. */
  const attachments = (eb: Eb, accountId: string) =>
    eb
      .selectFrom('policy_attachments')
      .select((e) => e.fn.countAll<string | number>().as('n'))
      .whereRef('policy_attachments.policy_id', '=', 'managed_policies.policy_id')
      .where('policy_attachments.account_id', '=', accountId);
  const userBoundaries = (eb: Eb, accountId: string) =>
    eb
      .selectFrom('users')
      .select((e) => e.fn.countAll<string | number>().as('n'))
      .whereRef('users.permissions_boundary', '=', 'managed_policies.arn')
      .where('users.account_id', '=', accountId);
  const roleBoundaries = (eb: Eb, accountId: string) =>
    eb
      .selectFrom('roles')
      .select((e) => e.fn.countAll<string | number>().as('n'))
      .whereRef('roles.permissions_boundary', '=', 'managed_policies.arn')
      .where('roles.account_id', '=', accountId);

  const withUsage = (
    row: ManagedPolicyRow & { attachment_count: unknown; user_boundaries: unknown; role_boundaries: unknown },
  ): ManagedPolicyWithUsage => {
    const { attachment_count, user_boundaries, role_boundaries, ...policy } = row;
    return {
      ...policy,
      attachmentCount: Number(attachment_count ?? 0),
      permissionsBoundaryUsageCount: Number(user_boundaries ?? 0) + Number(role_boundaries ?? 0),
    };
  };

  const selectWithUsage = (accountId: string) =>
    db
      .selectFrom('managed_policies')
      .selectAll('managed_policies')
      .select((eb) => [
        attachments(eb, accountId).as('attachment_count'),
        userBoundaries(eb, accountId).as('user_boundaries'),
        roleBoundaries(eb, accountId).as('role_boundaries'),
      ]);

  return {
    byArn: (arn) => db.selectFrom('managed_policies').selectAll().where('arn', '=', arn).executeTakeFirst(),

    async byArnWithUsage(accountId, arn) {
      const row = await selectWithUsage(accountId).where('managed_policies.arn', '=', arn).executeTakeFirst();
      return row && withUsage(row);
    },

    byName: (accountId, policyName) =>
      db
        .selectFrom('managed_policies')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('name_key', '=', policyName.toLowerCase())
        .executeTakeFirst(),

    async countCustomer(accountId) {
      const r = await db
        .selectFrom('managed_policies')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async list(accountId, filter, page) {
      let q = selectWithUsage(accountId);
      if (filter.scope === 'AWS') q = q.where('managed_policies.account_id', '=', 'aws');
      else if (filter.scope === 'Local') q = q.where('managed_policies.account_id', '=', accountId);
      else q = q.where('managed_policies.account_id', 'in', [accountId, 'aws']);
      if (filter.pathPrefix && filter.pathPrefix !== '/')
        q = q.where(pathStartsWith('managed_policies.path', filter.pathPrefix));
      const attached = (eb: Eb) => eb.exists(attachments(eb, accountId).clearSelect().select('policy_id'));
      const bounding = (eb: Eb) =>
        eb.or([
          eb.exists(userBoundaries(eb, accountId).clearSelect().select('user_id')),
          eb.exists(roleBoundaries(eb, accountId).clearSelect().select('role_id')),
        ]);
      if (filter.usage === 'PermissionsPolicy') q = q.where(attached);
      else if (filter.usage === 'PermissionsBoundary') q = q.where(bounding);
      else if (filter.onlyAttached) q = q.where((eb) => eb.or([attached(eb), bounding(eb)]));
      const after = page.after;
      if (after)
        q = q.where((eb) =>
          eb.or([
            eb('managed_policies.name_key', '>', after.nameKey),
            eb.and([
              eb('managed_policies.name_key', '=', after.nameKey),
              eb('managed_policies.policy_id', '>', after.policyId),
            ]),
          ]),
        );
      const rows = await q
        .orderBy('managed_policies.name_key')
        .orderBy('managed_policies.policy_id')
        .limit(page.limit)
        .execute();
      return rows.map(withUsage);
    },

    async insert(row) {
      await db.insertInto('managed_policies').values(row).execute();
      changed(row.account_id, row.policy_id);
    },

    async insertIfAbsent(row, version) {
      const r = await db
        .insertInto('managed_policies')
        .values(row)
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) return false;
      await db.insertInto('policy_versions').values(version).execute();
      changed(row.account_id, row.policy_id);
      return true;
    },

    async update(accountId, policyId, patch) {
      await db.updateTable('managed_policies').set(patch).where('policy_id', '=', policyId).execute();
      changed(accountId, policyId);
    },

    async delete(accountId, policyId) {
      await db.deleteFrom('policy_versions').where('policy_id', '=', policyId).execute();
      await db.deleteFrom('managed_policies').where('policy_id', '=', policyId).execute();
      changed(accountId, policyId);
    },

    versions: (policyId) =>
      db
        .selectFrom('policy_versions')
        .selectAll()
        .where('policy_id', '=', policyId)
        .orderBy('version')
        .execute(),

    version: (policyId, version) =>
      db
        .selectFrom('policy_versions')
        .selectAll()
        .where('policy_id', '=', policyId)
        .where('version', '=', version)
        .executeTakeFirst(),

    async insertVersion(accountId, row) {
      await db.insertInto('policy_versions').values(row).execute();
      changed(accountId, row.policy_id);
    },

    async deleteVersion(accountId, policyId, version) {
      await db
        .deleteFrom('policy_versions')
        .where('policy_id', '=', policyId)
        .where('version', '=', version)
        .execute();
      changed(accountId, policyId);
    },

    async inUse(policyId, arn) {
      const attached = await db
        .selectFrom('policy_attachments')
        .select('policy_id')
        .where('policy_id', '=', policyId)
        .executeTakeFirst();
      if (attached) return true;
      const user = await db
        .selectFrom('users')
        .select('user_id')
        .where('permissions_boundary', '=', arn)
        .executeTakeFirst();
      if (user) return true;
      const role = await db
        .selectFrom('roles')
        .select('role_id')
        .where('permissions_boundary', '=', arn)
        .executeTakeFirst();
      return role !== undefined;
    },

    // --- attachments ------------------------------------------------------------------------------

    attachedTo: (type, entityId) =>
      db
        .selectFrom('policy_attachments')
        .innerJoin('managed_policies', 'managed_policies.policy_id', 'policy_attachments.policy_id')
        .select([
          'managed_policies.policy_id',
          'managed_policies.policy_name',
          'managed_policies.name_key',
          'managed_policies.arn',
          'managed_policies.path',
        ])
        .where('policy_attachments.entity_type', '=', type)
        .where('policy_attachments.entity_id', '=', entityId)
        .execute(),

    async isAttached(policyId, type, entityId) {
      const row = await db
        .selectFrom('policy_attachments')
        .select('policy_id')
        .where('policy_id', '=', policyId)
        .where('entity_type', '=', type)
        .where('entity_id', '=', entityId)
        .executeTakeFirst();
      return row !== undefined;
    },

    async attach(accountId, policyId, type, entityId, at) {
      await db
        .insertInto('policy_attachments')
        .values({
          account_id: accountId,
          policy_id: policyId,
          entity_type: type,
          entity_id: entityId,
          attached_at: at,
        })
        .execute();
      record({ accountId, entity: type, id: entityId });
      changed(accountId, policyId);
    },

    async detach(accountId, policyId, type, entityId) {
      await db
        .deleteFrom('policy_attachments')
        .where('policy_id', '=', policyId)
        .where('entity_type', '=', type)
        .where('entity_id', '=', entityId)
        .execute();
      record({ accountId, entity: type, id: entityId });
      changed(accountId, policyId);
    },

    async attachedEntities(accountId, policyId) {
      const attached = (type: AttachableEntity) =>
        db
          .selectFrom('policy_attachments')
          .select('entity_id')
          .where('policy_id', '=', policyId)
          .where('entity_type', '=', type)
          .where('account_id', '=', accountId);
      const users = await db
        .selectFrom('users')
        .select(['user_id as id', 'user_name as name', 'name_key', 'path'])
        .where('user_id', 'in', attached('user'))
        .execute();
      const groups = await db
        .selectFrom('groups')
        .select(['group_id as id', 'group_name as name', 'name_key', 'path'])
        .where('group_id', 'in', attached('group'))
        .execute();
      const roles = await db
        .selectFrom('roles')
        .select(['role_id as id', 'role_name as name', 'name_key', 'path'])
        .where('role_id', 'in', attached('role'))
        .execute();
      const entity =
        (type: AttachableEntity) => (r: { id: string; name: string; name_key: string; path: string }) => ({
          type,
          id: r.id,
          name: r.name,
          nameKey: r.name_key,
          path: r.path,
        });
      return [...users.map(entity('user')), ...groups.map(entity('group')), ...roles.map(entity('role'))];
    },

    async boundedEntities(accountId, arn) {
      const users = await db
        .selectFrom('users')
        .select(['user_id', 'user_name', 'name_key', 'path'])
        .where('account_id', '=', accountId)
        .where('permissions_boundary', '=', arn)
        .execute();
      const roles = await db
        .selectFrom('roles')
        .select(['role_id', 'role_name', 'name_key', 'path'])
        .where('account_id', '=', accountId)
        .where('permissions_boundary', '=', arn)
        .execute();
      return [
        ...users.map((u) => ({
          type: 'user' as const,
          id: u.user_id,
          name: u.user_name,
          nameKey: u.name_key,
          path: u.path,
        })),
        ...roles.map((r) => ({
          type: 'role' as const,
          id: r.role_id,
          name: r.role_name,
          nameKey: r.name_key,
          path: r.path,
        })),
      ];
    },
  };
}
