// IAM users, looked up by case-insensitive name within an account and listed by name.
import type { Selectable, Updateable } from 'kysely';
import type { UsersTable } from '../database.ts';
import type { Db, KeysetPage, RecordChange } from './db.ts';
import { pathStartsWith } from './like-prefix.ts';

export type UserRow = Selectable<UsersTable>;

/** What still hangs off a user and would block its deletion: whether it has each kind. */
export interface UserDependents {
  loginProfile: boolean;
  accessKeys: boolean;
  groups: boolean;
  attachedPolicies: boolean;
  inlinePolicies: boolean;
  mfaDevices: boolean;
}

/** Reading users. */
export interface UserReader {
  /** The account's user whose name matches `userName` regardless of case, or undefined. */
  byName(accountId: string, userName: string): Promise<UserRow | undefined>;
  /** The user with this id (in any account), or undefined. */
  byId(userId: string): Promise<UserRow | undefined>;
  /**
   * At most `page.limit` of the account's users ordered by name key, after `page.after` (a name key),
   * only those whose path starts with `pathPrefix` when one other than `/` is given.
   */
  list(accountId: string, page: KeysetPage, pathPrefix?: string): Promise<UserRow[]>;
  /** How many users the account has. */
  count(accountId: string): Promise<number>;
  /** What still hangs off the user and would block its deletion. */
  dependents(userId: string): Promise<UserDependents>;
}

/** Users, read and written; each write announces a `user` change. */
export interface UserRepo extends UserReader {
  /** Stores a new user; a name (any case) the account already uses is a unique violation. */
  insert(row: UserRow): Promise<void>;
  /** Sets the given columns; a rename to a name the account already uses is a unique violation. */
  update(accountId: string, userId: string, patch: Updateable<UsersTable>): Promise<void>;
  /** Deletes the user row alone: the caller first checks `dependents` and removes its tags. */
  delete(accountId: string, userId: string): Promise<void>;
}

export function userRepo(db: Db, record: RecordChange): UserRepo {
  return {
    byName: (accountId, userName) =>
      db
        .selectFrom('users')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('name_key', '=', userName.toLowerCase())
        .executeTakeFirst(),
    byId: (userId) => db.selectFrom('users').selectAll().where('user_id', '=', userId).executeTakeFirst(),
    list: (accountId, page, pathPrefix) => {
      let q = db.selectFrom('users').selectAll().where('account_id', '=', accountId);
      if (page.after !== undefined) q = q.where('name_key', '>', page.after);
      if (pathPrefix && pathPrefix !== '/') q = q.where(pathStartsWith('path', pathPrefix));
      return q.orderBy('name_key').limit(page.limit).execute();
    },
    async count(accountId) {
      const r = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async insert(row) {
      await db.insertInto('users').values(row).execute();
      record({ accountId: row.account_id, entity: 'user', id: row.user_id });
    },
    async update(accountId, userId, patch) {
      await db.updateTable('users').set(patch).where('user_id', '=', userId).execute();
      record({ accountId, entity: 'user', id: userId });
    },
    async dependents(userId) {
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
    async delete(accountId, userId) {
      await db.deleteFrom('users').where('user_id', '=', userId).execute();
      record({ accountId, entity: 'user', id: userId });
    },
  };
}
