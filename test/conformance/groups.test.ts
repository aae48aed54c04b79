// Groups and group membership over HTTP with the real AWS SDK v3 IAM client, on each storage backend.
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteGroupPolicyCommand,
  DeleteUserCommand,
  DetachGroupPolicyCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  PutGroupPolicyCommand,
  RemoveUserFromGroupCommand,
  UpdateGroupCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUOTAS } from '../../src/config/defaults.ts';
import { awsError, BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
});

async function groupNames(iam: IAMClient, pathPrefix?: string): Promise<string[]> {
  const res = await iam.send(new ListGroupsCommand({ PathPrefix: pathPrefix }));
  return (res.Groups ?? []).map((g) => g.GroupName!);
}

describe.each(BACKENDS)('groups on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t.destroy());

  it('creates a group with an AGPA id and a path in its ARN, and reads it back by any case', async () => {
    const iam = t.iam();
    const created = await iam.send(new CreateGroupCommand({ GroupName: 'Admins', Path: '/ops/' }));
    expect(created.Group?.GroupId).toMatch(/^AGPA[A-Z2-7]{17}$/);
    expect(created.Group?.Arn).toBe('arn:aws:iam::123456789012:group/ops/Admins');
    expect(created.Group?.Path).toBe('/ops/');
    expect(created.Group?.CreateDate).toBeInstanceOf(Date);
    const got = await iam.send(new GetGroupCommand({ GroupName: 'admins' }));
    expect(got.Group).toEqual(created.Group);
    expect(got.Users).toEqual([]);
    expect(got.IsTruncated).toBe(false);
  });

  it('refuses a second group whose name differs only in case', async () => {
    const e = await awsError(() => t.iam().send(new CreateGroupCommand({ GroupName: 'ADMINS' })));
    expect(e).toMatchObject({
      code: 'EntityAlreadyExists',
      status: 409,
      message: 'Group with name ADMINS already exists.',
    });
  });

  it("answers NoSuchEntity with AWS's message for an unknown group", async () => {
    const iam = t.iam();
    for (const call of [
      () => iam.send(new GetGroupCommand({ GroupName: 'nogroup' })),
      () => iam.send(new UpdateGroupCommand({ GroupName: 'nogroup', NewPath: '/x/' })),
      () => iam.send(new DeleteGroupCommand({ GroupName: 'nogroup' })),
    ]) {
      expect(await awsError(call)).toMatchObject({
        code: 'NoSuchEntity',
        status: 404,
        message: 'The group with name nogroup cannot be found.',
      });
    }
  });

  it('rejects an invalid group name with ValidationError and creates nothing', async () => {
    const e = await awsError(() => t.iam().send(new CreateGroupCommand({ GroupName: 'bad name' })));
    expect(e.code).toBe('ValidationError');
    expect(e.status).toBe(400);
    expect(await groupNames(t.iam())).toEqual(['Admins']);
  });

  it('lists groups by name, filters by path prefix and pages with Marker and MaxItems', async () => {
    const iam = t.iam();
    for (const n of ['beta', 'Alpha', 'gamma']) await iam.send(new CreateGroupCommand({ GroupName: n }));
    expect(await groupNames(iam)).toEqual(['Admins', 'Alpha', 'beta', 'gamma']);
    expect(await groupNames(iam, '/ops/')).toEqual(['Admins']);
    const names: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await iam.send(new ListGroupsCommand({ MaxItems: 3, Marker: marker }));
      names.push(...(page.Groups ?? []).map((g) => g.GroupName!));
      marker = page.IsTruncated ? page.Marker : undefined;
      pages++;
    } while (marker);
    expect(names).toEqual(['Admins', 'Alpha', 'beta', 'gamma']);
    expect(pages).toBe(2);
  });

  it('renames and moves a group, changing its ARN but not its id', async () => {
    const iam = t.iam();
    const before = await iam.send(new GetGroupCommand({ GroupName: 'gamma' }));
    await iam.send(new UpdateGroupCommand({ GroupName: 'gamma', NewGroupName: 'Delta', NewPath: '/teams/' }));
    const after = await iam.send(new GetGroupCommand({ GroupName: 'delta' }));
    expect(after.Group).toMatchObject({
      GroupName: 'Delta',
      Path: '/teams/',
      GroupId: before.Group?.GroupId,
      Arn: 'arn:aws:iam::123456789012:group/teams/Delta',
    });
    expect(await awsError(() => iam.send(new GetGroupCommand({ GroupName: 'gamma' })))).toMatchObject({
      code: 'NoSuchEntity',
    });
  });

  it('refuses to rename a group onto an existing name of any case, and keeps a case-only rename', async () => {
    const iam = t.iam();
    const e = await awsError(() =>
      iam.send(new UpdateGroupCommand({ GroupName: 'Delta', NewGroupName: 'ALPHA' })),
    );
    expect(e).toMatchObject({
      code: 'EntityAlreadyExists',
      status: 409,
      message: 'Group with name ALPHA already exists.',
    });
    await iam.send(new UpdateGroupCommand({ GroupName: 'Delta', NewGroupName: 'delta' }));
    const got = await iam.send(new GetGroupCommand({ GroupName: 'DELTA' }));
    expect(got.Group?.GroupName).toBe('delta');
  });

  it('adds users to a group, idempotently, and lists them in GetGroup and ListGroupsForUser', async () => {
    const iam = t.iam();
    for (const n of ['carol', 'alice', 'bob']) await iam.send(new CreateUserCommand({ UserName: n }));
    for (const n of ['carol', 'alice', 'bob', 'alice'])
      await iam.send(new AddUserToGroupCommand({ GroupName: 'Admins', UserName: n }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'beta', UserName: 'ALICE' }));
    const got = await iam.send(new GetGroupCommand({ GroupName: 'Admins' }));
    expect(got.Users?.map((u) => u.UserName)).toEqual(['alice', 'bob', 'carol']);
    expect(got.Users?.[0]?.Arn).toBe('arn:aws:iam::123456789012:user/alice');
    const groups = await iam.send(new ListGroupsForUserCommand({ UserName: 'alice' }));
    expect(groups.Groups?.map((g) => g.GroupName)).toEqual(['Admins', 'beta']);
    expect(groups.Groups?.[0]?.Arn).toBe('arn:aws:iam::123456789012:group/ops/Admins');
    const none = await iam.send(new ListGroupsForUserCommand({ UserName: 'carol', MaxItems: 5 }));
    expect(none.Groups?.map((g) => g.GroupName)).toEqual(['Admins']);
  });

  it("pages a group's users in GetGroup and a user's groups in ListGroupsForUser", async () => {
    const iam = t.iam();
    const users: string[] = [];
    let marker: string | undefined;
    do {
      const page = await iam.send(new GetGroupCommand({ GroupName: 'Admins', MaxItems: 2, Marker: marker }));
      expect(page.Group?.GroupName).toBe('Admins');
      users.push(...(page.Users ?? []).map((u) => u.UserName!));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    expect(users).toEqual(['alice', 'bob', 'carol']);
    const first = await iam.send(new ListGroupsForUserCommand({ UserName: 'alice', MaxItems: 1 }));
    expect(first.IsTruncated).toBe(true);
    const second = await iam.send(
      new ListGroupsForUserCommand({ UserName: 'alice', MaxItems: 1, Marker: first.Marker }),
    );
    expect([...first.Groups!, ...second.Groups!].map((g) => g.GroupName)).toEqual(['Admins', 'beta']);
    expect(second.IsTruncated).toBe(false);
  });

  it("answers NoSuchEntity with AWS's messages for an unknown user or group in membership calls", async () => {
    const iam = t.iam();
    expect(
      await awsError(() => iam.send(new AddUserToGroupCommand({ GroupName: 'Admins', UserName: 'nobody' }))),
    ).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The user with name nobody cannot be found.',
    });
    expect(
      await awsError(() => iam.send(new AddUserToGroupCommand({ GroupName: 'nogroup', UserName: 'alice' }))),
    ).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The group with name nogroup cannot be found.',
    });
    expect(
      await awsError(() =>
        iam.send(new RemoveUserFromGroupCommand({ GroupName: 'nogroup', UserName: 'alice' })),
      ),
    ).toMatchObject({ code: 'NoSuchEntity', message: 'The group with name nogroup cannot be found.' });
    expect(
      await awsError(() => iam.send(new ListGroupsForUserCommand({ UserName: 'nobody' }))),
    ).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The user with name nobody cannot be found.',
    });
  });

  it('refuses to remove a user who is not a member with NoSuchEntity', async () => {
    const e = await awsError(() =>
      t.iam().send(new RemoveUserFromGroupCommand({ GroupName: 'beta', UserName: 'bob' })),
    );
    expect(e).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The user with name bob cannot be found.',
    });
  });

  it('blocks DeleteUser while the user is in a group, and allows it once removed', async () => {
    const iam = t.iam();
    const e = await awsError(() => iam.send(new DeleteUserCommand({ UserName: 'carol' })));
    expect(e).toMatchObject({
      code: 'DeleteConflict',
      status: 409,
      message: 'Cannot delete entity, must remove users from group first.',
    });
    await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'ADMINS', UserName: 'Carol' }));
    const got = await iam.send(new GetGroupCommand({ GroupName: 'Admins' }));
    expect(got.Users?.map((u) => u.UserName)).toEqual(['alice', 'bob']);
    await iam.send(new DeleteUserCommand({ UserName: 'carol' }));
  });

  it('refuses DeleteGroup while the group has members, then deletes it once empty', async () => {
    const iam = t.iam();
    const e = await awsError(() => iam.send(new DeleteGroupCommand({ GroupName: 'beta' })));
    expect(e).toMatchObject({
      code: 'DeleteConflict',
      status: 409,
      message: 'Cannot delete entity, must remove users from group first.',
    });
    await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'beta', UserName: 'alice' }));
    await iam.send(new DeleteGroupCommand({ GroupName: 'beta' }));
    expect(await groupNames(iam)).toEqual(['Admins', 'Alpha', 'delta']);
    const groups = await iam.send(new ListGroupsForUserCommand({ UserName: 'alice' }));
    expect(groups.Groups?.map((g) => g.GroupName)).toEqual(['Admins']);
  });

  it('refuses DeleteGroup while the group has an inline policy', async () => {
    const iam = t.iam();
    await iam.send(
      new PutGroupPolicyCommand({ GroupName: 'Alpha', PolicyName: 'p', PolicyDocument: POLICY }),
    );
    const e = await awsError(() => iam.send(new DeleteGroupCommand({ GroupName: 'Alpha' })));
    expect(e).toMatchObject({
      code: 'DeleteConflict',
      status: 409,
      message: 'Cannot delete entity, must delete policies first.',
    });
    await iam.send(new DeleteGroupPolicyCommand({ GroupName: 'Alpha', PolicyName: 'p' }));
    await iam.send(new DeleteGroupCommand({ GroupName: 'Alpha' }));
    expect(await groupNames(iam)).toEqual(['Admins', 'delta']);
  });

  it('refuses DeleteGroup while a managed policy is attached to the group', async () => {
    const iam = t.iam();
    const policy = await iam.send(new CreatePolicyCommand({ PolicyName: 'read', PolicyDocument: POLICY }));
    const PolicyArn = policy.Policy!.Arn!;
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'delta', PolicyArn }));
    const e = await awsError(() => iam.send(new DeleteGroupCommand({ GroupName: 'delta' })));
    expect(e).toMatchObject({
      code: 'DeleteConflict',
      status: 409,
      message: 'Cannot delete entity, must detach all policies first.',
    });
    await iam.send(new DetachGroupPolicyCommand({ GroupName: 'delta', PolicyArn }));
    await iam.send(new DeleteGroupCommand({ GroupName: 'delta' }));
    expect(await groupNames(iam)).toEqual(['Admins']);
  });
});

describe.each(BACKENDS)('group quotas on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend, {
      config: { quotas: { ...DEFAULT_QUOTAS, groupsPerAccount: 3, groupsPerUser: 2 } },
    });
  });
  afterAll(() => t.destroy());

  it('refuses a group beyond GroupsPerAccount with LimitExceeded', async () => {
    const iam = t.iam();
    for (const n of ['g1', 'g2', 'g3']) await iam.send(new CreateGroupCommand({ GroupName: n }));
    const e = await awsError(() => iam.send(new CreateGroupCommand({ GroupName: 'g4' })));
    expect(e).toMatchObject({
      code: 'LimitExceeded',
      status: 409,
      message: 'Cannot exceed quota for GroupsPerAccount: 3',
    });
    expect(await groupNames(iam)).toEqual(['g1', 'g2', 'g3']);
  });

  it('refuses a membership beyond GroupsPerUser with LimitExceeded, but re-adding a member is fine', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'dave' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'g1', UserName: 'dave' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'g2', UserName: 'dave' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'g2', UserName: 'dave' }));
    const e = await awsError(() =>
      iam.send(new AddUserToGroupCommand({ GroupName: 'g3', UserName: 'dave' })),
    );
    expect(e).toMatchObject({
      code: 'LimitExceeded',
      status: 409,
      message: 'Cannot exceed quota for GroupsPerUser: 2',
    });
    const groups = await iam.send(new ListGroupsForUserCommand({ UserName: 'dave' }));
    expect(groups.Groups?.map((g) => g.GroupName)).toEqual(['g1', 'g2']);
  });
});
