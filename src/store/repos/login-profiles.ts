// Console passwords (hashed) of users, and each account's password policy.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { LoginProfilesTable } from '../database.ts';
import type { Db, RecordChange } from './db.ts';

export type LoginProfileRow = Selectable<LoginProfilesTable>;
export type NewLoginProfileRow = Insertable<LoginProfilesTable>;

export function loginProfileRepo(db: Db, record: RecordChange) {
  return {
    get: (userId: string): Promise<LoginProfileRow | undefined> =>
      db.selectFrom('login_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst(),
    async insert(accountId: string, row: NewLoginProfileRow): Promise<void> {
      await db.insertInto('login_profiles').values(row).execute();
      record({ accountId, entity: 'login-profile', id: row.user_id });
    },
    async update(accountId: string, userId: string, patch: Updateable<LoginProfilesTable>): Promise<void> {
      await db.updateTable('login_profiles').set(patch).where('user_id', '=', userId).execute();
      record({ accountId, entity: 'login-profile', id: userId });
    },
    async delete(accountId: string, userId: string): Promise<void> {
      await db.deleteFrom('login_profiles').where('user_id', '=', userId).execute();
      record({ accountId, entity: 'login-profile', id: userId });
    },
    async getPasswordPolicy(accountId: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('password_policies')
        .select('policy')
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return row?.policy;
    },
    async putPasswordPolicy(accountId: string, policy: string): Promise<void> {
      const updated = await db
        .updateTable('password_policies')
        .set({ policy })
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0)
        await db.insertInto('password_policies').values({ account_id: accountId, policy }).execute();
      record({ accountId, entity: 'password-policy' });
    },
    async deletePasswordPolicy(accountId: string): Promise<boolean> {
      const r = await db
        .deleteFrom('password_policies')
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      record({ accountId, entity: 'password-policy' });
      return Number(r.numDeletedRows) > 0;
    },
  };
}
export type LoginProfileRepo = ReturnType<typeof loginProfileRepo>;
