// Accounts: the 12-digit tenants every entity belongs to.
import type { Insertable, Selectable } from 'kysely';
import type { AccountsTable } from '../database.ts';
import type { Db, RecordChange } from './db.ts';

export type AccountRow = Selectable<AccountsTable>;

/** Reading accounts. */
export interface AccountReader {
  /** The account with this id, or undefined. */
  get(accountId: string): Promise<AccountRow | undefined>;
  /** Every account, ordered by id. */
  list(): Promise<AccountRow[]>;
}

/** Accounts, read and written; each write announces an `account` change. */
export interface AccountRepo extends AccountReader {
  /** Sets the account's quota overrides (JSON), or clears them with null. */
  setQuotas(accountId: string, quotas: string | null): Promise<void>;
  /**
   * Sets the version (1 or 2) of the session tokens the global STS endpoint issues for the account
   * (SetSecurityTokenServicePreferences).
   */
  setGlobalEndpointTokenVersion(accountId: string, version: number): Promise<void>;
  /** Stores a new account; an id already stored is a unique violation. */
  insert(row: Insertable<AccountsTable>): Promise<void>;
}

export function accountRepo(db: Db, record: RecordChange): AccountRepo {
  return {
    get: (accountId) =>
      db.selectFrom('accounts').selectAll().where('account_id', '=', accountId).executeTakeFirst(),
    list: () => db.selectFrom('accounts').selectAll().orderBy('account_id').execute(),
    async setQuotas(accountId, quotas) {
      await db.updateTable('accounts').set({ quotas }).where('account_id', '=', accountId).execute();
      record({ accountId, entity: 'account' });
    },
    async setGlobalEndpointTokenVersion(accountId, version) {
      await db
        .updateTable('accounts')
        .set({ global_endpoint_token_version: version })
        .where('account_id', '=', accountId)
        .execute();
      record({ accountId, entity: 'account' });
    },
    async insert(row) {
      await db.insertInto('accounts').values(row).execute();
      record({ accountId: row.account_id, entity: 'account' });
    },
  };
}
