// A realistic session with the real AWS CLI, v1 and v2, against a server on each storage backend:
// the CLI must accept every reply, and print AWS's own error line for failures.
import { CreateUserCommand } from '@aws-sdk/client-iam';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { awsCli, CLI_VERSIONS, describeEachCli, type AwsCli, type CliVersion } from '../support/aws-cli.ts';
import { BACKENDS, startTestServer, type Backend, type TestServer } from '../support/test-server.ts';

const CASES: [CliVersion, Backend][] = CLI_VERSIONS.flatMap((v) =>
  BACKENDS.map((b): [CliVersion, Backend] => [v, b]),
);

interface User {
  UserName: string;
  UserId: string;
  Arn: string;
  Path: string;
  CreateDate: string;
  Tags?: { Key: string; Value: string }[];
}

const TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const READ_BUCKET = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: 'arn:aws:s3:::app-data/*' },
  ],
};
const DESCRIBE_EC2 = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'Describe', Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }],
};

/** The CLI's error line for an AWS error response. */
const errorLine = (code: string, operation: string, message: string) =>
  `An error occurred (${code}) when calling the ${operation} operation: ${message}`;

describeEachCli(CASES)('AWS CLI %s on %s', { timeout: 120_000 }, (version, backend) => {
  let t: TestServer;
  let aws: AwsCli;
  let dir: string;
  /** Writes `doc` to a file and returns the CLI's `file://` argument for it. */
  const policyFile = (name: string, doc: object) => {
    const file = path.join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(doc, null, 2));
    return `file://${file}`;
  };
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tessera-cli-'));
    t = await startTestServer(backend);
    aws = await awsCli(version, t.url, t.root);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.destroy();
  });

  it('identifies the caller with sts get-caller-identity', async () => {
    const me = await aws.json(['sts', 'get-caller-identity']);
    expect(me).toEqual({
      UserId: t.config.accountId,
      Account: t.config.accountId,
      Arn: `arn:aws:iam::${t.config.accountId}:root`,
    });
  });

  it('creates a user with a path and tags and reads it back with get-user', async () => {
    const created = await aws.json<{ User: User }>([
      'iam',
      'create-user',
      '--user-name',
      'cli-alice',
      '--path',
      '/eng/',
      '--tags',
      'Key=team,Value=core',
      'Key=env,Value=test',
    ]);
    expect(created.User).toMatchObject({
      UserName: 'cli-alice',
      Path: '/eng/',
      Arn: `arn:aws:iam::${t.config.accountId}:user/eng/cli-alice`,
      // sorted by key, as AWS gives them
      Tags: [
        { Key: 'env', Value: 'test' },
        { Key: 'team', Value: 'core' },
      ],
    });
    expect(created.User.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(Date.parse(created.User.CreateDate)).not.toBeNaN();

    const got = await aws.json<{ User: User }>(['iam', 'get-user', '--user-name', 'cli-alice']);
    expect(got.User).toEqual(created.User);
  });

  it('lists every user across pages when the CLI pages with --page-size', async () => {
    // Created through the SDK: create-user through the CLI is the test above; this one is paging.
    for (const UserName of ['cli-bob', 'cli-carol', 'cli-dave', 'cli-erin'])
      await t.iam().send(new CreateUserCommand({ UserName }));
    const all = await aws.json<{ Users: User[] }>(['iam', 'list-users', '--page-size', '2']);
    expect(all.Users.map((u) => u.UserName)).toEqual([
      'cli-alice',
      'cli-bob',
      'cli-carol',
      'cli-dave',
      'cli-erin',
    ]);
    const ops = await aws.json<{ Users: User[] }>(['iam', 'list-users', '--path-prefix', '/eng/']);
    expect(ops.Users.map((u) => u.UserName)).toEqual(['cli-alice']);
  });

  it('tags, untags, lists tags and renames a user', async () => {
    await aws.json(['iam', 'tag-user', '--user-name', 'cli-bob', '--tags', 'Key=cost-center,Value=42']);
    await aws.json(['iam', 'tag-user', '--user-name', 'cli-bob', '--tags', 'Key=tmp,Value=x']);
    await aws.json(['iam', 'untag-user', '--user-name', 'cli-bob', '--tag-keys', 'tmp']);
    // The CLI pages list-user-tags itself and drops IsTruncated and Marker from what it prints.
    const tags = await aws.json<{ Tags: unknown[] }>(['iam', 'list-user-tags', '--user-name', 'cli-bob']);
    expect(tags).toEqual({ Tags: [{ Key: 'cost-center', Value: '42' }] });

    await aws.json(['iam', 'update-user', '--user-name', 'cli-bob', '--new-user-name', 'cli-robert']);
    const renamed = await aws.json<{ User: User }>(['iam', 'get-user', '--user-name', 'cli-robert']);
    expect(renamed.User.Tags).toEqual([{ Key: 'cost-center', Value: '42' }]);
  });

  it("prints AWS's NoSuchEntity line and exits non-zero for an unknown user", async () => {
    const r = await aws.run(['iam', 'get-user', '--user-name', 'nobody']);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      errorLine('NoSuchEntity', 'GetUser', 'The user with name nobody cannot be found.'),
    );
  });

  it('prints EntityAlreadyExists for a duplicate name and ValidationError for a bad one', async () => {
    const dup = await aws.run(['iam', 'create-user', '--user-name', 'CLI-ALICE']);
    expect(dup.status).not.toBe(0);
    expect(dup.stderr).toContain(
      errorLine('EntityAlreadyExists', 'CreateUser', 'User with name CLI-ALICE already exists.'),
    );
    const bad = await aws.run(['iam', 'create-user', '--user-name', 'bad name!']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain(
      errorLine(
        'ValidationError',
        'CreateUser',
        "1 validation error detected: Value 'bad name!' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
      ),
    );
  });

  it('deletes a user, after which get-user reports it missing', async () => {
    const del = await aws.run(['iam', 'delete-user', '--user-name', 'cli-dave']);
    expect(del).toMatchObject({ status: 0, stdout: '' });
    const gone = await aws.run(['iam', 'get-user', '--user-name', 'cli-dave']);
    expect(gone.stderr).toContain(
      errorLine('NoSuchEntity', 'GetUser', 'The user with name cli-dave cannot be found.'),
    );
  });

  it("creates an access key that the CLI then signs with as the user, and the user's login profile", async () => {
    const { AccessKey } = await aws.json<{ AccessKey: Record<string, string> }>([
      'iam',
      'create-access-key',
      '--user-name',
      'cli-alice',
    ]);
    expect(AccessKey).toMatchObject({ UserName: 'cli-alice', Status: 'Active' });
    expect(AccessKey.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    const asAlice = await awsCli(version, t.url, {
      accessKeyId: AccessKey.AccessKeyId!,
      secretAccessKey: AccessKey.SecretAccessKey!,
    });
    const me = await asAlice.json(['sts', 'get-caller-identity']);
    expect(me).toMatchObject({ Arn: `arn:aws:iam::${t.config.accountId}:user/eng/cli-alice` });
    const keys = await aws.json<{ AccessKeyMetadata: { AccessKeyId: string }[] }>([
      'iam',
      'list-access-keys',
      '--user-name',
      'cli-alice',
    ]);
    expect(keys.AccessKeyMetadata.map((k) => k.AccessKeyId)).toEqual([AccessKey.AccessKeyId]);

    const login = await aws.json<{ LoginProfile: Record<string, unknown> }>([
      'iam',
      'create-login-profile',
      '--user-name',
      'cli-alice',
      '--password',
      'Corr3ct-Horse-Battery!',
      '--password-reset-required',
    ]);
    expect(login.LoginProfile).toMatchObject({ UserName: 'cli-alice', PasswordResetRequired: true });
  });

  it('creates a group and lists its members', async () => {
    await aws.json(['iam', 'create-group', '--group-name', 'cli-devs']);
    await aws.json(['iam', 'add-user-to-group', '--group-name', 'cli-devs', '--user-name', 'cli-alice']);
    const group = await aws.json<{ Group: { GroupName: string }; Users: User[] }>([
      'iam',
      'get-group',
      '--group-name',
      'cli-devs',
    ]);
    expect(group.Group.GroupName).toBe('cli-devs');
    expect(group.Users.map((u) => u.UserName)).toEqual(['cli-alice']);
  });

  it('creates a role from a trust policy file and shows its policies decoded', async () => {
    const created = await aws.json<{ Role: Record<string, unknown> }>([
      'iam',
      'create-role',
      '--role-name',
      'cli-app',
      '--assume-role-policy-document',
      policyFile('trust', TRUST),
      '--description',
      'App servers',
    ]);
    expect(created.Role).toMatchObject({
      RoleName: 'cli-app',
      Arn: `arn:aws:iam::${t.config.accountId}:role/cli-app`,
      AssumeRolePolicyDocument: TRUST,
    });
    await aws.json([
      'iam',
      'put-role-policy',
      '--role-name',
      'cli-app',
      '--policy-name',
      'read-bucket',
      '--policy-document',
      policyFile('read-bucket', READ_BUCKET),
    ]);
    const inline = await aws.json([
      'iam',
      'get-role-policy',
      '--role-name',
      'cli-app',
      '--policy-name',
      'read-bucket',
    ]);
    expect(inline).toEqual({ RoleName: 'cli-app', PolicyName: 'read-bucket', PolicyDocument: READ_BUCKET });

    const { Policy } = await aws.json<{ Policy: { Arn: string; DefaultVersionId: string } }>([
      'iam',
      'create-policy',
      '--policy-name',
      'describe-ec2',
      '--policy-document',
      policyFile('describe-ec2', DESCRIBE_EC2),
    ]);
    expect(Policy).toMatchObject({
      Arn: `arn:aws:iam::${t.config.accountId}:policy/describe-ec2`,
      DefaultVersionId: 'v1',
    });
    await aws.json(['iam', 'attach-role-policy', '--role-name', 'cli-app', '--policy-arn', Policy.Arn]);
    const attached = await aws.json(['iam', 'list-attached-role-policies', '--role-name', 'cli-app']);
    expect(attached).toEqual({ AttachedPolicies: [{ PolicyName: 'describe-ec2', PolicyArn: Policy.Arn }] });
    const version1 = await aws.json<{ PolicyVersion: { Document: unknown } }>([
      'iam',
      'get-policy-version',
      '--policy-arn',
      Policy.Arn,
      '--version-id',
      'v1',
    ]);
    expect(version1.PolicyVersion.Document).toEqual(DESCRIBE_EC2);
  });

  it('puts the role in an instance profile', async () => {
    await aws.json(['iam', 'create-instance-profile', '--instance-profile-name', 'cli-app-profile']);
    await aws.json([
      'iam',
      'add-role-to-instance-profile',
      '--instance-profile-name',
      'cli-app-profile',
      '--role-name',
      'cli-app',
    ]);
    const profile = await aws.json<{ InstanceProfile: { Roles: { RoleName: string }[] } }>([
      'iam',
      'get-instance-profile',
      '--instance-profile-name',
      'cli-app-profile',
    ]);
    expect(profile.InstanceProfile.Roles.map((r) => r.RoleName)).toEqual(['cli-app']);
  });

  it('reports the whole account with get-account-authorization-details', async () => {
    const details = await aws.json<{
      UserDetailList: { UserName: string; GroupList: string[] }[];
      GroupDetailList: { GroupName: string }[];
      RoleDetailList: {
        RoleName: string;
        AssumeRolePolicyDocument: unknown;
        RolePolicyList: { PolicyName: string; PolicyDocument: unknown }[];
        AttachedManagedPolicies: { PolicyName: string }[];
        InstanceProfileList: { InstanceProfileName: string }[];
      }[];
      Policies: {
        PolicyName: string;
        PolicyVersionList: { Document: unknown; IsDefaultVersion: boolean }[];
      }[];
    }>(['iam', 'get-account-authorization-details']);
    expect(details.UserDetailList.find((u) => u.UserName === 'cli-alice')?.GroupList).toEqual(['cli-devs']);
    expect(details.GroupDetailList.map((g) => g.GroupName)).toContain('cli-devs');
    const role = details.RoleDetailList.find((r) => r.RoleName === 'cli-app');
    expect(role).toMatchObject({
      AssumeRolePolicyDocument: TRUST,
      RolePolicyList: [{ PolicyName: 'read-bucket', PolicyDocument: READ_BUCKET }],
      AttachedManagedPolicies: [{ PolicyName: 'describe-ec2' }],
      InstanceProfileList: [{ InstanceProfileName: 'cli-app-profile' }],
    });
    const policy = details.Policies.find((p) => p.PolicyName === 'describe-ec2');
    expect(policy?.PolicyVersionList).toMatchObject([{ Document: DESCRIBE_EC2, IsDefaultVersion: true }]);
  });

  it("prints AWS's DeleteConflict line for a role still in an instance profile", async () => {
    const r = await aws.run(['iam', 'delete-role', '--role-name', 'cli-app']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('An error occurred (DeleteConflict) when calling the DeleteRole operation: ');
  });

  it('rejects a secret that does not match with the SignatureDoesNotMatch line', async () => {
    const wrong = await awsCli(version, t.url, { ...t.root, secretAccessKey: 'wrong'.repeat(8) });
    const r = await wrong.run(['sts', 'get-caller-identity']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(
      'An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation',
    );
  });
});
