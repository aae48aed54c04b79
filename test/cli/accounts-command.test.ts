// `tessera accounts create|list` as processes: a new account with its own root credentials,
// printed once, that a server started afterwards accepts.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { dropData, startTestServer, type TestServer } from '../support/test-server.ts';

const MAIN = path.resolve(import.meta.dirname, '../../src/cli/main.ts');

function tessera(
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', MAIN, ...args],
      { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== 'number') reject(err);
        else resolve({ status: err ? Number(err.code) : 0, stdout, stderr });
      },
    );
  });
}

describe('tessera accounts', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tessera-accounts-'));
  const env = { TESSERA_DATA_DIR: dataDir, TESSERA_DATABASE_URL: '', TESSERA_MASTER_KEY: '' };
  let server: TestServer | undefined;
  afterAll(async () => {
    await server?.stop();
    await dropData({ ...loadConfig({}, {}), dataDir, databaseUrl: undefined });
  });

  it('creates an account whose root credentials the server accepts, and lists it', async () => {
    const created = await tessera(['accounts', 'create', '--account-id', '444455556666'], env);
    expect(created.status).toBe(0);
    const creds = JSON.parse(created.stdout) as {
      AccountId: string;
      AccessKeyId: string;
      SecretAccessKey: string;
    };
    expect(creds.AccountId).toBe('444455556666');
    expect(creds.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(creds.SecretAccessKey).toHaveLength(40);

    const again = await tessera(['accounts', 'create', '--account-id', '444455556666'], env);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists');

    server = await startTestServer('sqlite', { config: { dataDir } });
    const id = await server
      .sts({ accessKeyId: creds.AccessKeyId, secretAccessKey: creds.SecretAccessKey })
      .send(new GetCallerIdentityCommand({}));
    expect(id.Arn).toBe('arn:aws:iam::444455556666:root');
    await server.stop();
    server = undefined;

    const listed = await tessera(['accounts', 'list'], env);
    expect(listed.stdout.split('\n')).toContain('444455556666');
  });
});
