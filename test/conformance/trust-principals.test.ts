// A trust policy may name only AWS principals that exist, as AWS requires ("Invalid principal in
// policy"): accounts, IAM users and roles, the role of a role session. Session names, "*",
// services and federated providers are not checked.
import {
  CreateRoleCommand,
  CreateUserCommand,
  GetRoleCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsError, BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const trust = (principal: object) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }],
  });

describe.each(BACKENDS)('trust policy principals on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
    await t.iam().send(new CreateUserCommand({ UserName: 'dev', Path: '/team/' }));
    await t
      .iam()
      .send(new CreateRoleCommand({ RoleName: 'base', AssumeRolePolicyDocument: trust({ AWS: ACCOUNT }) }));
  });
  afterAll(() => t.destroy());

  it.each([
    `arn:aws:iam::${ACCOUNT}:user/ghost`,
    `arn:aws:iam::${ACCOUNT}:user/dev`, // the user lives under /team/
    `arn:aws:iam::${ACCOUNT}:role/ghost`,
    'arn:aws:iam::000000000000:root',
    '000000000000',
    `arn:aws:sts::${ACCOUNT}:assumed-role/ghost/session`,
    'arn:aws:sts::000000000000:federated-user/bob',
  ])('refuses a principal that does not exist: %s', async (principal) => {
    const e = await awsError(() =>
      t
        .iam()
        .send(new CreateRoleCommand({ RoleName: 'r1', AssumeRolePolicyDocument: trust({ AWS: principal }) })),
    );
    expect(e).toMatchObject({
      code: 'MalformedPolicyDocument',
      status: 400,
      message: `Invalid principal in policy: "AWS":"${principal}"`,
    });
  });

  it('accepts principals that exist, any session or federated-user name, "*" and services', async () => {
    await t.iam().send(
      new CreateRoleCommand({
        RoleName: 'ok',
        AssumeRolePolicyDocument: trust({
          AWS: [
            `arn:aws:iam::${ACCOUNT}:user/team/dev`,
            `arn:aws:iam::${ACCOUNT}:role/base`,
            `arn:aws:iam::${ACCOUNT}:root`,
            ACCOUNT,
            `arn:aws:sts::${ACCOUNT}:assumed-role/base/any-session-name`,
            `arn:aws:sts::${ACCOUNT}:federated-user/anyone`,
          ],
          Service: 'ec2.amazonaws.com',
        }),
      }),
    );
    await t
      .iam()
      .send(new UpdateAssumeRolePolicyCommand({ RoleName: 'ok', PolicyDocument: trust({ AWS: '*' }) }));
  });

  it('checks UpdateAssumeRolePolicy too, and changes nothing when it refuses', async () => {
    const e = await awsError(() =>
      t.iam().send(
        new UpdateAssumeRolePolicyCommand({
          RoleName: 'base',
          PolicyDocument: trust({ AWS: `arn:aws:iam::${ACCOUNT}:user/ghost` }),
        }),
      ),
    );
    expect(e.code).toBe('MalformedPolicyDocument');
    const role = await t.iam().send(new GetRoleCommand({ RoleName: 'base' }));
    expect(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!)).toBe(trust({ AWS: ACCOUNT }));
  });
});
