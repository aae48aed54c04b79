// The change feed between processes sharing one SQLite file (a server and `tessera` commands run
// beside it): committed changes are appended to a small table that every process polls, so a
// key created or a policy attached by another process reaches this one's caches within a poll.
import type { Database as SqliteHandle } from 'better-sqlite3';
import { sql, type Transaction } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { Database } from '../database.ts';
import type { Change } from '../store.ts';

const POLL_MS = 250;
/** Rows older than this are pruned: every live process has read them long before. */
const KEEP_MS = 60_000;

export class SqliteChangeFeed {
  private readonly nodeId = randomUUID();
  private last = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly sqlite: SqliteHandle) {
    sqlite.exec(
      'create table if not exists change_feed (seq integer primary key autoincrement, node_id text not null, ' +
        'payload text not null, created_at integer not null)',
    );
    const row = sqlite.prepare('select max(seq) as seq from change_feed').get() as { seq: number | null };
    this.last = row.seq ?? 0;
  }

  /** Appends changes inside the write transaction: other processes see them once it commits. */
  async publish(trx: Transaction<Database>, changes: readonly Change[]): Promise<void> {
    const now = Date.now();
    await sql`insert into change_feed (node_id, payload, created_at) values (${this.nodeId}, ${JSON.stringify(changes)}, ${now})`.execute(
      trx,
    );
    await sql`delete from change_feed where created_at < ${now - KEEP_MS}`.execute(trx);
  }

  subscribe(deliver: (changes: readonly Change[], publishedAt?: number) => void): Promise<void> {
    const poll = this.sqlite.prepare(
      'select seq, node_id, payload, created_at from change_feed where seq > ? order by seq',
    );
    this.timer = setInterval(() => {
      try {
        type Row = { seq: number; node_id: string; payload: string; created_at: number };
        for (const row of poll.all(this.last) as Row[]) {
          this.last = row.seq;
          if (row.node_id !== this.nodeId) deliver(JSON.parse(row.payload) as Change[], row.created_at);
        }
      } catch {
        // a busy or closing database: the next poll reads what this one missed
      }
    }, POLL_MS);
    this.timer.unref();
    return Promise.resolve();
  }

  close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    return Promise.resolve();
  }
}
