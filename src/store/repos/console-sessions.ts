// The web console's sign-ins: sessions by the hash of their cookie's token, and each account root's
// console password. No cache depends on them, so writes announce nothing (`Store.writeRecords`).
import type { Selectable, Updateable } from 'kysely';
import type { ConsoleRootPasswordsTable, ConsoleSessionsTable } from '../database.ts';
import type { Db } from './db.ts';

export type ConsoleSessionRow = Selectable<ConsoleSessionsTable>;
export type ConsoleRootPasswordRow = Selectable<ConsoleRootPasswordsTable>;

/** Reading console sessions and root passwords. */
export interface ConsoleSessionReader {
  session(tokenHash: string): Promise<ConsoleSessionRow | undefined>;
  /** A root's console password by its sign-in identifier (lower case). */
  rootPassword(signInName: string): Promise<ConsoleRootPasswordRow | undefined>;
}

/** The same, written. */
export interface ConsoleSessionRepo extends ConsoleSessionReader {
  /** Adds a session, forgetting expired ones on the way. */
  insertSession(row: ConsoleSessionRow, now: Date): Promise<void>;
  updateSession(tokenHash: string, patch: Updateable<ConsoleSessionsTable>): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Sets (or replaces) an account root's console password. */
  setRootPassword(row: ConsoleRootPasswordRow): Promise<void>;
}

export function consoleSessionRepo(db: Db): ConsoleSessionRepo {
  return {
    session: (tokenHash) =>
      db.selectFrom('console_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst(),
    rootPassword: (signInName) =>
      db
        .selectFrom('console_root_passwords')
        .selectAll()
        .where('sign_in_name', '=', signInName)
        .executeTakeFirst(),
    async insertSession(row, now) {
      await db.deleteFrom('console_sessions').where('expires_at', '<=', now.toISOString()).execute();
      await db.insertInto('console_sessions').values(row).execute();
    },
    async updateSession(tokenHash, patch) {
      await db.updateTable('console_sessions').set(patch).where('token_hash', '=', tokenHash).execute();
    },
    async deleteSession(tokenHash) {
      await db.deleteFrom('console_sessions').where('token_hash', '=', tokenHash).execute();
    },
    async setRootPassword(row) {
      await db.deleteFrom('console_root_passwords').where('account_id', '=', row.account_id).execute();
      await db.insertInto('console_root_passwords').values(row).execute();
    },
  };
}
