// IAM users, looked up by case-insensitive name within an account and listed by name.
import type { Selectable, Updateable } from 'kysely';
import type { UsersTable } from '../database.ts';
import type { Db, KeysetPage, RecordChange } from './db.ts';

export type UserRow = Selectable<UsersTable>;

export function userRepo(db: Db, record: RecordChange) {
  return {
    byName: (accountId: string, userName: string): Promise<UserRow | undefined> =>
      db
        .selectFrom('users')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('name_key', '=', userName.toLowerCase())
        .executeTakeFirst(),
    byId: (userId: string): Promise<UserRow | undefined> =>
      db.selectFrom('users').selectAll().where('user_id', '=', userId).executeTakeFirst(),
    /** Users ordered by name key, after the page's marker, optionally under a path prefix. */
    list: (accountId: string, page: KeysetPage, pathPrefix?: string): Promise<UserRow[]> => {
      let q = db.selectFrom('users').selectAll().where('account_id', '=', accountId);
      if (page.after !== undefined) q = q.where('name_key', '>', page.after);
      if (pathPrefix && pathPrefix !== '/') q = q.where('path', 'like', likePrefix(pathPrefix));
      return q.orderBy('name_key').limit(page.limit).execute();
    },
    async count(accountId: string): Promise<number> {
      const r = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async insert(row: UserRow): Promise<void> {
      await db.insertInto('users').values(row).execute();
      record({ accountId: row.account_id, entity: 'user', id: row.user_id });
    },
    async update(accountId: string, userId: string, patch: Updateable<UsersTable>): Promise<void> {
      await db.updateTable('users').set(patch).where('user_id', '=', userId).execute();
      record({ accountId, entity: 'user', id: userId });
    },
    /** What still hangs off a user and would block its deletion. */
    async dependents(userId: string) {
      const has = async (q: Promise<unknown>) => (await q) !== undefined;
      return {
        loginProfile: await has(
          db.selectFrom('login_profiles').select('user_id').where('user_id', '=', userId).executeTakeFirst(),
        ),
        accessKeys: await has(
          db
            .selectFrom('access_keys')
            .select('access_key_id')
            .where('user_id', '=', userId)
            .executeTakeFirst(),
        ),
        groups: await has(
          db.selectFrom('group_members').select('group_id').where('user_id', '=', userId).executeTakeFirst(),
        ),
        attachedPolicies: await has(
          db
            .selectFrom('policy_attachments')
            .select('policy_id')
            .where('entity_type', '=', 'user')
            .where('entity_id', '=', userId)
            .executeTakeFirst(),
        ),
        inlinePolicies: await has(
          db
            .selectFrom('inline_policies')
            .select('policy_name')
            .where('entity_type', '=', 'user')
            .where('entity_id', '=', userId)
            .executeTakeFirst(),
        ),
        mfaDevices: await has(
          db
            .selectFrom('mfa_devices')
            .select('serial_number')
            .where('user_id', '=', userId)
            .executeTakeFirst(),
        ),
      };
    },
    async delete(accountId: string, userId: string): Promise<void> {
      await db.deleteFrom('users').where('user_id', '=', userId).execute();
      record({ accountId, entity: 'user', id: userId });
    },
  };
}
export type UserRepo = ReturnType<typeof userRepo>;

/** A LIKE pattern matching strings that start with `prefix`, with LIKE's wildcards escaped. */
export function likePrefix(prefix: string): string {
  return prefix.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
}
