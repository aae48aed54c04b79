// Inline policies of users and groups over HTTP with the real AWS SDK v3 IAM client, on each
// storage backend. IAM returns documents URL-encoded; the SDK leaves them so, hence decodeURIComponent.
import {
  AddUserToGroupCommand,
  CreateGroupCommand,
  CreateUserCommand,
  DeleteGroupPolicyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  GetGroupPolicyCommand,
  GetUserPolicyCommand,
  ListGroupPoliciesCommand,
  ListUserPoliciesCommand,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsError, BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

/** An identity policy whose size without white space is exactly `size` characters. */
function policyOfSize(size: number): string {
  const base = (sid: string) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Sid: sid, Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
    });
  const padding = size - base('').length;
  if (padding < 0) throw new Error(`no policy is that small: ${size}`);
  return base('S'.repeat(padding));
}

const READ = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: 'arn:aws:s3:::b/*' }],
  },
  null,
  2,
);
const WRITE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }],
});

describe.each(BACKENDS)('user inline policies on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
    await t.iam().send(new CreateUserCommand({ UserName: 'alice' }));
  });
  afterAll(() => t.destroy());

  it('puts a policy and returns its document URL-encoded, byte for byte', async () => {
    const iam = t.iam();
    await iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'Read', PolicyDocument: READ }));
    const got = await iam.send(new GetUserPolicyCommand({ UserName: 'ALICE', PolicyName: 'Read' }));
    expect(got.UserName).toBe('alice');
    expect(got.PolicyName).toBe('Read');
    expect(got.PolicyDocument).toBe(encodeURIComponent(READ));
    expect(decodeURIComponent(got.PolicyDocument!)).toBe(READ);
  });

  it('replaces a policy put again under the same name', async () => {
    const iam = t.iam();
    await iam.send(
      new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'Read', PolicyDocument: WRITE }),
    );
    const got = await iam.send(new GetUserPolicyCommand({ UserName: 'alice', PolicyName: 'Read' }));
    expect(decodeURIComponent(got.PolicyDocument!)).toBe(WRITE);
    const list = await iam.send(new ListUserPoliciesCommand({ UserName: 'alice' }));
    expect(list.PolicyNames).toEqual(['Read']);
  });

  it('matches policy names regardless of case, keeping the case of the latest put', async () => {
    const iam = t.iam();
    await iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'READ', PolicyDocument: READ }));
    const list = await iam.send(new ListUserPoliciesCommand({ UserName: 'alice' }));
    expect(list.PolicyNames).toEqual(['READ']);
    const got = await iam.send(new GetUserPolicyCommand({ UserName: 'alice', PolicyName: 'read' }));
    expect(got.PolicyName).toBe('READ');
    expect(decodeURIComponent(got.PolicyDocument!)).toBe(READ);
  });

  it('lists policy names alphabetically regardless of case and pages with Marker and MaxItems', async () => {
    const iam = t.iam();
    for (const n of ['zeta', 'Alpha', 'mid'])
      await iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: n, PolicyDocument: WRITE }));
    const all = await iam.send(new ListUserPoliciesCommand({ UserName: 'alice' }));
    expect(all.PolicyNames).toEqual(['Alpha', 'mid', 'READ', 'zeta']);
    expect(all.IsTruncated).toBe(false);
    const first = await iam.send(new ListUserPoliciesCommand({ UserName: 'alice', MaxItems: 3 }));
    expect(first.PolicyNames).toEqual(['Alpha', 'mid', 'READ']);
    expect(first.IsTruncated).toBe(true);
    const rest = await iam.send(new ListUserPoliciesCommand({ UserName: 'alice', Marker: first.Marker }));
    expect(rest.PolicyNames).toEqual(['zeta']);
    expect(rest.IsTruncated).toBe(false);
  });

  it("answers NoSuchEntity with AWS's message for an unknown policy, on Get and on Delete", async () => {
    const iam = t.iam();
    for (const call of [
      () => iam.send(new GetUserPolicyCommand({ UserName: 'alice', PolicyName: 'nope' })),
      () => iam.send(new DeleteUserPolicyCommand({ UserName: 'alice', PolicyName: 'nope' })),
    ]) {
      expect(await awsError(call)).toMatchObject({
        code: 'NoSuchEntity',
        status: 404,
        message: 'The user policy with name nope cannot be found.',
      });
    }
  });

  it("answers NoSuchEntity with AWS's message for an unknown user in every inline-policy action", async () => {
    const iam = t.iam();
    const u = { UserName: 'nobody' };
    for (const call of [
      () => iam.send(new PutUserPolicyCommand({ ...u, PolicyName: 'p', PolicyDocument: WRITE })),
      () => iam.send(new GetUserPolicyCommand({ ...u, PolicyName: 'p' })),
      () => iam.send(new ListUserPoliciesCommand(u)),
      () => iam.send(new DeleteUserPolicyCommand({ ...u, PolicyName: 'p' })),
    ]) {
      expect(await awsError(call)).toMatchObject({
        code: 'NoSuchEntity',
        status: 404,
        message: 'The user with name nobody cannot be found.',
      });
    }
  });

  it("refuses a malformed document with the policy checker's message and stores nothing", async () => {
    const iam = t.iam();
    const cases: [string, string][] = [
      ['{"Version": "2012-10-17", "Statement": [', 'Syntax errors in policy.'],
      [
        JSON.stringify({
          Version: '2008-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
        }),
        'Policy document must be version 2012-10-17 or greater.',
      ],
      [
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }],
        }),
        'Policy document should not specify a principal.',
      ],
    ];
    for (const [doc, message] of cases) {
      const e = await awsError(() =>
        iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'bad', PolicyDocument: doc })),
      );
      expect(e).toMatchObject({ code: 'MalformedPolicyDocument', status: 400, message });
    }
    const list = await iam.send(new ListUserPoliciesCommand({ UserName: 'alice' }));
    expect(list.PolicyNames).not.toContain('bad');
  });

  it('deletes a policy by any case of its name', async () => {
    const iam = t.iam();
    await iam.send(new DeleteUserPolicyCommand({ UserName: 'alice', PolicyName: 'ZETA' }));
    const list = await iam.send(new ListUserPoliciesCommand({ UserName: 'alice' }));
    expect(list.PolicyNames).toEqual(['Alpha', 'mid', 'READ']);
    const e = await awsError(() =>
      iam.send(new GetUserPolicyCommand({ UserName: 'alice', PolicyName: 'zeta' })),
    );
    expect(e.code).toBe('NoSuchEntity');
  });

  it('blocks DeleteUser while the user has inline policies', async () => {
    const iam = t.iam();
    const e = await awsError(() => iam.send(new DeleteUserCommand({ UserName: 'alice' })));
    expect(e).toMatchObject({
      code: 'DeleteConflict',
      status: 409,
      message: 'Cannot delete entity, must delete policies first.',
    });
    for (const n of ['Alpha', 'mid', 'READ'])
      await iam.send(new DeleteUserPolicyCommand({ UserName: 'alice', PolicyName: n }));
    await iam.send(new DeleteUserCommand({ UserName: 'alice' }));
  });

  it("holds a user's inline policies together to 2,048 characters, white space not counted", async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'bob' }));
    const put = (PolicyName: string, PolicyDocument: string) =>
      iam.send(new PutUserPolicyCommand({ UserName: 'bob', PolicyName, PolicyDocument }));
    const big = policyOfSize(1500);
    await put('one', big);
    // 548 more characters reach the quota exactly; white space around them is free.
    await put('two', JSON.stringify(JSON.parse(policyOfSize(548)), null, 8));
    const e = await awsError(() => put('three', policyOfSize(120)));
    expect(e).toMatchObject({
      code: 'LimitExceeded',
      status: 409,
      message: 'Maximum policy size of 2048 bytes exceeded for user bob',
    });
    // Replacing a policy counts the new document instead of the old one.
    await put('one', policyOfSize(1380));
    await put('three', policyOfSize(120));
    const over = await awsError(() => put('TWO', policyOfSize(549)));
    expect(over.code).toBe('LimitExceeded');
    const list = await iam.send(new ListUserPoliciesCommand({ UserName: 'bob' }));
    expect(list.PolicyNames).toEqual(['one', 'three', 'two']);
  });
});

describe.each(BACKENDS)('group inline policies on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
    await t.iam().send(new CreateGroupCommand({ GroupName: 'devs' }));
  });
  afterAll(() => t.destroy());

  it('puts, gets, lists and deletes a group policy', async () => {
    const iam = t.iam();
    await iam.send(
      new PutGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'Read', PolicyDocument: READ }),
    );
    await iam.send(
      new PutGroupPolicyCommand({ GroupName: 'DEVS', PolicyName: 'write', PolicyDocument: WRITE }),
    );
    const got = await iam.send(new GetGroupPolicyCommand({ GroupName: 'Devs', PolicyName: 'Read' }));
    expect(got).toMatchObject({
      GroupName: 'devs',
      PolicyName: 'Read',
      PolicyDocument: encodeURIComponent(READ),
    });
    expect(decodeURIComponent(got.PolicyDocument!)).toBe(READ);
    const list = await iam.send(new ListGroupPoliciesCommand({ GroupName: 'devs' }));
    expect(list.PolicyNames).toEqual(['Read', 'write']);
    await iam.send(new DeleteGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'Read' }));
    const after = await iam.send(new ListGroupPoliciesCommand({ GroupName: 'devs', MaxItems: 1 }));
    expect(after.PolicyNames).toEqual(['write']);
    expect(after.IsTruncated).toBe(false);
  });

  it("answers NoSuchEntity with AWS's messages for an unknown group or group policy", async () => {
    const iam = t.iam();
    for (const call of [
      () => iam.send(new GetGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'nope' })),
      () => iam.send(new DeleteGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'nope' })),
    ]) {
      expect(await awsError(call)).toMatchObject({
        code: 'NoSuchEntity',
        status: 404,
        message: 'The group policy with name nope cannot be found.',
      });
    }
    const g = { GroupName: 'nogroup' };
    for (const call of [
      () => iam.send(new PutGroupPolicyCommand({ ...g, PolicyName: 'p', PolicyDocument: WRITE })),
      () => iam.send(new GetGroupPolicyCommand({ ...g, PolicyName: 'p' })),
      () => iam.send(new ListGroupPoliciesCommand(g)),
      () => iam.send(new DeleteGroupPolicyCommand({ ...g, PolicyName: 'p' })),
    ]) {
      expect(await awsError(call)).toMatchObject({
        code: 'NoSuchEntity',
        status: 404,
        message: 'The group with name nogroup cannot be found.',
      });
    }
  });

  it('refuses a malformed group policy with MalformedPolicyDocument', async () => {
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: '*' }] });
    const e = await awsError(() =>
      t.iam().send(new PutGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'bad', PolicyDocument: doc })),
    );
    expect(e).toMatchObject({
      code: 'MalformedPolicyDocument',
      status: 400,
      message: 'Policy statement must contain actions.',
    });
  });

  it("holds a group's inline policies together to 5,120 characters", async () => {
    const iam = t.iam();
    await iam.send(new CreateGroupCommand({ GroupName: 'ops' }));
    const put = (PolicyName: string, PolicyDocument: string) =>
      iam.send(new PutGroupPolicyCommand({ GroupName: 'ops', PolicyName, PolicyDocument }));
    await put('a', policyOfSize(3000));
    await put('b', policyOfSize(2120));
    const e = await awsError(() => put('c', policyOfSize(120)));
    expect(e).toMatchObject({
      code: 'LimitExceeded',
      status: 409,
      message: 'Maximum policy size of 5120 bytes exceeded for group ops',
    });
    const list = await iam.send(new ListGroupPoliciesCommand({ GroupName: 'ops' }));
    expect(list.PolicyNames).toEqual(['a', 'b']);
  });

  it('gives a user no inline policies of its groups and still blocks DeleteUser only by membership', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'erin' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'erin' }));
    const own = await iam.send(new ListUserPoliciesCommand({ UserName: 'erin' }));
    expect(own.PolicyNames).toEqual([]);
    const e = await awsError(() => iam.send(new DeleteUserCommand({ UserName: 'erin' })));
    expect(e.message).toBe('Cannot delete entity, must remove users from group first.');
    await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'devs', UserName: 'erin' }));
    await iam.send(new DeleteUserCommand({ UserName: 'erin' }));
  });
});
