// Instance profiles and the (at most one) role each holds, looked up by case-insensitive name
// within an account and listed by name.
import type { Selectable } from 'kysely';
import type { InstanceProfilesTable, RolesTable } from '../database.ts';
import type { Db, KeysetPage, RecordChange } from './db.ts';
import { likePrefix } from './users.ts';

export type InstanceProfileRow = Selectable<InstanceProfilesTable>;
/** A role as an instance profile carries it (the roles table's columns). */
export type InstanceProfileRoleRow = Selectable<RolesTable>;

export function instanceProfileRepo(db: Db, record: RecordChange) {
  const changed = (accountId: string, id: string) => record({ accountId, entity: 'instance-profile', id });
  return {
    byName: (accountId: string, name: string): Promise<InstanceProfileRow | undefined> =>
      db
        .selectFrom('instance_profiles')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('name_key', '=', name.toLowerCase())
        .executeTakeFirst(),
    /** Instance profiles ordered by name key, after the page's marker, optionally under a path prefix. */
    list: (accountId: string, page: KeysetPage, pathPrefix?: string): Promise<InstanceProfileRow[]> => {
      let q = db.selectFrom('instance_profiles').selectAll().where('account_id', '=', accountId);
      if (page.after !== undefined) q = q.where('name_key', '>', page.after);
      if (pathPrefix && pathPrefix !== '/') q = q.where('path', 'like', likePrefix(pathPrefix));
      return q.orderBy('name_key').limit(page.limit).execute();
    },
    /** The instance profiles that hold a role, ordered by name key, after the page's marker. */
    listForRole: (roleId: string, page: KeysetPage): Promise<InstanceProfileRow[]> => {
      let q = db
        .selectFrom('instance_profiles as p')
        .innerJoin('instance_profile_roles as r', 'r.instance_profile_id', 'p.instance_profile_id')
        .selectAll('p')
        .where('r.role_id', '=', roleId);
      if (page.after !== undefined) q = q.where('p.name_key', '>', page.after);
      return q.orderBy('p.name_key').limit(page.limit).execute();
    },
    /** Every instance profile holding one of the roles, with that role's id. */
    forRoles: async (roleIds: readonly string[]): Promise<(InstanceProfileRow & { role_id: string })[]> => {
      if (roleIds.length === 0) return [];
      return db
        .selectFrom('instance_profiles as p')
        .innerJoin('instance_profile_roles as r', 'r.instance_profile_id', 'p.instance_profile_id')
        .selectAll('p')
        .select('r.role_id')
        .where('r.role_id', 'in', [...roleIds])
        .orderBy('p.name_key')
        .execute();
    },
    /** The roles held by each of the given instance profiles, keyed by instance profile id. */
    async rolesOf(profileIds: readonly string[]): Promise<Map<string, InstanceProfileRoleRow[]>> {
      const byProfile = new Map<string, InstanceProfileRoleRow[]>();
      if (profileIds.length === 0) return byProfile;
      const rows = await db
        .selectFrom('instance_profile_roles as ipr')
        .innerJoin('roles', 'roles.role_id', 'ipr.role_id')
        .selectAll('roles')
        .select('ipr.instance_profile_id')
        .where('ipr.instance_profile_id', 'in', [...profileIds])
        .execute();
      for (const { instance_profile_id, ...role } of rows) {
        const list = byProfile.get(instance_profile_id) ?? [];
        list.push(role);
        byProfile.set(instance_profile_id, list);
      }
      return byProfile;
    },
    async count(accountId: string): Promise<number> {
      const r = await db
        .selectFrom('instance_profiles')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async insert(row: InstanceProfileRow): Promise<void> {
      await db.insertInto('instance_profiles').values(row).execute();
      changed(row.account_id, row.instance_profile_id);
    },
    async addRole(accountId: string, profileId: string, roleId: string): Promise<void> {
      await db
        .insertInto('instance_profile_roles')
        .values({ instance_profile_id: profileId, role_id: roleId })
        .execute();
      changed(accountId, profileId);
    },
    /** Removes a role from an instance profile; false when the profile did not hold it. */
    async removeRole(accountId: string, profileId: string, roleId: string): Promise<boolean> {
      const r = await db
        .deleteFrom('instance_profile_roles')
        .where('instance_profile_id', '=', profileId)
        .where('role_id', '=', roleId)
        .executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) return false;
      changed(accountId, profileId);
      return true;
    },
    async delete(accountId: string, profileId: string): Promise<void> {
      await db.deleteFrom('instance_profiles').where('instance_profile_id', '=', profileId).execute();
      changed(accountId, profileId);
    },
  };
}
export type InstanceProfileRepo = ReturnType<typeof instanceProfileRepo>;
