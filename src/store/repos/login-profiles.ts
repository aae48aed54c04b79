// Console passwords (hashed) of users, and each account's password policy.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { LoginProfilesTable } from '../database.ts';
import type { Db, RecordChange } from './db.ts';

export type LoginProfileRow = Selectable<LoginProfilesTable>;
export type NewLoginProfileRow = Insertable<LoginProfilesTable>;

/** Reading login profiles and password policies. */
export interface LoginProfileReader {
  /** The user's login profile, or undefined when the user has no console password. */
  get(userId: string): Promise<LoginProfileRow | undefined>;
  /** The account's password policy (JSON), or undefined when it has none. */
  getPasswordPolicy(accountId: string): Promise<string | undefined>;
}

/**
 * Login profiles and password policies, read and written; profile writes announce a `login-profile`
 * change, policy writes a `password-policy` change.
 */
export interface LoginProfileRepo extends LoginProfileReader {
  /** Stores the user's login profile; a user that already has one is a unique violation. */
  insert(accountId: string, row: NewLoginProfileRow): Promise<void>;
  /** Sets the given columns of the user's login profile. */
  update(accountId: string, userId: string, patch: Updateable<LoginProfilesTable>): Promise<void>;
  /** Deletes the user's login profile; nothing happens when there is none. */
  delete(accountId: string, userId: string): Promise<void>;
  /** Sets the account's password policy (JSON), replacing the one it had. */
  putPasswordPolicy(accountId: string, policy: string): Promise<void>;
  /** Deletes the account's password policy; false when it had none (a change is announced either way). */
  deletePasswordPolicy(accountId: string): Promise<boolean>;
}

export function loginProfileRepo(db: Db, record: RecordChange): LoginProfileRepo {
  return {
    get: (userId) =>
      db.selectFrom('login_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst(),
    async insert(accountId, row) {
      await db.insertInto('login_profiles').values(row).execute();
      record({ accountId, entity: 'login-profile', id: row.user_id });
    },
    async update(accountId, userId, patch) {
      await db.updateTable('login_profiles').set(patch).where('user_id', '=', userId).execute();
      record({ accountId, entity: 'login-profile', id: userId });
    },
    async delete(accountId, userId) {
      await db.deleteFrom('login_profiles').where('user_id', '=', userId).execute();
      record({ accountId, entity: 'login-profile', id: userId });
    },
    async getPasswordPolicy(accountId) {
      const row = await db
        .selectFrom('password_policies')
        .select('policy')
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return row?.policy;
    },
    async putPasswordPolicy(accountId, policy) {
      const updated = await db
        .updateTable('password_policies')
        .set({ policy })
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0)
        await db.insertInto('password_policies').values({ account_id: accountId, policy }).execute();
      record({ accountId, entity: 'password-policy' });
    },
    async deletePasswordPolicy(accountId) {
      const r = await db
        .deleteFrom('password_policies')
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      record({ accountId, entity: 'password-policy' });
      return Number(r.numDeletedRows) > 0;
    },
  };
}
