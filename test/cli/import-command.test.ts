// `tessera import authz-details`, run as a process beside a running server on the same store (SQLite
// file or PostgreSQL schema): the summary on stdout, no progress line when stderr is no terminal, the
// server's clients seeing the imported account (the change feed), SCPs that govern it, and a broken
// dump refused with exit code 1, the entity and field named, and nothing imported.
import {
  GetRoleCommand,
  ListRolesCommand,
  ListUsersCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressLine } from '../../src/cli/import-command.ts';
import { BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const MAIN = path.resolve(import.meta.dirname, '../../src/cli/main.ts');
const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/authz-details/account-123456789012.json');
const policy = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });

function tessera(args: string[], t: TestServer): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', MAIN, ...args],
      {
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          ...process.env,
          TESSERA_DATA_DIR: t.config.dataDir,
          TESSERA_DATABASE_URL: t.config.databaseUrl ?? '',
        },
      },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== 'number') reject(err);
        else resolve({ status: err ? Number(err.code) : 0, stdout, stderr });
      },
    );
  });
}

/** Retries `probe` until it returns true (the change feed delivers within a second); false after 5 s. */
async function eventually(probe: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    if (await probe().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe.each(BACKENDS)('tessera import authz-details beside a server on %s', (backend) => {
  let t: TestServer;
  let dir: string;
  let rootScp: string;
  let ouScp: string;
  beforeAll(async () => {
    t = await startTestServer(backend);
    dir = mkdtempSync(path.join(tmpdir(), 'tessera-import-cli-'));
    rootScp = path.join(dir, 'root-scp.json');
    writeFileSync(rootScp, policy({ Effect: 'Allow', Action: '*', Resource: '*' }));
    ouScp = path.join(dir, 'workloads-scp.json');
    writeFileSync(
      ouScp,
      policy({ Effect: 'Allow', Action: ['iam:*', 's3:*', 'sts:*', 'lambda:*'], Resource: '*' }),
    );
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.destroy();
  });

  it('imports a dump whose entities the running server then serves, governed by the SCPs given', async () => {
    const run = await tessera(['import', 'authz-details', FIXTURE, '--scp', rootScp, '--scp', ouScp], t);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Imported the IAM of AWS account 123456789012 into account 123456789012.');
    expect(run.stdout).toMatch(/users\s+3 {2}\(3 created, 0 updated, 0 unchanged, 0 removed\)/);
    expect(run.stdout).toMatch(/instance profiles\s+1 {2}\(1 created/);
    expect(run.stdout).toContain('AWS managed policies Tessera has: ReadOnlyAccess');
    expect(run.stdout).toContain(
      'Placeholders that allow nothing (AWS managed policies neither in the dump nor known to Tessera): arn:aws:iam::aws:policy/SecurityAudit',
    );
    expect(run.stdout).toMatch(/level 1: root r-\w+ holds p-\w+ \(.*root-scp\.json\)/);
    expect(run.stdout).toMatch(/level 2: OU ou-\w+-\w+ holds p-\w+ \(.*workloads-scp\.json\)/);

    const users = async () =>
      ((await t.iam().send(new ListUsersCommand({}))).Users ?? []).map((u) => [u.UserName, u.UserId]);
    expect(await eventually(async () => (await users()).length === 3)).toBe(true);
    expect(await users()).toEqual([
      ['alice', 'AIDAZ4Q7MBJN2XKL5RV3E'],
      ['bob', 'AIDAZ4Q7MBJNW3FTPJ6KA'],
      ['carol', 'AIDAZ4Q7MBJNQ5HVD2LXS'],
    ]);
    const role = (await t.iam().send(new GetRoleCommand({ RoleName: 'deployer' }))).Role!;
    expect(role).toMatchObject({
      RoleId: 'AROAZ4Q7MBJNR2VQX7MDE',
      CreateDate: new Date('2021-03-09T09:00:12Z'),
      PermissionsBoundary: { PermissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/developer-boundary' },
      RoleLastUsed: { LastUsedDate: new Date('2024-05-01T12:00:00Z'), Region: 'eu-west-1' },
    });
    // ReadOnlyAccess allows bob ec2:DescribeInstances; the OU's SCP does not
    const decision = async (action: string) =>
      (
        await t.iam().send(
          new SimulatePrincipalPolicyCommand({
            PolicySourceArn: 'arn:aws:iam::123456789012:user/bob',
            ActionNames: [action],
          }),
        )
      ).EvaluationResults![0]!.EvalDecision;
    expect(await eventually(async () => (await decision('ec2:DescribeInstances')) === 'implicitDeny')).toBe(
      true,
    );
    expect(await decision('iam:ListUsers')).toBe('allowed');
  });

  it('reports every entity unchanged, as JSON, when the same dump is imported again', async () => {
    const run = await tessera(
      ['import', 'authz-details', FIXTURE, '--scp', rootScp, '--scp', ouScp, '--json'],
      t,
    );
    expect(run.status).toBe(0);
    const summary = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({
      accountId: '123456789012',
      accountCreated: false,
      users: { total: 3, unchanged: 3, created: 0, updated: 0, removed: 0 },
      roles: { total: 3, unchanged: 3 },
      policies: { total: 2, unchanged: 2 },
      organization: { created: false },
    });
  });

  it('refuses to remove what a newer dump lacks unless --replace is given', async () => {
    const dump = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { UserDetailList: { UserName: string }[] };
    dump.UserDetailList = dump.UserDetailList.filter((u) => u.UserName !== 'carol');
    const smaller = path.join(dir, 'without-carol.json');
    writeFileSync(smaller, JSON.stringify(dump));
    const refused = await tessera(['import', 'authz-details', smaller, '--scp', rootScp, '--scp', ouScp], t);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('--replace: importing would remove from account 123456789012');
    expect(refused.stderr).toContain('1 users');
    expect(((await t.iam().send(new ListUsersCommand({}))).Users ?? []).length).toBe(3);
    const replaced = await tessera(
      ['import', 'authz-details', smaller, '--scp', rootScp, '--scp', ouScp, '--replace', '--json'],
      t,
    );
    expect(replaced.status).toBe(0);
    expect(((await t.iam().send(new ListUsersCommand({}))).Users ?? []).map((u) => u.UserName)).not.toContain(
      'carol',
    );
    // put carol back for the tests that follow
    const back = await tessera(['import', 'authz-details', FIXTURE, '--scp', rootScp, '--scp', ouScp], t);
    expect(back.status).toBe(0);
  });

  it('refuses a broken dump with exit code 1, naming the entity and the field, and imports nothing', async () => {
    const dump = JSON.parse(readFileSync(FIXTURE, 'utf8')) as {
      UserDetailList: { UserName: string }[];
      RoleDetailList: { RoleName: string; AssumeRolePolicyDocument: unknown }[];
    };
    // a user gone (which would be removed) and a trust policy IAM would refuse
    dump.UserDetailList = dump.UserDetailList.filter((u) => u.UserName !== 'carol');
    dump.RoleDetailList[1]!.AssumeRolePolicyDocument = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow' }],
    };
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify(dump, null, 4));
    const run = await tessera(['import', 'authz-details', broken], t);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^tessera import authz-details: .*broken\.json: RoleDetailList\[1\] \(deployer\)\.AssumeRolePolicyDocument: \S.*\nNothing was imported\.\n$/,
    );
    expect(((await t.iam().send(new ListUsersCommand({}))).Users ?? []).length).toBe(3);
    expect(((await t.iam().send(new ListRolesCommand({}))).Roles ?? []).length).toBe(3);
    const missing = await tessera(['import', 'authz-details', path.join(dir, 'nowhere.json')], t);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('nowhere.json');
  });
});

describe('the progress line', () => {
  const stream = (isTTY: boolean) => {
    const written: string[] = [];
    return { isTTY, written, write: (s: string) => written.push(s) > 0 };
  };

  it('is redrawn in place on a terminal, at most ten times a second, and cleared at the end', () => {
    const tty = stream(true);
    const line = progressLine(tty);
    for (let done = 1; done <= 5000; done++) line.update({ phase: 'users', done, total: 5000 });
    line.clear();
    expect(tty.written[0]).toBe('\r\x1b[2Kimporting users: 1/5000');
    // the last step is always drawn, however soon after the one before
    expect(tty.written.at(-2)).toBe('\r\x1b[2Kimporting users: 5000/5000');
    expect(tty.written.at(-1)).toBe('\r\x1b[2K');
    expect(tty.written.length).toBeLessThan(100);
  });

  it('writes nothing when stderr is not a terminal', () => {
    const pipe = stream(false);
    const line = progressLine(pipe);
    line.update({ phase: 'users', done: 1, total: 1 });
    line.clear();
    expect(pipe.written).toEqual([]);
  });
});
