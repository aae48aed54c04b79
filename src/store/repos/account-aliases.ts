// Account aliases: at most one per account, each unique across all accounts (the primary key).
import type { Db, RecordChange } from './db.ts';

export function accountAliasRepo(db: Db, record: RecordChange) {
  return {
    /** The account's alias, if it has one. */
    async ofAccount(accountId: string): Promise<string | undefined> {
      const r = await db
        .selectFrom('account_aliases')
        .select('alias')
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return r?.alias;
    },
    /** The account that holds an alias, if any does. */
    async owner(alias: string): Promise<string | undefined> {
      const r = await db
        .selectFrom('account_aliases')
        .select('account_id')
        .where('alias', '=', alias)
        .executeTakeFirst();
      return r?.account_id;
    },
    /** Gives the account this alias, replacing the one it had. */
    async set(accountId: string, alias: string): Promise<void> {
      await db.deleteFrom('account_aliases').where('account_id', '=', accountId).execute();
      await db.insertInto('account_aliases').values({ alias, account_id: accountId }).execute();
      record({ accountId, entity: 'alias', id: alias });
    },
    async delete(accountId: string, alias: string): Promise<void> {
      await db
        .deleteFrom('account_aliases')
        .where('account_id', '=', accountId)
        .where('alias', '=', alias)
        .execute();
      record({ accountId, entity: 'alias', id: alias });
    },
  };
}
export type AccountAliasRepo = ReturnType<typeof accountAliasRepo>;
