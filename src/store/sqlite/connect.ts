// SQLite backend: one better-sqlite3 file in WAL mode. Kysely runs every query on the single
// connection, so this process's write transactions are already serial; the account lock takes
// SQLite's write lock at the start of a transaction so that another process (a `tessera` command
// beside the server) waits instead of failing part-way, and a polled table carries the change feed.
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Database } from '../database.ts';
import { KyselyStore } from '../kysely-store.ts';
import { createPrivateFile } from '../data-directory.ts';
import { SqliteChangeFeed } from './change-feed.ts';
import { withStatementCache } from './statement-cache.ts';

export async function openSqliteStore(file: string): Promise<KyselyStore> {
  // created 0600 before SQLite opens it: the -wal and -shm files SQLite adds later take its mode
  createPrivateFile(file);
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MiB of page cache (SQLite's default is 2 MiB): the audit trail's indexes stay in memory
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const feed = new SqliteChangeFeed(sqlite);
  return KyselyStore.open(db, {
    dialect: 'sqlite',
    async lockAccount(trx) {
      // a no-op write: the transaction holds the write lock from here on
      await sql`update change_feed set seq = seq where seq = -1`.execute(trx);
    },
    publish: (trx, changes) => feed.publish(trx, changes),
    subscribe: (deliver) => feed.subscribe(deliver),
    close: () => feed.close(),
  });
}
