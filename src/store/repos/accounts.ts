// Accounts: the 12-digit tenants every entity belongs to.
import type { Selectable } from 'kysely';
import type { AccountsTable } from '../database.ts';
import type { Db, RecordChange } from './db.ts';

export type AccountRow = Selectable<AccountsTable>;

export function accountRepo(db: Db, record: RecordChange) {
  return {
    get: (accountId: string): Promise<AccountRow | undefined> =>
      db.selectFrom('accounts').selectAll().where('account_id', '=', accountId).executeTakeFirst(),
    list: (): Promise<AccountRow[]> => db.selectFrom('accounts').selectAll().orderBy('account_id').execute(),
    async setQuotas(accountId: string, quotas: string | null): Promise<void> {
      await db.updateTable('accounts').set({ quotas }).where('account_id', '=', accountId).execute();
      record({ accountId, entity: 'account' });
    },
    async insert(row: AccountRow): Promise<void> {
      await db.insertInto('accounts').values(row).execute();
      record({ accountId: row.account_id, entity: 'account' });
    },
  };
}
export type AccountRepo = ReturnType<typeof accountRepo>;
