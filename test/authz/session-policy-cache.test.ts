// Session policies on the request path: a managed policy given by ARN to AssumeRole is read once and
// then kept compiled with the rest of the principal's policies — a cached request reads nothing from
// the store — and a new default version of it governs the session's next request.
import {
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  ListRolesCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BACKENDS, startTestServer, type Credentials, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const allow = (...Action: string[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource: '*' }] });

describe.each(BACKENDS)('a session policy given by ARN on %s', (backend) => {
  let t: TestServer;
  let session: Credentials;
  let policyArn = '';

  beforeAll(async () => {
    t = await startTestServer(backend);
    const iam = t.iam();
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'reader',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' },
          ],
        }),
      }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'reader',
        PolicyName: 'read',
        PolicyDocument: allow('iam:Get*', 'iam:List*'),
      }),
    );
    policyArn = (
      await iam.send(
        new CreatePolicyCommand({ PolicyName: 'only-get', PolicyDocument: allow('iam:GetRole') }),
      )
    ).Policy!.Arn!;
    // the root may not assume roles: a user's key does
    await iam.send(new CreateUserCommand({ UserName: 'assumer' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'assumer',
        PolicyName: 'assume',
        PolicyDocument: allow('sts:AssumeRole'),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'assumer' }))).AccessKey!;
    const assumed = await t
      .sts({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! })
      .send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${ACCOUNT}:role/reader`,
          RoleSessionName: 'narrowed',
          PolicyArns: [{ arn: policyArn }],
        }),
      );
    session = {
      accessKeyId: assumed.Credentials!.AccessKeyId!,
      secretAccessKey: assumed.Credentials!.SecretAccessKey!,
      sessionToken: assumed.Credentials!.SessionToken!,
    };
  });
  afterAll(() => t.destroy());

  const listRoles = async () => {
    const iam = new IAMClient({ endpoint: t.url, region: 'us-east-1', credentials: session, maxAttempts: 1 });
    try {
      await iam.send(new ListRolesCommand({}));
      return 'allowed';
    } catch (err) {
      return (err as { name: string }).name;
    }
  };

  it('reads nothing for a cached request, and follows a new default version', async () => {
    // the session policy allows GetRole only
    expect(await listRoles()).toBe('AccessDenied');
    const reads = vi.spyOn(t.server.services.store, 'read');
    try {
      expect(await listRoles()).toBe('AccessDenied');
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
    await t.iam().send(
      new CreatePolicyVersionCommand({
        PolicyArn: policyArn,
        PolicyDocument: allow('iam:GetRole', 'iam:ListRoles'),
        SetAsDefault: true,
      }),
    );
    expect(await listRoles()).toBe('allowed');
  });
});
