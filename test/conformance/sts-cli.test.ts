// STS with the real AWS CLI, v1 and v2, on each backend: assume-role, then get-caller-identity with
// the returned credentials; get-session-token and get-federation-token; AWS's error lines.
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { awsCli, CLI_VERSIONS, describeEachCli, type CliVersion } from '../support/aws-cli.ts';
import { BACKENDS, startTestServer, type Backend, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const CASES: [CliVersion, Backend][] = CLI_VERSIONS.flatMap((v) =>
  BACKENDS.map((b): [CliVersion, Backend] => [v, b]),
);

interface Creds {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: string;
}
const asCreds = (c: Creds) => ({
  accessKeyId: c.AccessKeyId,
  secretAccessKey: c.SecretAccessKey,
  sessionToken: c.SessionToken,
});

describeEachCli(CASES)('aws %s sts on %s', { timeout: 120_000 }, (version, backend) => {
  let t: TestServer;
  /** An IAM user allowed to assume roles: AWS refuses AssumeRole by an account root. */
  let ci: { accessKeyId: string; secretAccessKey: string };
  beforeAll(async () => {
    t = await startTestServer(backend);
    await t.iam().send(new CreateUserCommand({ UserName: 'ci' }));
    await t.iam().send(
      new PutUserPolicyCommand({
        UserName: 'ci',
        PolicyName: 'assume',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
        }),
      }),
    );
    const key = (await t.iam().send(new CreateAccessKeyCommand({ UserName: 'ci' }))).AccessKey!;
    ci = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    await t.iam().send(
      new CreateRoleCommand({
        RoleName: 'deployer',
        Path: '/ci/',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
  });
  afterAll(() => t.destroy());

  it('assume-role, then get-caller-identity with the returned credentials', async () => {
    const cli = await awsCli(version, t.url, ci);
    const out = await cli.json<{
      Credentials: Creds;
      AssumedRoleUser: { Arn: string; AssumedRoleId: string };
    }>([
      'sts',
      'assume-role',
      '--role-arn',
      `arn:aws:iam::${ACCOUNT}:role/ci/deployer`,
      '--role-session-name',
      'cli-run',
      '--duration-seconds',
      '900',
    ]);
    expect(out.AssumedRoleUser.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/deployer/cli-run`);
    expect(out.Credentials.AccessKeyId).toMatch(/^ASIA/);
    expect(Date.parse(out.Credentials.Expiration)).toBeGreaterThan(Date.now() + 800_000);
    const session = await awsCli(version, t.url, asCreds(out.Credentials));
    const who = await session.json<{ Arn: string; UserId: string; Account: string }>([
      'sts',
      'get-caller-identity',
    ]);
    expect(who).toEqual({
      Arn: out.AssumedRoleUser.Arn,
      UserId: out.AssumedRoleUser.AssumedRoleId,
      Account: ACCOUNT,
    });
  });

  it('prints AWS error lines for a duration over the role maximum and for a tampered token', async () => {
    const cli = await awsCli(version, t.url, ci);
    const over = await cli.run([
      'sts',
      'assume-role',
      '--role-arn',
      `arn:aws:iam::${ACCOUNT}:role/ci/deployer`,
      '--role-session-name',
      'too-long',
      '--duration-seconds',
      '3601',
    ]);
    expect(over.status).not.toBe(0);
    expect(over.stderr).toContain(
      'An error occurred (ValidationError) when calling the AssumeRole operation: The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
    const asRoot = await (
      await awsCli(version, t.url, t.root)
    ).run([
      'sts',
      'assume-role',
      '--role-arn',
      `arn:aws:iam::${ACCOUNT}:role/ci/deployer`,
      '--role-session-name',
      'root',
    ]);
    expect(asRoot.stderr).toContain(
      'An error occurred (AccessDenied) when calling the AssumeRole operation: Roles may not be assumed by root accounts.',
    );
    const out = await cli.json<{ Credentials: Creds }>([
      'sts',
      'get-session-token',
      '--duration-seconds',
      '900',
    ]);
    const bad = await awsCli(version, t.url, {
      ...asCreds(out.Credentials),
      sessionToken: out.Credentials.SessionToken + 'x',
    });
    const r = await bad.run(['sts', 'get-caller-identity']);
    expect(r.stderr).toContain(
      'An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.',
    );
  });

  it('get-federation-token names the federated user', async () => {
    const cli = await awsCli(version, t.url, t.root);
    const out = await cli.json<{ FederatedUser: { Arn: string; FederatedUserId: string } }>([
      'sts',
      'get-federation-token',
      '--name',
      'cli-fed',
      '--policy',
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"}]}',
    ]);
    expect(out.FederatedUser).toEqual({
      Arn: `arn:aws:sts::${ACCOUNT}:federated-user/cli-fed`,
      FederatedUserId: `${ACCOUNT}:cli-fed`,
    });
  });
});
