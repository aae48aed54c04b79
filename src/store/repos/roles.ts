// IAM roles, looked up by case-insensitive name within an account and listed by name, with what
// hangs off a role (inline and attached policies, instance profiles) and its last-used data.
import type { Selectable, Updateable } from 'kysely';
import type { RolesTable } from '../database.ts';
import type { Db, KeysetPage, RecordChange } from './db.ts';
import { pathStartsWith } from './like-prefix.ts';

export type RoleRow = Selectable<RolesTable>;

/** One use of a role (a session issued for it), for RoleLastUsed. */
export interface RoleUse {
  roleId: string;
  at: string;
  region: string;
}

/** What still hangs off a role and would block its deletion: whether it has each kind. */
export interface RoleDependents {
  instanceProfiles: boolean;
  attachedPolicies: boolean;
  inlinePolicies: boolean;
}

/** Reading roles. */
export interface RoleReader {
  /** The account's role whose name matches `roleName` regardless of case, or undefined. */
  byName(accountId: string, roleName: string): Promise<RoleRow | undefined>;
  /** The role with this id (in any account), or undefined. */
  byId(roleId: string): Promise<RoleRow | undefined>;
  /** The role with this ARN, or undefined. */
  byArn(arn: string): Promise<RoleRow | undefined>;
  /**
   * At most `page.limit` of the account's roles ordered by name key, after `page.after` (a name key),
   * only those whose path starts with `pathPrefix` when one other than `/` is given.
   */
  list(accountId: string, page: KeysetPage, pathPrefix?: string): Promise<RoleRow[]>;
  /** How many roles the account has. */
  count(accountId: string): Promise<number>;
  /** What still hangs off the role and would block its deletion. */
  dependents(roleId: string): Promise<RoleDependents>;
}

/** Roles, read and written; each write but `recordUses` announces a `role` change. */
export interface RoleRepo extends RoleReader {
  /** Stores a new role; a name (any case) the account already uses is a unique violation. */
  insert(row: RoleRow): Promise<void>;
  /** Sets the given columns of the role. */
  update(accountId: string, roleId: string, patch: Updateable<RolesTable>): Promise<void>;
  /** Removes the role's managed-policy attachments (a service-linked role's deletion takes them along). */
  detachAllPolicies(accountId: string, roleId: string): Promise<void>;
  /**
   * Deletes the role row alone: the caller first checks `dependents` and removes its tags; a role
   * still in an instance profile is a foreign-key violation.
   */
  delete(accountId: string, roleId: string): Promise<void>;
  /**
   * Records when and where roles were last used (batched by the caller, like access-key use); a role
   * deleted meanwhile is skipped. Last-used data changes no permission, so no change is announced.
   */
  recordUses(uses: readonly RoleUse[]): Promise<void>;
}

export function roleRepo(db: Db, record: RecordChange): RoleRepo {
  return {
    byName: (accountId, roleName) =>
      db
        .selectFrom('roles')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('name_key', '=', roleName.toLowerCase())
        .executeTakeFirst(),
    byId: (roleId) => db.selectFrom('roles').selectAll().where('role_id', '=', roleId).executeTakeFirst(),
    byArn: (arn) => db.selectFrom('roles').selectAll().where('arn', '=', arn).executeTakeFirst(),
    list: (accountId, page, pathPrefix) => {
      let q = db.selectFrom('roles').selectAll().where('account_id', '=', accountId);
      if (page.after !== undefined) q = q.where('name_key', '>', page.after);
      if (pathPrefix && pathPrefix !== '/') q = q.where(pathStartsWith('path', pathPrefix));
      return q.orderBy('name_key').limit(page.limit).execute();
    },
    async count(accountId) {
      const r = await db
        .selectFrom('roles')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async insert(row) {
      await db.insertInto('roles').values(row).execute();
      record({ accountId: row.account_id, entity: 'role', id: row.role_id });
    },
    async update(accountId, roleId, patch) {
      await db.updateTable('roles').set(patch).where('role_id', '=', roleId).execute();
      record({ accountId, entity: 'role', id: roleId });
    },
    async dependents(roleId) {
      const has = async (q: Promise<unknown>) => (await q) !== undefined;
      return {
        instanceProfiles: await has(
          db
            .selectFrom('instance_profile_roles')
            .select('instance_profile_id')
            .where('role_id', '=', roleId)
            .executeTakeFirst(),
        ),
        attachedPolicies: await has(
          db
            .selectFrom('policy_attachments')
            .select('policy_id')
            .where('entity_type', '=', 'role')
            .where('entity_id', '=', roleId)
            .executeTakeFirst(),
        ),
        inlinePolicies: await has(
          db
            .selectFrom('inline_policies')
            .select('policy_name')
            .where('entity_type', '=', 'role')
            .where('entity_id', '=', roleId)
            .executeTakeFirst(),
        ),
      };
    },
    async detachAllPolicies(accountId, roleId) {
      await db
        .deleteFrom('policy_attachments')
        .where('entity_type', '=', 'role')
        .where('entity_id', '=', roleId)
        .execute();
      record({ accountId, entity: 'role', id: roleId });
    },
    async delete(accountId, roleId) {
      await db.deleteFrom('roles').where('role_id', '=', roleId).execute();
      record({ accountId, entity: 'role', id: roleId });
    },
    async recordUses(uses) {
      // in id order, so that two nodes' batches lock rows in the same order and cannot deadlock
      const byRole = [...uses].sort((a, b) => (a.roleId < b.roleId ? -1 : 1));
      for (const u of byRole)
        await db
          .updateTable('roles')
          .set({ last_used_at: u.at, last_used_region: u.region })
          .where('role_id', '=', u.roleId)
          .execute();
    },
  };
}
