// SQLite backend: one better-sqlite3 file in WAL mode. Kysely runs every query on the single
// connection, so this process's write transactions are already serial; every write transaction
// (account writes and record writes alike) takes SQLite's write lock at its start, so that another
// writer — a `tessera` command beside the server, or this process's record writer, a worker thread
// with its own connection that commits the audit trail's batches — makes it wait instead of failing
// part-way. A polled table carries the change feed.
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { KyselyStore } from '../kysely-store.ts';
import { createPrivateFile } from '../data-directory.ts';
import { SqliteChangeFeed } from './change-feed.ts';
import { SqliteRecordWriter } from './record-writer.ts';
import { withStatementCache } from './statement-cache.ts';

const BUSY_TIMEOUT_MS = 5000;
/** 64 MiB of page cache per connection (SQLite's default is 2 MiB). */
const CACHE_SIZE = -65536;

export async function openSqliteStore(file: string): Promise<KyselyStore> {
  // created 0600 before SQLite opens it: the -wal and -shm files SQLite adds later take its mode
  createPrivateFile(file);
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // 64 MiB of page cache (SQLite's default is 2 MiB): the audit trail's indexes stay in memory
  sqlite.pragma(`cache_size = ${CACHE_SIZE}`);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const feed = new SqliteChangeFeed(sqlite);
  const records = new SqliteRecordWriter(file, BUSY_TIMEOUT_MS, CACHE_SIZE);
  // a no-op write: the transaction holds the write lock from here on
  const takeWriteLock = async (trx: Transaction<Database>) => {
    await sql`update change_feed set seq = seq where seq = -1`.execute(trx);
  };
  return KyselyStore.open(db, {
    dialect: 'sqlite',
    lockAccount: takeWriteLock,
    lockRecords: takeWriteLock,
    appendRecords: (run) => records.run(run),
    publish: (trx, changes) => feed.publish(trx, changes),
    subscribe: (deliver) => feed.subscribe(deliver),
    async close() {
      await records.close();
      await feed.close();
    },
  });
}
