// IAM roles, looked up by case-insensitive name within an account and listed by name, with what
// hangs off a role (inline and attached policies, instance profiles) and its last-used data.
import type { Selectable, Updateable } from 'kysely';
import type { RolesTable } from '../database.ts';
import type { Db, KeysetPage, RecordChange } from './db.ts';
import { likePrefix } from './users.ts';

export type RoleRow = Selectable<RolesTable>;

/** One use of a role (a session issued for it), for RoleLastUsed. */
export interface RoleUse {
  roleId: string;
  at: string;
  region: string;
}

export function roleRepo(db: Db, record: RecordChange) {
  return {
    byName: (accountId: string, roleName: string): Promise<RoleRow | undefined> =>
      db
        .selectFrom('roles')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('name_key', '=', roleName.toLowerCase())
        .executeTakeFirst(),
    byId: (roleId: string): Promise<RoleRow | undefined> =>
      db.selectFrom('roles').selectAll().where('role_id', '=', roleId).executeTakeFirst(),
    byArn: (arn: string): Promise<RoleRow | undefined> =>
      db.selectFrom('roles').selectAll().where('arn', '=', arn).executeTakeFirst(),
    /** Roles ordered by name key, after the page's marker, optionally under a path prefix. */
    list: (accountId: string, page: KeysetPage, pathPrefix?: string): Promise<RoleRow[]> => {
      let q = db.selectFrom('roles').selectAll().where('account_id', '=', accountId);
      if (page.after !== undefined) q = q.where('name_key', '>', page.after);
      if (pathPrefix && pathPrefix !== '/') q = q.where('path', 'like', likePrefix(pathPrefix));
      return q.orderBy('name_key').limit(page.limit).execute();
    },
    async count(accountId: string): Promise<number> {
      const r = await db
        .selectFrom('roles')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async insert(row: RoleRow): Promise<void> {
      await db.insertInto('roles').values(row).execute();
      record({ accountId: row.account_id, entity: 'role', id: row.role_id });
    },
    async update(accountId: string, roleId: string, patch: Updateable<RolesTable>): Promise<void> {
      await db.updateTable('roles').set(patch).where('role_id', '=', roleId).execute();
      record({ accountId, entity: 'role', id: roleId });
    },
    /** What still hangs off a role and would block its deletion. */
    async dependents(roleId: string) {
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
    /** Removes the role's managed-policy attachments (a service-linked role's deletion takes them along). */
    async detachAllPolicies(accountId: string, roleId: string): Promise<void> {
      await db
        .deleteFrom('policy_attachments')
        .where('entity_type', '=', 'role')
        .where('entity_id', '=', roleId)
        .execute();
      record({ accountId, entity: 'role', id: roleId });
    },
    async delete(accountId: string, roleId: string): Promise<void> {
      await db.deleteFrom('roles').where('role_id', '=', roleId).execute();
      record({ accountId, entity: 'role', id: roleId });
    },
    /**
     * Records when and where roles were last used (batched by the caller, like access-key use).
     * Last-used data changes no permission, so no change is announced.
     */
    async recordUses(uses: readonly RoleUse[]): Promise<void> {
      for (const u of uses)
        await db
          .updateTable('roles')
          .set({ last_used_at: u.at, last_used_region: u.region })
          .where('role_id', '=', u.roleId)
          .execute();
    },
  };
}
export type RoleRepo = ReturnType<typeof roleRepo>;
