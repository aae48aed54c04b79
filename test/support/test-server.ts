// Starts a real Tessera server on 127.0.0.1 (SQLite in a temp dir, or PostgreSQL in a fresh
// schema) and gives tests real AWS SDK v3 clients signed with the root credentials.
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config/load.ts';
import type { Config } from '../../src/config/defaults.ts';
import { startServer, type RunningServer } from '../../src/server/app.ts';
import type { Clock } from '../../src/domain/clock.ts';
import { captureLog, type LogCapture } from './log-capture.ts';
import { selectBackends, type Backend } from './backends.ts';

export type { Backend } from './backends.ts';

/** The global setup (test/global-setup.ts) sets TESSERA_TEST_PG_URL for every test file. */
export const PG_URL = process.env.TESSERA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * The backends the storage and conformance suites run on: sqlite and postgres, or those that
 * TESSERA_TEST_BACKENDS names (as kysely's DIALECTS).
 */
export const BACKENDS: Backend[] = selectBackends(process.env);

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface TestServer {
  url: string;
  server: RunningServer;
  config: Config;
  root: Credentials;
  iam(creds?: Credentials): IAMClient;
  sts(creds?: Credentials): STSClient;
  /** The server's JSON log, captured in memory. */
  log: LogCapture;
  /** Stops the server without deleting its data (for restart tests). */
  stop(): Promise<void>;
  /** Stops the server and deletes its data. */
  destroy(): Promise<void>;
}

export const ROOT: Credentials = {
  accessKeyId: 'AKIAROOTTESTKEY00001',
  secretAccessKey: 'rootsecretrootsecretrootsecretrootsecret',
};

/**
 * The run's id (set by the global setup): every schema of the run starts `t_<run>_`, and the global
 * teardown drops them all. Dropping one while another server migrates can fail that migration
 * (kysely's introspection asks about every schema of the database), so drops wait for the end.
 */
const RUN = process.env.TESSERA_TEST_RUN;

export function testDatabaseUrl(backend: Backend): string | undefined {
  if (backend === 'sqlite') return undefined;
  const schema = `t_${RUN ?? Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  return `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}schema=${schema}`;
}

export async function startTestServer(
  backend: Backend,
  opts: { dev?: boolean; clock?: Clock; config?: Partial<Config>; reuse?: Config } = {},
): Promise<TestServer> {
  const config: Config = opts.reuse ?? {
    ...loadConfig({}, {}),
    port: 0,
    dataDir: mkdtempSync(path.join(tmpdir(), 'tessera-test-')),
    databaseUrl: testDatabaseUrl(backend),
    rootAccessKeyId: ROOT.accessKeyId,
    rootSecretAccessKey: ROOT.secretAccessKey,
    dev: opts.dev ?? false,
    ...opts.config,
  };
  const log = captureLog();
  const server = await startServer(config, { clock: opts.clock, logDestination: log });
  const clientConfig = (creds: Credentials) => ({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: creds,
    maxAttempts: 1,
  });
  return {
    url: server.url,
    server,
    config,
    root: ROOT,
    log,
    iam: (creds = ROOT) => new IAMClient(clientConfig(creds)),
    sts: (creds = ROOT) => new STSClient(clientConfig(creds)),
    stop: () => server.stop(),
    async destroy() {
      await server.stop();
      await dropData(config);
    },
  };
}

/** Deletes a server's data: its directory now, its PostgreSQL schema now or (in a run) at the end. */
export async function dropData(config: Config): Promise<void> {
  if (config.databaseUrl && RUN === undefined) {
    const url = new URL(config.databaseUrl);
    const schema = url.searchParams.get('schema');
    url.searchParams.delete('schema');
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      if (schema) await client.query(`drop schema if exists ${schema} cascade`);
    } finally {
      await client.end();
    }
  }
  rmSync(config.dataDir, { recursive: true, force: true });
}

/**
 * Runs `fn` expecting an AWS error; returns it for assertions. `code` is the wire code (NoSuchEntity),
 * `name` the SDK's exception name (NoSuchEntityException).
 */
export async function awsError(
  fn: () => Promise<unknown>,
): Promise<{ name: string; code: string; status: number; message: string }> {
  try {
    await fn();
  } catch (err) {
    const e = err as {
      name: string;
      message: string;
      Code?: string;
      $metadata?: { httpStatusCode?: number };
    };
    return {
      name: e.name,
      code: e.Code ?? e.name,
      status: e.$metadata?.httpStatusCode ?? 0,
      message: e.message,
    };
  }
  throw new Error('expected an AWS error, but the call succeeded');
}
