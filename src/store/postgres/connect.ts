// PostgreSQL backend over `pg`: a pool, an optional schema (for isolation, e.g. in tests), a row
// lock per account for writes, and LISTEN/NOTIFY as the change feed between nodes (its listening
// connection watched and re-established: change-listener.ts).
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import type { Database } from '../database.ts';
import { KyselyStore } from '../kysely-store.ts';
import { isUniqueViolation } from '../unique-violation.ts';
import type { Change } from '../store.ts';
import { ChangeListener } from './change-listener.ts';
import { isUnavailable, unavailableWhenDown } from './database-unavailable.ts';
import { postgresOptionsOf, type PostgresOptions } from './connection-options.ts';

const CHANNEL = 'tessera_changes';
const FLUSH_ALL: readonly Change[] = [{ accountId: '*', entity: 'all' }];

/**
 * `url` may carry `?schema=name`, `pool_max`, `connect_timeout` and `start_timeout`
 * (connection-options.ts); the schema is created if missing and used for every query. A database that
 * cannot be reached yet (started beside the node, or restarting) is tried again, with a backoff up to
 * 2 s, until `start_timeout` has passed; any other failure ends the open at once.
 */
export async function openPostgresStore(url: string): Promise<KyselyStore> {
  const options = postgresOptionsOf(url);
  const deadline = Date.now() + options.startTimeoutMs;
  for (let waitMs = 250; ; waitMs = Math.min(waitMs * 2, 2_000)) {
    try {
      return await openOnce(options);
    } catch (err) {
      if (!isUnavailable(err) || Date.now() + waitMs > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

async function openOnce(settings: PostgresOptions): Promise<KyselyStore> {
  const { connectionString, schema, poolMax, connectTimeoutMs } = settings;
  const timeout = connectTimeoutMs > 0 ? { connectionTimeoutMillis: connectTimeoutMs } : {};
  if (schema) {
    const admin = new pg.Client({ connectionString, ...timeout });
    await admin.connect();
    try {
      // nodes starting together race on the catalogue: "if not exists" can still fail for the loser
      await admin.query(`create schema if not exists ${schema}`).catch((err: unknown) => {
        if (!isUniqueViolation(err)) throw err;
      });
    } finally {
      await admin.end();
    }
  }
  const options = schema ? `-c search_path=${schema}` : undefined;
  // connectionTimeoutMillis bounds both a new connection and a wait for a free one (pg-pool)
  const pool = new pg.Pool({ connectionString, max: poolMax, ...timeout, ...(options ? { options } : {}) });
  // A connection the server ends (a restart, a fast shutdown) emits 'error' on its client, and the pool
  // re-emits it for an idle one: unheard, either event would end the process. A broken client fails
  // its next query (ServiceUnavailable) and the pool drops it when released; the next connects afresh.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: unavailableWhenDown(pool) }) });
  const nodeId = randomUUID();
  let listener: ChangeListener | undefined;
  // a failed open leaves no pool behind (it is tried again, or the process ends)
  return KyselyStore.open(db, {
    dialect: 'postgres',
    ...(schema ? { schema } : {}),
    async lockAccount(trx, accountId) {
      await sql`select account_id from accounts where account_id = ${accountId} for update`.execute(trx);
    },
    // pg_notify inside the transaction is delivered when it commits, and never if it rolls back
    async publish(trx, changes: readonly Change[]) {
      const at = Date.now();
      const payload = JSON.stringify({ nodeId, schema, at, changes });
      const fallback = JSON.stringify({ nodeId, schema, at, changes: [{ accountId: '*', entity: 'all' }] });
      await sql`select pg_notify(${CHANNEL}, ${payload.length < 7900 ? payload : fallback})`.execute(trx);
    },
    async subscribe(deliver) {
      listener = new ChangeListener({
        connectionString,
        connectTimeoutMs,
        channel: CHANNEL,
        // the schema too: the nodes of one deployment (or one test) can be told apart from others
        applicationName: `tessera-change-feed${schema ? `:${schema}` : ''}`.slice(0, 63),
        onPayload(payload) {
          const body = JSON.parse(payload) as {
            nodeId?: string;
            schema?: string | null;
            at?: number;
            changes?: Change[];
          };
          if (body.nodeId !== nodeId && body.schema === schema && body.changes)
            deliver(body.changes, body.at);
        },
        onFlush: () => deliver(FLUSH_ALL),
      });
      await listener.start();
    },
    feedState: () => listener?.state,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async close() {
      await listener?.close();
    },
  }).catch(async (err: unknown) => {
    await listener?.close();
    await db.destroy().catch(() => undefined);
    throw err;
  });
}
