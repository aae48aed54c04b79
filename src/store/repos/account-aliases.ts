// Account aliases: at most one per account, each unique across all accounts (the primary key).
import type { Db, RecordChange } from './db.ts';

/** Reading account aliases. */
export interface AccountAliasReader {
  /** The account's alias, if it has one. */
  ofAccount(accountId: string): Promise<string | undefined>;
  /** The account that holds an alias, if any does. */
  owner(alias: string): Promise<string | undefined>;
}

/** Account aliases, read and written; each write announces an `alias` change. */
export interface AccountAliasRepo extends AccountAliasReader {
  /**
   * Gives the account this alias, replacing the one it had; an alias another account holds is a
   * unique violation.
   */
  set(accountId: string, alias: string): Promise<void>;
  /** Removes the alias from the account; nothing happens when the account does not hold it. */
  delete(accountId: string, alias: string): Promise<void>;
}

export function accountAliasRepo(db: Db, record: RecordChange): AccountAliasRepo {
  return {
    async ofAccount(accountId) {
      const r = await db
        .selectFrom('account_aliases')
        .select('alias')
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return r?.alias;
    },
    async owner(alias) {
      const r = await db
        .selectFrom('account_aliases')
        .select('account_id')
        .where('alias', '=', alias)
        .executeTakeFirst();
      return r?.account_id;
    },
    async set(accountId, alias) {
      await db.deleteFrom('account_aliases').where('account_id', '=', accountId).execute();
      await db.insertInto('account_aliases').values({ alias, account_id: accountId }).execute();
      record({ accountId, entity: 'alias', id: alias });
    },
    async delete(accountId, alias) {
      await db
        .deleteFrom('account_aliases')
        .where('account_id', '=', accountId)
        .where('alias', '=', alias)
        .execute();
      record({ accountId, entity: 'alias', id: alias });
    },
  };
}
