// Nodes started at the same moment on an empty PostgreSQL database all come up: one of them makes
// the default account (and, when none is configured, its one root key, written to the data
// directory, which nothing else makes on PostgreSQL); the others find it made. (SQLite serves one
// node: docs/deploy.md.)
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import type { Config } from '../../src/config/defaults.ts';
import { startServer, type RunningServer } from '../../src/server/app.ts';
import { captureLog } from '../support/log-capture.ts';
import { BACKENDS, ROOT, dropData, testDatabaseUrl, type Backend } from '../support/test-server.ts';

const NODES = 3;

function freshConfig(backend: Backend, root: boolean): Config {
  // a data directory that does not exist yet
  const dataDir = path.join(
    tmpdir(),
    `tessera-simultaneous-${process.pid}-${Math.random().toString(36).slice(2)}`,
  );
  return {
    ...loadConfig({}, {}),
    port: 0,
    dataDir,
    databaseUrl: testDatabaseUrl(backend),
    ...(root ? { rootAccessKeyId: ROOT.accessKeyId, rootSecretAccessKey: ROOT.secretAccessKey } : {}),
  };
}

async function startAtOnce(config: Config): Promise<RunningServer[]> {
  return Promise.all(
    Array.from({ length: NODES }, () => startServer(config, { logDestination: captureLog() })),
  );
}

async function callerArn(node: RunningServer, credentials: { accessKeyId: string; secretAccessKey: string }) {
  const sts = new STSClient({ endpoint: node.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
}

describe.each(BACKENDS.filter((b) => b === 'postgres'))(
  'nodes started at once on an empty %s database',
  (backend) => {
    it('all start, with the configured root key working on each', async () => {
      const config = freshConfig(backend, true);
      const nodes = await startAtOnce(config);
      try {
        for (const node of nodes)
          expect(await callerArn(node, ROOT)).toBe(`arn:aws:iam::${config.accountId}:root`);
      } finally {
        await Promise.all(nodes.map((n) => n.stop()));
        await dropData(config);
      }
    });

    it('all start, one of them making the root key and writing it to the new data directory', async () => {
      const config = freshConfig(backend, false);
      expect(existsSync(config.dataDir)).toBe(false);
      const nodes = await startAtOnce(config);
      try {
        const made = nodes.filter((n) => n.createdRootCredentials !== undefined);
        expect(made).toHaveLength(1);
        const file = made[0]!.rootCredentialsFile!;
        const written = JSON.parse(readFileSync(file, 'utf8')) as {
          AccessKeyId: string;
          SecretAccessKey: string;
        };
        expect(written.AccessKeyId).toBe(made[0]!.createdRootCredentials!.accessKeyId);
        const creds = { accessKeyId: written.AccessKeyId, secretAccessKey: written.SecretAccessKey };
        for (const node of nodes)
          expect(await callerArn(node, creds)).toBe(`arn:aws:iam::${config.accountId}:root`);
      } finally {
        await Promise.all(nodes.map((n) => n.stop()));
        await dropData(config);
        rmSync(config.dataDir, { recursive: true, force: true });
      }
    });
  },
);
