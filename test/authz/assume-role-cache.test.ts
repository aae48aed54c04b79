// The role AssumeRole names is cached with its account's principals and policies: a repeated
// AssumeRole by a cached caller reads nothing from the store, and a change to the role (its trust
// policy, its deletion) governs the very next call.
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteRoleCommand,
  PutUserPolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/cached`;
const trust = (Effect: 'Allow' | 'Deny') =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect, Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
  });

describe.each(BACKENDS)('the role AssumeRole names, on %s', (backend) => {
  let t: TestServer;
  let sts: STSClient;

  beforeAll(async () => {
    t = await startTestServer(backend);
    const iam = t.iam();
    await iam.send(new CreateRoleCommand({ RoleName: 'cached', AssumeRolePolicyDocument: trust('Allow') }));
    await iam.send(new CreateUserCommand({ UserName: 'assumer' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'assumer',
        PolicyName: 'assume',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
        }),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'assumer' }))).AccessKey!;
    sts = t.sts({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
  });
  afterAll(() => t.destroy());

  const assume = async (name: string) => {
    try {
      const out = await sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: name }));
      return out.AssumedRoleUser!.Arn!;
    } catch (err) {
      return (err as { name: string }).name;
    }
  };

  it('reads nothing for a repeated AssumeRole, and follows the role as it changes', async () => {
    expect(await assume('first')).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/cached/first`);
    const reads = vi.spyOn(t.server.services.store, 'read');
    try {
      expect(await assume('second')).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/cached/second`);
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
    // a trust policy that now denies governs the next call
    await t
      .iam()
      .send(new UpdateAssumeRolePolicyCommand({ RoleName: 'cached', PolicyDocument: trust('Deny') }));
    expect(await assume('third')).toBe('AccessDenied');
    await t
      .iam()
      .send(new UpdateAssumeRolePolicyCommand({ RoleName: 'cached', PolicyDocument: trust('Allow') }));
    expect(await assume('fourth')).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/cached/fourth`);
    // and so does its deletion
    await t.iam().send(new DeleteRoleCommand({ RoleName: 'cached' }));
    expect(await assume('fifth')).toBe('AccessDenied');
  });
});
