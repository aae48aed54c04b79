// The Identity Store API with the real @aws-sdk/client-identitystore on both backends: users, groups and
// memberships in the organization's identity store — create, describe, list (filters, paging), update
// by attribute path, delete (memberships go with it), ids by unique attribute, IsMemberInGroups —
// uniqueness conflicts, not-found errors naming the resource, a member account refused, an IAM Deny
// refused; and `aws identitystore list-users` with the AWS CLI v1.
import {
  CreateGroupCommand,
  CreateGroupMembershipCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteUserCommand,
  DescribeGroupMembershipCommand,
  DescribeUserCommand,
  GetGroupIdCommand,
  GetGroupMembershipIdCommand,
  GetUserIdCommand,
  IdentitystoreClient,
  IsMemberInGroupsCommand,
  ListGroupMembershipsCommand,
  ListGroupMembershipsForMemberCommand,
  ListGroupsCommand,
  ListUsersCommand,
  UpdateGroupCommand,
  UpdateUserCommand,
  DescribeGroupCommand,
} from '@aws-sdk/client-identitystore';
import {
  CreateAccessKeyCommand,
  CreateUserCommand as CreateIamUser,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enableForOrganization } from '../../src/domain/index.ts';
import { awsCli, CLI_VERSIONS, describeEachCli, type CliVersion } from '../support/aws-cli.ts';
import { orgFixture } from '../support/org-fixture.ts';
import {
  BACKENDS,
  startTestServer,
  type Backend,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const MEMBER = '333344445555';

async function failure(fn: () => Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await fn();
  } catch (err) {
    const e = err as Record<string, unknown> & { $metadata?: { httpStatusCode?: number } };
    return { ...e, name: e.name, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected an error');
}

async function identityStoreOf(t: TestServer): Promise<string> {
  const instance = await t.server.services.store.write(ACCOUNT, (repos) =>
    enableForOrganization(repos, ACCOUNT, new Date()),
  );
  return instance!.identity_store_id;
}

describe.each(BACKENDS)('Identity Store on %s', (backend: Backend) => {
  let t: TestServer;
  let storeId: string;
  let memberCreds: Credentials;
  const ids = (c: Credentials = t.root) =>
    new IdentitystoreClient({ endpoint: t.url, region: 'us-east-1', credentials: c, maxAttempts: 1 });
  const newUser = (UserName: string, extra: Record<string, unknown> = {}) =>
    ids().send(
      new CreateUserCommand({
        IdentityStoreId: storeId,
        UserName,
        DisplayName: `${UserName} Example`,
        Name: { GivenName: UserName, FamilyName: 'Example' },
        ...extra,
      }),
    );

  beforeAll(async () => {
    t = await startTestServer(backend);
    const org = await orgFixture(t);
    memberCreds = await org.member(MEMBER);
    storeId = await identityStoreOf(t);
  });
  afterAll(() => t.destroy());

  it('creates a user and describes it with its attributes', async () => {
    const { UserId, IdentityStoreId } = await newUser('alice', {
      Emails: [{ Value: 'alice@example.com', Type: 'work', Primary: true }],
      Title: 'Engineer',
    });
    expect(IdentityStoreId).toBe(storeId);
    expect(UserId).toMatch(/^[0-9a-f]{10}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const user = await ids().send(new DescribeUserCommand({ IdentityStoreId: storeId, UserId }));
    expect(user).toMatchObject({
      UserName: 'alice',
      DisplayName: 'alice Example',
      Name: { GivenName: 'alice', FamilyName: 'Example' },
      Emails: [{ Value: 'alice@example.com', Type: 'work', Primary: true }],
      Title: 'Engineer',
    });
    expect(
      (
        await ids().send(
          new GetUserIdCommand({
            IdentityStoreId: storeId,
            AlternateIdentifier: {
              UniqueAttribute: { AttributePath: 'emails.value', AttributeValue: 'alice@example.com' },
            },
          }),
        )
      ).UserId,
    ).toBe(UserId);
    expect(
      (
        await ids().send(
          new GetUserIdCommand({
            IdentityStoreId: storeId,
            AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'ALICE' } },
          }),
        )
      ).UserId,
    ).toBe(UserId);
  });

  it('refuses a second user of the same name in any case, a reserved name and a missing display name', async () => {
    expect(await failure(() => newUser('Alice'))).toMatchObject({
      name: 'ConflictException',
      Reason: 'UNIQUENESS_CONSTRAINT_VIOLATION',
    });
    expect(await failure(() => newUser('Administrator'))).toMatchObject({ name: 'ValidationException' });
    expect(
      await failure(() =>
        ids().send(new CreateUserCommand({ IdentityStoreId: storeId, UserName: 'nodisplay' })),
      ),
    ).toMatchObject({ name: 'ValidationException' });
    const listed = await ids().send(new ListUsersCommand({ IdentityStoreId: storeId }));
    expect(listed.Users!.map((u) => u.UserName)).toEqual(['alice']);
  });

  it('updates attributes by path, renames, and lists with a filter and pages', async () => {
    const { UserId } = await newUser('bob');
    await ids().send(
      new UpdateUserCommand({
        IdentityStoreId: storeId,
        UserId,
        Operations: [
          { AttributePath: 'name.givenName', AttributeValue: 'Robert' },
          { AttributePath: 'userName', AttributeValue: 'robert' },
          { AttributePath: 'nickName', AttributeValue: 'Bob' },
        ],
      }),
    );
    const user = await ids().send(new DescribeUserCommand({ IdentityStoreId: storeId, UserId }));
    expect(user).toMatchObject({
      UserName: 'robert',
      NickName: 'Bob',
      Name: { GivenName: 'Robert', FamilyName: 'Example' },
    });
    expect(
      await failure(() =>
        ids().send(
          new UpdateUserCommand({
            IdentityStoreId: storeId,
            UserId,
            Operations: [{ AttributePath: 'userName', AttributeValue: 'alice' }],
          }),
        ),
      ),
    ).toMatchObject({ name: 'ConflictException' });
    const filtered = await ids().send(
      new ListUsersCommand({
        IdentityStoreId: storeId,
        Filters: [{ AttributePath: 'UserName', AttributeValue: 'robert' }],
      }),
    );
    expect(filtered.Users!.map((u) => u.UserId)).toEqual([UserId]);
    const first = await ids().send(new ListUsersCommand({ IdentityStoreId: storeId, MaxResults: 1 }));
    expect(first.Users).toHaveLength(1);
    const second = await ids().send(
      new ListUsersCommand({ IdentityStoreId: storeId, MaxResults: 1, NextToken: first.NextToken }),
    );
    expect(second.Users).toHaveLength(1);
    expect(second.Users![0]!.UserId).not.toBe(first.Users![0]!.UserId);
  });

  it('manages groups and memberships; deleting a user removes its memberships', async () => {
    const { GroupId } = await ids().send(
      new CreateGroupCommand({
        IdentityStoreId: storeId,
        DisplayName: 'Engineers',
        Description: 'All of them',
      }),
    );
    expect(
      await failure(() =>
        ids().send(new CreateGroupCommand({ IdentityStoreId: storeId, DisplayName: 'engineers' })),
      ),
    ).toMatchObject({ name: 'ConflictException' });
    await ids().send(
      new UpdateGroupCommand({
        IdentityStoreId: storeId,
        GroupId,
        Operations: [{ AttributePath: 'description', AttributeValue: 'Builders' }],
      }),
    );
    expect(await ids().send(new DescribeGroupCommand({ IdentityStoreId: storeId, GroupId }))).toMatchObject({
      DisplayName: 'Engineers',
      Description: 'Builders',
    });
    expect(
      (
        await ids().send(
          new GetGroupIdCommand({
            IdentityStoreId: storeId,
            AlternateIdentifier: {
              UniqueAttribute: { AttributePath: 'displayName', AttributeValue: 'Engineers' },
            },
          }),
        )
      ).GroupId,
    ).toBe(GroupId);
    expect(
      (
        await ids().send(
          new ListGroupsCommand({
            IdentityStoreId: storeId,
            Filters: [{ AttributePath: 'DisplayName', AttributeValue: 'Engineers' }],
          }),
        )
      ).Groups,
    ).toHaveLength(1);

    const { UserId } = await newUser('carol');
    const { MembershipId } = await ids().send(
      new CreateGroupMembershipCommand({ IdentityStoreId: storeId, GroupId, MemberId: { UserId: UserId! } }),
    );
    expect(
      await failure(() =>
        ids().send(
          new CreateGroupMembershipCommand({
            IdentityStoreId: storeId,
            GroupId,
            MemberId: { UserId: UserId! },
          }),
        ),
      ),
    ).toMatchObject({ name: 'ConflictException' });
    expect(
      await ids().send(new DescribeGroupMembershipCommand({ IdentityStoreId: storeId, MembershipId })),
    ).toMatchObject({ GroupId, MemberId: { UserId: UserId! } });
    expect(
      (
        await ids().send(
          new GetGroupMembershipIdCommand({
            IdentityStoreId: storeId,
            GroupId,
            MemberId: { UserId: UserId! },
          }),
        )
      ).MembershipId,
    ).toBe(MembershipId);
    expect(
      (await ids().send(new ListGroupMembershipsCommand({ IdentityStoreId: storeId, GroupId })))
        .GroupMemberships,
    ).toHaveLength(1);
    expect(
      (
        await ids().send(
          new ListGroupMembershipsForMemberCommand({
            IdentityStoreId: storeId,
            MemberId: { UserId: UserId! },
          }),
        )
      ).GroupMemberships,
    ).toHaveLength(1);
    const { GroupId: other } = await ids().send(
      new CreateGroupCommand({ IdentityStoreId: storeId, DisplayName: 'Others' }),
    );
    const member = await ids().send(
      new IsMemberInGroupsCommand({
        IdentityStoreId: storeId,
        MemberId: { UserId: UserId! },
        GroupIds: [GroupId!, other!],
      }),
    );
    expect(member.Results!.map((r) => r.MembershipExists)).toEqual([true, false]);

    await ids().send(new DeleteUserCommand({ IdentityStoreId: storeId, UserId }));
    expect(
      (await ids().send(new ListGroupMembershipsCommand({ IdentityStoreId: storeId, GroupId })))
        .GroupMemberships,
    ).toEqual([]);
    expect(
      await failure(() => ids().send(new DescribeUserCommand({ IdentityStoreId: storeId, UserId }))),
    ).toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceType: 'USER',
      ResourceId: UserId,
    });
    await ids().send(new DeleteGroupCommand({ IdentityStoreId: storeId, GroupId: other }));
    expect(
      await failure(() => ids().send(new DescribeGroupCommand({ IdentityStoreId: storeId, GroupId: other }))),
    ).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'GROUP' });
  });

  it('refuses an unknown identity store, a member account, and a caller whose policy denies it', async () => {
    expect(
      await failure(() => ids().send(new ListUsersCommand({ IdentityStoreId: 'd-0000000000' }))),
    ).toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceType: 'IDENTITY_STORE',
    });
    expect(
      await failure(() => ids(memberCreds).send(new ListUsersCommand({ IdentityStoreId: storeId }))),
    ).toMatchObject({
      name: 'AccessDeniedException',
    });
    await t.iam().send(new CreateIamUser({ UserName: 'limited' }));
    await t.iam().send(
      new PutUserPolicyCommand({
        UserName: 'limited',
        PolicyName: 'p',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'identitystore:*', Resource: '*' },
            { Effect: 'Deny', Action: 'identitystore:CreateUser', Resource: '*' },
          ],
        }),
      }),
    );
    const k = (await t.iam().send(new CreateAccessKeyCommand({ UserName: 'limited' }))).AccessKey!;
    const limited = ids({ accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! });
    expect(
      (await limited.send(new ListUsersCommand({ IdentityStoreId: storeId }))).Users!.length,
    ).toBeGreaterThan(0);
    expect(
      await failure(() =>
        limited.send(
          new CreateUserCommand({ IdentityStoreId: storeId, UserName: 'sneaky', DisplayName: 'S' }),
        ),
      ),
    ).toMatchObject({ name: 'AccessDeniedException' });
    expect(
      (
        await ids().send(
          new ListUsersCommand({
            IdentityStoreId: storeId,
            Filters: [{ AttributePath: 'UserName', AttributeValue: 'sneaky' }],
          }),
        )
      ).Users,
    ).toEqual([]);
  });
});

const CASES: [CliVersion, Backend][] = CLI_VERSIONS.filter((v) => v === 'v1').flatMap((v) =>
  BACKENDS.map((b): [CliVersion, Backend] => [v, b]),
);

// identitystore commands: the AWS CLI v1 (Debian's v2 2.9.19 has them too, but v1 is enough here)
describeEachCli(CASES)('aws %s identitystore on %s', { timeout: 120_000 }, (version, backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
    await orgFixture(t);
  });
  afterAll(() => t.destroy());

  it('create-user and list-users', async () => {
    const storeId = await identityStoreOf(t);
    const cli = await awsCli(version, t.url, t.root);
    const created = await cli.json<{ UserId: string }>([
      'identitystore',
      'create-user',
      '--identity-store-id',
      storeId,
      '--user-name',
      'dana',
      '--display-name',
      'Dana Example',
      '--name',
      'GivenName=Dana,FamilyName=Example',
    ]);
    const listed = await cli.json<{ Users: { UserId: string; UserName: string }[] }>([
      'identitystore',
      'list-users',
      '--identity-store-id',
      storeId,
    ]);
    expect(listed.Users).toMatchObject([{ UserId: created.UserId, UserName: 'dana' }]);
  });
});
