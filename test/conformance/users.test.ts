// Users over HTTP with the real AWS SDK v3 IAM client, on each storage backend.
import {
  CreateUserCommand,
  DeleteUserCommand,
  GetUserCommand,
  ListUserTagsCommand,
  ListUsersCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsError, BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

describe.each(BACKENDS)('users on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t.destroy());

  it('creates a user with a path and tags, and reads it back', async () => {
    const iam = t.iam();
    const created = await iam.send(
      new CreateUserCommand({
        UserName: 'alice',
        Path: '/engineering/',
        Tags: [{ Key: 'team', Value: 'core' }],
      }),
    );
    expect(created.User?.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(created.User?.Arn).toBe('arn:aws:iam::123456789012:user/engineering/alice');
    expect(created.User?.CreateDate).toBeInstanceOf(Date);
    const got = await iam.send(new GetUserCommand({ UserName: 'ALICE' }));
    expect(got.User?.UserName).toBe('alice');
    expect(got.User?.Tags).toEqual([{ Key: 'team', Value: 'core' }]);
  });

  it('refuses a second user whose name differs only in case', async () => {
    const e = await awsError(() => t.iam().send(new CreateUserCommand({ UserName: 'Alice' })));
    expect(e).toMatchObject({
      code: 'EntityAlreadyExists',
      status: 409,
      message: 'User with name Alice already exists.',
    });
  });

  it("answers NoSuchEntity with AWS's message for an unknown user", async () => {
    const e = await awsError(() => t.iam().send(new GetUserCommand({ UserName: 'nobody' })));
    expect(e).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The user with name nobody cannot be found.',
    });
  });

  it("rejects an invalid name with AWS's ValidationError wording and creates nothing", async () => {
    const e = await awsError(() => t.iam().send(new CreateUserCommand({ UserName: 'bad name!' })));
    expect(e.code).toBe('ValidationError');
    expect(e.status).toBe(400);
    expect(e.message).toBe(
      "1 validation error detected: Value 'bad name!' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    );
    const list = await t.iam().send(new ListUsersCommand({}));
    expect(list.Users?.map((u) => u.UserName)).toEqual(['alice']);
  });

  it('pages through users with Marker and MaxItems', async () => {
    const iam = t.iam();
    for (const n of ['u1', 'u2', 'u3', 'u4']) await iam.send(new CreateUserCommand({ UserName: n }));
    const names: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await iam.send(new ListUsersCommand({ MaxItems: 2, Marker: marker }));
      names.push(...(page.Users ?? []).map((u) => u.UserName!));
      marker = page.IsTruncated ? page.Marker : undefined;
      pages++;
    } while (marker);
    expect(names).toEqual(['alice', 'u1', 'u2', 'u3', 'u4']);
    expect(pages).toBe(3);
    const filtered = await iam.send(new ListUsersCommand({ PathPrefix: '/engineering/' }));
    expect(filtered.Users?.map((u) => u.UserName)).toEqual(['alice']);
  });

  it('renames a user and moves its path', async () => {
    const iam = t.iam();
    await iam.send(new UpdateUserCommand({ UserName: 'u4', NewUserName: 'u4-renamed', NewPath: '/ops/' }));
    const got = await iam.send(new GetUserCommand({ UserName: 'u4-renamed' }));
    expect(got.User?.Arn).toBe('arn:aws:iam::123456789012:user/ops/u4-renamed');
    const e = await awsError(() => iam.send(new GetUserCommand({ UserName: 'u4' })));
    expect(e.code).toBe('NoSuchEntity');
  });

  it('tags, lists tags and untags a user', async () => {
    const iam = t.iam();
    await iam.send(
      new TagUserCommand({
        UserName: 'u1',
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'b', Value: '2' },
        ],
      }),
    );
    await iam.send(new TagUserCommand({ UserName: 'u1', Tags: [{ Key: 'A', Value: '3' }] }));
    const tags = await iam.send(new ListUserTagsCommand({ UserName: 'u1' }));
    expect(tags.Tags).toEqual([
      { Key: 'A', Value: '3' },
      { Key: 'b', Value: '2' },
    ]);
    await iam.send(new UntagUserCommand({ UserName: 'u1', TagKeys: ['a'] }));
    const after = await iam.send(new ListUserTagsCommand({ UserName: 'u1' }));
    expect(after.Tags).toEqual([{ Key: 'b', Value: '2' }]);
  });

  it('deletes a user', async () => {
    await t.iam().send(new DeleteUserCommand({ UserName: 'u3' }));
    const e = await awsError(() => t.iam().send(new DeleteUserCommand({ UserName: 'u3' })));
    expect(e.code).toBe('NoSuchEntity');
  });

  it('enforces the users-per-account quota with LimitExceeded', async () => {
    const small = await startTestServer(backend, {
      config: { quotas: { ...t.config.quotas, usersPerAccount: 1 } },
    });
    try {
      await small.iam().send(new CreateUserCommand({ UserName: 'one' }));
      const e = await awsError(() => small.iam().send(new CreateUserCommand({ UserName: 'two' })));
      expect(e).toMatchObject({
        code: 'LimitExceeded',
        status: 409,
        message: 'Cannot exceed quota for UsersPerAccount: 1',
      });
    } finally {
      await small.destroy();
    }
  });

  it('holds a user to 50 tags, counting the tags it already has', async () => {
    const iam = t.iam();
    const tags = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({ Key: `k${from + i}`, Value: 'v' }));
    await iam.send(new CreateUserCommand({ UserName: 'tagged', Tags: tags(0, 30) }));
    await iam.send(new TagUserCommand({ UserName: 'tagged', Tags: tags(30, 20) }));
    // Overwriting an existing key does not add a tag.
    await iam.send(new TagUserCommand({ UserName: 'tagged', Tags: [{ Key: 'K0', Value: 'again' }] }));
    const over = await awsError(() =>
      iam.send(new TagUserCommand({ UserName: 'tagged', Tags: tags(50, 1) })),
    );
    expect(over).toMatchObject({
      code: 'LimitExceeded',
      status: 409,
      message: 'The number of tags has reached the maximum limit of 50.',
    });
    const listed = await iam.send(new ListUserTagsCommand({ UserName: 'tagged', MaxItems: 100 }));
    expect(listed.Tags).toHaveLength(50);
    // More than 50 in one request is refused by the model's constraint, as AWS does.
    const tooMany = await awsError(() =>
      iam.send(new CreateUserCommand({ UserName: 'over-tagged', Tags: tags(0, 51) })),
    );
    expect(tooMany).toMatchObject({ code: 'ValidationError', status: 400 });
    expect(tooMany.message).toContain('Member must have length less than or equal to 50');
  });
});
