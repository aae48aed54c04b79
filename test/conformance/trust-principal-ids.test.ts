// Principals in trust policies are kept as AWS keeps them: by the unique id of the user or role the
// policy names. Once that user or role is deleted, the policy shows its unique id (AIDA…/AROA…) and a
// new user or role of the same name is not trusted in its place; a policy may name a unique id itself.
// Driven with the real SDK v3 on each backend, across two accounts too.
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteRoleCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  GetRoleCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAccount } from '../../src/domain/accounts.ts';
import {
  awsError,
  BACKENDS,
  type Credentials,
  startTestServer,
  type TestServer,
} from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const OTHER = '210987654321';
const trusting = (aws: string | string[], extra: object = {}) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: aws }, Action: 'sts:AssumeRole', ...extra }],
  });

describe.each(BACKENDS)('trust policy principals by unique id on %s', (backend) => {
  let t: TestServer;
  let other: Credentials;

  beforeAll(async () => {
    t = await startTestServer(backend);
    other = { accessKeyId: 'AKIAOTHERROOT0000001', secretAccessKey: 'o'.repeat(40) };
    await ensureAccount(t.server.store, t.server.services.sealer, OTHER, new Date(), other);
  });
  afterAll(() => t.destroy());

  /** A user of `account` allowed to assume any role, with an access key. */
  async function userWithKey(name: string, root?: Credentials) {
    const iam = t.iam(root);
    const user = (await iam.send(new CreateUserCommand({ UserName: name }))).User!;
    await iam.send(
      new PutUserPolicyCommand({
        UserName: name,
        PolicyName: 'assume',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
        }),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
    return { user, creds: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! } };
  }
  async function removeUser(name: string, accessKeyId: string, root?: Credentials) {
    const iam = t.iam(root);
    await iam.send(new DeleteAccessKeyCommand({ UserName: name, AccessKeyId: accessKeyId }));
    await iam.send(new DeleteUserPolicyCommand({ UserName: name, PolicyName: 'assume' }));
    await iam.send(new DeleteUserCommand({ UserName: name }));
  }
  const trustOf = async (role: string) =>
    decodeURIComponent(
      (await t.iam().send(new GetRoleCommand({ RoleName: role }))).Role!.AssumeRolePolicyDocument!,
    );
  const assume = (creds: Credentials, role: string) =>
    t.sts(creds).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/${role}`,
        RoleSessionName: 'session',
      }),
    );

  it('shows a deleted user’s unique id in the trust policy and does not trust a new user of that name', async () => {
    const first = await userWithKey('deployer');
    const written = trusting(`arn:aws:iam::${ACCOUNT}:user/deployer`, { Sid: 'Deployer' });
    await t.iam().send(new CreateRoleCommand({ RoleName: 'deploy', AssumeRolePolicyDocument: written }));
    expect((await assume(first.creds, 'deploy')).Credentials).toBeDefined();
    expect(await trustOf('deploy')).toBe(written);

    await removeUser('deployer', first.creds.accessKeyId);
    // the same text, with the ARN replaced by the deleted user's unique id
    expect(await trustOf('deploy')).toBe(trusting(first.user.UserId!, { Sid: 'Deployer' }));

    const second = await userWithKey('deployer');
    expect(second.user.UserId).not.toBe(first.user.UserId);
    expect(await awsError(() => assume(second.creds, 'deploy'))).toMatchObject({ code: 'AccessDenied' });
  });

  it('does the same for a role named in another role’s trust policy', async () => {
    const iam = t.iam();
    const trustRoot = trusting(`arn:aws:iam::${ACCOUNT}:root`);
    const inner = (
      await iam.send(new CreateRoleCommand({ RoleName: 'inner', AssumeRolePolicyDocument: trustRoot }))
    ).Role!;
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'outer',
        AssumeRolePolicyDocument: trusting([
          `arn:aws:iam::${ACCOUNT}:role/inner`,
          `arn:aws:iam::${ACCOUNT}:root`,
        ]),
      }),
    );
    await iam.send(new DeleteRoleCommand({ RoleName: 'inner' }));
    expect(JSON.parse(await trustOf('outer'))).toMatchObject({
      Statement: [{ Principal: { AWS: [inner.RoleId, `arn:aws:iam::${ACCOUNT}:root`] } }],
    });
  });

  it('rewrites the trust policies of another account that named the deleted user', async () => {
    const foreign = await userWithKey('partner', other);
    const written = trusting(`arn:aws:iam::${OTHER}:user/partner`);
    await t.iam().send(new CreateRoleCommand({ RoleName: 'for-partner', AssumeRolePolicyDocument: written }));
    expect((await assume(foreign.creds, 'for-partner')).Credentials).toBeDefined();
    await removeUser('partner', foreign.creds.accessKeyId, other);
    expect(await trustOf('for-partner')).toBe(trusting(foreign.user.UserId!));
    const again = await userWithKey('partner', other);
    expect(await awsError(() => assume(again.creds, 'for-partner'))).toMatchObject({ code: 'AccessDenied' });
  });

  it('trusts a user named by its unique id, and refuses a unique id that names nobody', async () => {
    const named = await userWithKey('by-id');
    await t
      .iam()
      .send(
        new CreateRoleCommand({ RoleName: 'by-id', AssumeRolePolicyDocument: trusting(named.user.UserId!) }),
      );
    expect((await assume(named.creds, 'by-id')).Credentials).toBeDefined();
    const nobody = 'AIDAZZZZZZZZZZZZZZZZ';
    const e = await awsError(() =>
      t.iam().send(new CreateRoleCommand({ RoleName: 'nobody', AssumeRolePolicyDocument: trusting(nobody) })),
    );
    expect(e).toMatchObject({
      code: 'MalformedPolicyDocument',
      message: `Invalid principal in policy: "AWS":"${nobody}"`,
    });
  });
});
