// Batches of record writes (the audit trail's queued events) run off the request thread: the
// repositories' queries are compiled on this thread by a Kysely instance that runs nothing, and a
// worker thread with its own connection to the same SQLite file runs them in one transaction. The
// request thread's connection keeps serving while SQLite inserts and commits (WAL: readers never
// wait for the writer; another writer waits up to the busy timeout).
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { CompiledQuery, Kysely } from 'kysely';
import { compileOnly } from '../compile-only.ts';
import type { Database } from '../database.ts';

/** The worker, as CommonJS source (a worker cannot load this project's TypeScript under tsx or vitest). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
db.pragma('cache_size = ' + workerData.cacheSize);
const statements = new Map();
function prepared(sql) {
  let statement = statements.get(sql);
  if (statement === undefined) {
    if (statements.size >= 500) statements.delete(statements.keys().next().value);
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}
const runBatch = db.transaction((batch) => {
  for (const query of batch) prepared(query.sql).run(query.parameters);
});
parentPort.on('message', (message) => {
  if (message.close) {
    db.close();
    parentPort.postMessage({ id: message.id });
    return;
  }
  try {
    runBatch(message.statements);
    parentPort.postMessage({ id: message.id });
  } catch (err) {
    parentPort.postMessage({ id: message.id, error: String((err && err.message) || err) });
  }
});
`;

interface Reply {
  id: number;
  error?: string;
}

interface Pending {
  resolve: () => void;
  reject: (err: Error) => void;
}

/** A statement as the worker runs it: SQL with `?` placeholders and their values. */
interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

export class SqliteRecordWriter {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private readonly inFlight = new Set<Promise<void>>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly busyTimeoutMs: number,
    /** SQLite's cache_size pragma for the worker's connection (negative: KiB), as the request connection's. */
    private readonly cacheSize: number,
  ) {}

  /**
   * Runs `fn`'s writes in one transaction on the worker's connection. `fn` must only write: its
   * queries are compiled here and answered with no rows.
   */
  run(fn: (db: Kysely<Database>) => Promise<void>): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the record writer is closed'));
    const done = compile(fn).then((statements) =>
      statements.length === 0 ? undefined : this.post(this.started(), { statements }),
    );
    this.inFlight.add(done);
    const forget = () => this.inFlight.delete(done);
    done.then(forget, forget);
    return done;
  }

  /** Waits for the batches already begun, then closes the worker's connection and ends it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
    const worker = this.worker;
    if (worker === undefined) return;
    await this.post(worker, { close: true }).catch(() => undefined);
    await worker.terminate();
    this.worker = undefined;
  }

  private post(worker: Worker, message: object): Promise<void> {
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // a batch in flight keeps the process alive until the worker answers
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, ...message });
    });
  }

  private started(): Worker {
    if (this.worker !== undefined) return this.worker;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        file: this.file,
        busyTimeoutMs: this.busyTimeoutMs,
        cacheSize: this.cacheSize,
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      },
    });
    // an idle writer does not keep the process alive
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (waiting === undefined) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.error === undefined) waiting.resolve();
      else waiting.reject(new Error(reply.error));
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiting of this.pending.values()) waiting.reject(err);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the record writer's thread ended (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}

/** The statements `fn` would run, compiled for SQLite by a Kysely instance that executes nothing. */
async function compile(fn: (db: Kysely<Database>) => Promise<void>): Promise<Statement[]> {
  const statements: Statement[] = [];
  const recorder = compileOnly('sqlite', (query) => statements.push(toStatement(query)));
  await fn(recorder);
  return statements;
}

function toStatement(query: CompiledQuery): Statement {
  return { sql: query.sql, parameters: query.parameters };
}
