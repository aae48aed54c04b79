// Instance profiles and the (at most one) role each holds, looked up by case-insensitive name
// within an account and listed by name.
import type { Selectable } from 'kysely';
import type { InstanceProfilesTable, RolesTable } from '../database.ts';
import type { Db, KeysetPage, RecordChange } from './db.ts';
import { pathStartsWith } from './like-prefix.ts';

export type InstanceProfileRow = Selectable<InstanceProfilesTable>;
/** A role as an instance profile carries it (the roles table's columns). */
export type InstanceProfileRoleRow = Selectable<RolesTable>;

/** Reading instance profiles and the roles they hold. */
export interface InstanceProfileReader {
  /** The account's instance profile whose name matches `name` regardless of case, or undefined. */
  byName(accountId: string, name: string): Promise<InstanceProfileRow | undefined>;
  /**
   * At most `page.limit` of the account's instance profiles ordered by name key, after `page.after`
   * (a name key), only those whose path starts with `pathPrefix` when one other than `/` is given.
   */
  list(accountId: string, page: KeysetPage, pathPrefix?: string): Promise<InstanceProfileRow[]>;
  /** At most `page.limit` of the instance profiles that hold a role, by name key, after `page.after`. */
  listForRole(roleId: string, page: KeysetPage): Promise<InstanceProfileRow[]>;
  /** Every instance profile holding one of the roles, with that role's id, ordered by name key. */
  forRoles(roleIds: readonly string[]): Promise<(InstanceProfileRow & { role_id: string })[]>;
  /** The roles held by each of the given instance profiles, keyed by instance profile id. */
  rolesOf(profileIds: readonly string[]): Promise<Map<string, InstanceProfileRoleRow[]>>;
  /** How many instance profiles the account has. */
  count(accountId: string): Promise<number>;
}

/** Instance profiles, read and written; each write announces an `instance-profile` change. */
export interface InstanceProfileRepo extends InstanceProfileReader {
  /** Stores a new instance profile; a name (any case) the account already uses is a unique violation. */
  insert(row: InstanceProfileRow): Promise<void>;
  /** Puts a role in the profile; a profile that already holds a role is a unique violation. */
  addRole(accountId: string, profileId: string, roleId: string): Promise<void>;
  /** Removes a role from an instance profile; false (and nothing announced) when it did not hold it. */
  removeRole(accountId: string, profileId: string, roleId: string): Promise<boolean>;
  /** Deletes the profile; one that still holds a role is a foreign-key violation. */
  delete(accountId: string, profileId: string): Promise<void>;
}

export function instanceProfileRepo(db: Db, record: RecordChange): InstanceProfileRepo {
  const changed = (accountId: string, id: string) => record({ accountId, entity: 'instance-profile', id });
  return {
    byName: (accountId, name) =>
      db
        .selectFrom('instance_profiles')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('name_key', '=', name.toLowerCase())
        .executeTakeFirst(),
    list: (accountId, page, pathPrefix) => {
      let q = db.selectFrom('instance_profiles').selectAll().where('account_id', '=', accountId);
      if (page.after !== undefined) q = q.where('name_key', '>', page.after);
      if (pathPrefix && pathPrefix !== '/') q = q.where(pathStartsWith('path', pathPrefix));
      return q.orderBy('name_key').limit(page.limit).execute();
    },
    listForRole: (roleId, page) => {
      let q = db
        .selectFrom('instance_profiles as p')
        .innerJoin('instance_profile_roles as r', 'r.instance_profile_id', 'p.instance_profile_id')
        .selectAll('p')
        .where('r.role_id', '=', roleId);
      if (page.after !== undefined) q = q.where('p.name_key', '>', page.after);
      return q.orderBy('p.name_key').limit(page.limit).execute();
    },
    forRoles: async (roleIds) => {
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
    async rolesOf(profileIds) {
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
    async count(accountId) {
      const r = await db
        .selectFrom('instance_profiles')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async insert(row) {
      await db.insertInto('instance_profiles').values(row).execute();
      changed(row.account_id, row.instance_profile_id);
    },
    async addRole(accountId, profileId, roleId) {
      await db
        .insertInto('instance_profile_roles')
        .values({ instance_profile_id: profileId, role_id: roleId })
        .execute();
      changed(accountId, profileId);
    },
    async removeRole(accountId, profileId, roleId) {
      const r = await db
        .deleteFrom('instance_profile_roles')
        .where('instance_profile_id', '=', profileId)
        .where('role_id', '=', roleId)
        .executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) return false;
      changed(accountId, profileId);
      return true;
    },
    async delete(accountId, profileId) {
      await db.deleteFrom('instance_profiles').where('instance_profile_id', '=', profileId).execute();
      changed(accountId, profileId);
    },
  };
}
