// `tessera` commands run beside a running server on the same SQLite file: what they change reaches
// the server's caches through the change feed — a revoke-sessions policy denies an old session, a
// new account's root key is accepted, a rotated session key seals new sessions.
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsError, startTestServer, type Credentials, type TestServer } from '../support/test-server.ts';

const MAIN = path.resolve(import.meta.dirname, '../../src/cli/main.ts');
const doc = (s: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: s });

function tessera(
  args: string[],
  dataDir: string,
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', MAIN, ...args],
      {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, TESSERA_DATA_DIR: dataDir, TESSERA_DATABASE_URL: '' },
      },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== 'number') reject(err);
        else resolve({ status: err ? Number(err.code) : 0, stdout, stderr });
      },
    );
  });
}

/** Retries `probe` until it returns true (the change feed polls every 250 ms); false after 5 s. */
async function eventually(probe: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    if (await probe()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe('commands beside a running server', () => {
  let t: TestServer;
  let session: Credentials;
  /** A user that assumes the role (AWS refuses AssumeRole by an account root). */
  let deployer: Credentials;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
    await t.iam().send(new CreateUserCommand({ UserName: 'ci' }));
    const key = (await t.iam().send(new CreateAccessKeyCommand({ UserName: 'ci' }))).AccessKey!;
    deployer = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    await t.iam().send(
      new CreateRoleCommand({
        RoleName: 'deployer',
        AssumeRolePolicyDocument: doc([
          {
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::123456789012:user/ci' },
            Action: 'sts:AssumeRole',
          },
        ]),
      }),
    );
    await t.iam().send(
      new PutRolePolicyCommand({
        RoleName: 'deployer',
        PolicyName: 'list',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }]),
      }),
    );
    const c = (
      await t.sts(deployer).send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::123456789012:role/deployer',
          RoleSessionName: 'old',
        }),
      )
    ).Credentials!;
    session = {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    };
  });
  afterAll(() => t.destroy());

  it('revoke-sessions denies a session issued before it, at once, and not one issued after it returns', async () => {
    await t.iam(session).send(new ListUsersCommand({}));
    const run = await tessera(['roles', 'revoke-sessions', 'deployer'], t.config.dataDir);
    expect(run.status).toBe(0);
    const cutoff = /issued before (\S+) are now denied/.exec(run.stdout)?.[1];
    expect(Date.parse(cutoff ?? '')).toBeLessThanOrEqual(Date.now());
    const denied = await eventually(async () => {
      const e = await awsError(() => t.iam(session).send(new ListUsersCommand({}))).catch(() => undefined);
      return e?.code === 'AccessDenied';
    });
    expect(denied).toBe(true);
    const e = await awsError(() => t.iam(session).send(new ListUsersCommand({})));
    expect(e.message).toContain('with an explicit deny in an identity-based policy');
    // the command returned after its cut-off: a session issued now is not revoked
    const c = (
      await t.sts(deployer).send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::123456789012:role/deployer',
          RoleSessionName: 'new',
        }),
      )
    ).Credentials!;
    const fresh = {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    };
    await t.iam(fresh).send(new ListUsersCommand({}));
  });

  it("accepts a new account's root key created by `tessera accounts create`", async () => {
    const run = await tessera(['accounts', 'create', '--account-id', '777788889999'], t.config.dataDir);
    expect(run.status).toBe(0);
    const creds = JSON.parse(run.stdout) as { AccessKeyId: string; SecretAccessKey: string };
    const key = { accessKeyId: creds.AccessKeyId, secretAccessKey: creds.SecretAccessKey };
    const ok = await eventually(async () => {
      const id = await t
        .sts(key)
        .send(new GetCallerIdentityCommand({}))
        .catch(() => undefined);
      return id?.Account === '777788889999';
    });
    expect(ok).toBe(true);
  });

  it('applies per-account quotas set by `tessera accounts set-quotas` to the next request', async () => {
    const run = await tessera(
      ['accounts', 'set-quotas', '123456789012', '{"rolesPerAccount":1}'],
      t.config.dataDir,
    );
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      AccountId: '123456789012',
      Quotas: { rolesPerAccount: 1, usersPerAccount: 5000 },
    });
    const e = await awsError(() =>
      t.iam().send(
        new CreateRoleCommand({
          RoleName: 'second',
          AssumeRolePolicyDocument: doc([
            { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ]),
        }),
      ),
    );
    expect(e).toMatchObject({ code: 'LimitExceeded', message: 'Cannot exceed quota for RolesPerAccount: 1' });
    const bad = await tessera(
      ['accounts', 'set-quotas', '123456789012', '{"rolesPerAcount":5}'],
      t.config.dataDir,
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('unknown quota rolesPerAcount');
    expect(
      (
        await tessera(
          ['accounts', 'set-quotas', '123456789012', '{"rolesPerAccount":null}'],
          t.config.dataDir,
        )
      ).status,
    ).toBe(0);
    await t.iam().send(
      new CreateRoleCommand({
        RoleName: 'second',
        AssumeRolePolicyDocument: doc([
          { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ]),
      }),
    );
  });

  it('seals new sessions with the key `tessera keys rotate` adds, and keeps old ones valid', async () => {
    const before = await t
      .sts(deployer)
      .send(
        new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/deployer', RoleSessionName: 'pre' }),
      );
    const run = await tessera(['keys', 'rotate'], t.config.dataDir);
    expect(run.status).toBe(0);
    const newKey = /New session key (\w+)/.exec(run.stdout)?.[1];
    expect(newKey).toMatch(/^[A-Za-z0-9]{8}$/);
    const rotated = await eventually(async () => {
      const out = await t.sts(deployer).send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::123456789012:role/deployer',
          RoleSessionName: 'post',
        }),
      );
      return out.Credentials!.SessionToken!.slice(4, 12) === newKey;
    });
    expect(rotated).toBe(true);
    const old = before.Credentials!;
    const id = await t
      .sts({
        accessKeyId: old.AccessKeyId!,
        secretAccessKey: old.SecretAccessKey!,
        sessionToken: old.SessionToken!,
      })
      .send(new GetCallerIdentityCommand({}));
    expect(id.Arn).toBe('arn:aws:sts::123456789012:assumed-role/deployer/pre');
  });
});
