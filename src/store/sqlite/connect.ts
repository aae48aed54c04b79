// SQLite backend: one better-sqlite3 file in WAL mode. Kysely runs every query on the single
// connection, so write transactions are already serial and the account lock is a no-op.
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../database.ts';
import { KyselyStore } from '../kysely-store.ts';

export async function openSqliteStore(file: string): Promise<KyselyStore> {
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return KyselyStore.open(db, {
    dialect: 'sqlite',
    lockAccount: () => Promise.resolve(),
  });
}
