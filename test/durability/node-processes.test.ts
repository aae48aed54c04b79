// Three `tessera serve` processes on one PostgreSQL database behave as one service, over HTTP with
// the AWS SDK: a Deny attached through A is enforced on B and C within a second; a role session A
// issued works on B; a session key rotated in (`tessera keys rotate`) and sealing on B opens on C; and
// A killed with SIGKILL in the middle of writes loses none it acknowledged, nor leaves half of one.
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteUserPolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListUserPoliciesCommand,
  ListUsersCommand,
  paginateListUsers,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  TagUserCommand,
  type Tag,
} from '@aws-sdk/client-iam';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionKeyIdOf } from '../../src/authn/session-token.ts';
import type { Config } from '../../src/config/defaults.ts';
import { loadConfig } from '../../src/config/load.ts';
import { within } from '../support/polling.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { runTessera } from '../support/tessera-cli.ts';
import { BACKENDS, dropData, ROOT, testDatabaseUrl, type Credentials } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const listing = (Effect: 'Allow' | 'Deny') => policy({ Effect, Action: 'iam:ListUsers', Resource: '*' });

const clients = (node: ServerProcess, credentials: Credentials) => ({
  iam: new IAMClient({
    endpoint: node.url,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
    requestHandler: { requestTimeout: 15_000 },
  }),
  sts: new STSClient({
    endpoint: node.url,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
    requestHandler: { requestTimeout: 15_000 },
  }),
});

/** How many users the writers at A start (each: CreateUser with tags, PutUserPolicy, TagUser). */
const USERS = 300;
const CONCURRENCY = 16;
/** A is killed once this many writes were acknowledged, so that the kill lands mid-stream. */
const KILL_AFTER_ACKS = 150;

const creationTags = (name: string): Tag[] => [
  { Key: 'batch', Value: 'sigkill' },
  { Key: 'owner', Value: name },
];
const laterTag = (name: string): Tag => ({ Key: 'later', Value: name });
const inlineFor = (name: string) =>
  policy({ Effect: 'Allow', Action: 'iam:GetUser', Resource: `arn:aws:iam::${ACCOUNT}:user/${name}` });

describe.skipIf(!BACKENDS.includes('postgres'))('three tessera serve processes on one PostgreSQL', () => {
  let config: Config;
  let a: ServerProcess;
  let b: ServerProcess;
  let c: ServerProcess;
  let alice: Credentials;

  beforeAll(async () => {
    config = {
      ...loadConfig({}, {}),
      port: 0,
      dataDir: mkdtempSync(path.join(tmpdir(), 'tessera-node-processes-')),
      databaseUrl: testDatabaseUrl('postgres'),
      rootAccessKeyId: ROOT.accessKeyId,
      rootSecretAccessKey: ROOT.secretAccessKey,
      accountId: ACCOUNT,
    };
    // one after the other: the first migrates the schema and writes the master key the others read
    a = await startServerProcess(config, 60_000);
    b = await startServerProcess(config, 60_000);
    c = await startServerProcess(config, 60_000);
    const root = clients(a, ROOT).iam;
    await root.send(new CreateUserCommand({ UserName: 'alice' }));
    await root.send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'read',
        PolicyDocument: policy({
          Effect: 'Allow',
          Action: ['iam:ListUsers', 'sts:AssumeRole'],
          Resource: '*',
        }),
      }),
    );
    const key = (await root.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
    alice = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  }, 180_000);

  afterAll(async () => {
    for (const node of [a, b, c]) await node?.kill('SIGKILL');
    if (config) await dropData(config);
  });

  const listUsers = async (node: ServerProcess, credentials: Credentials) => {
    try {
      await clients(node, credentials).iam.send(new ListUsersCommand({}));
      return 'allowed';
    } catch (err) {
      return (err as { name: string }).name;
    }
  };

  it('enforces on B and C within a second a Deny attached through A, and its removal', async () => {
    // B and C have decided for alice before: her key and policies are cached there
    expect([await listUsers(b, alice), await listUsers(c, alice)]).toEqual(['allowed', 'allowed']);
    await clients(a, ROOT).iam.send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'no-listing',
        PolicyDocument: listing('Deny'),
      }),
    );
    await within(1_000, async () => (await listUsers(b, alice)) === 'AccessDenied');
    await within(1_000, async () => (await listUsers(c, alice)) === 'AccessDenied');
    await clients(a, ROOT).iam.send(
      new DeleteUserPolicyCommand({ UserName: 'alice', PolicyName: 'no-listing' }),
    );
    await within(1_000, async () => (await listUsers(b, alice)) === 'allowed');
    await within(1_000, async () => (await listUsers(c, alice)) === 'allowed');
  });

  it('accepts on B a role session issued by A, with the policies of its role', async () => {
    const root = clients(a, ROOT).iam;
    await root.send(
      new CreateRoleCommand({
        RoleName: 'lister',
        AssumeRolePolicyDocument: policy({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/alice` },
          Action: 'sts:AssumeRole',
        }),
      }),
    );
    await root.send(
      new PutRolePolicyCommand({ RoleName: 'lister', PolicyName: 'list', PolicyDocument: listing('Allow') }),
    );
    const issued = (
      await clients(a, alice).sts.send(
        new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/lister`, RoleSessionName: 'across' }),
      )
    ).Credentials!;
    const session = {
      accessKeyId: issued.AccessKeyId!,
      secretAccessKey: issued.SecretAccessKey!,
      sessionToken: issued.SessionToken!,
    };
    const who = await clients(b, session).sts.send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/lister/across`);
    expect(await listUsers(b, session)).toBe('allowed');
  });

  it('opens on C a session that B sealed with a key rotated in by `tessera keys rotate`', async () => {
    const rotate = await runTessera(['keys', 'rotate'], config.dataDir, config.databaseUrl);
    expect(rotate.status, rotate.stderr).toBe(0);
    const rotated = /New session key (\S+) is now sealing/.exec(rotate.stdout)?.[1];
    expect(rotated).toBeDefined();
    // B hears of the new key through the change feed and seals with it
    let token: Credentials | undefined;
    await within(2_000, async () => {
      const issued = (await clients(b, alice).sts.send(new GetSessionTokenCommand({}))).Credentials!;
      token = {
        accessKeyId: issued.AccessKeyId!,
        secretAccessKey: issued.SecretAccessKey!,
        sessionToken: issued.SessionToken!,
      };
      return sessionKeyIdOf(issued.SessionToken!) === rotated;
    });
    const who = await clients(c, token!).sts.send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/alice`);
  });

  it('keeps, after A is killed with SIGKILL mid-writes, every write A acknowledged and no half of one', async () => {
    const root = clients(a, ROOT).iam;
    /** `create:`, `policy:` or `tag:` and the user's name, for each write answered 200. */
    const acknowledged = new Set<string>();
    let unanswered = 0;
    let next = 0;
    let killed: Promise<void> | undefined;
    const ack = (write: string, status: number | undefined) => {
      if (status === 200) acknowledged.add(write);
      if (acknowledged.size >= KILL_AFTER_ACKS && !killed) killed = a.kill('SIGKILL');
    };
    const writer = async () => {
      while (next < USERS && !killed) {
        const name = `w${String(next++).padStart(4, '0')}`;
        try {
          const created = await root.send(
            new CreateUserCommand({ UserName: name, Tags: creationTags(name) }),
          );
          ack(`create:${name}`, created.$metadata.httpStatusCode);
          const put = await root.send(
            new PutUserPolicyCommand({ UserName: name, PolicyName: 'own', PolicyDocument: inlineFor(name) }),
          );
          ack(`policy:${name}`, put.$metadata.httpStatusCode);
          const tagged = await root.send(new TagUserCommand({ UserName: name, Tags: [laterTag(name)] }));
          ack(`tag:${name}`, tagged.$metadata.httpStatusCode);
        } catch {
          unanswered++;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, writer));
    await killed;
    expect(a.child.signalCode).toBe('SIGKILL');
    // the kill really cut writes off: some got no answer
    expect(unanswered).toBeGreaterThan(0);
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

    // B reads what A committed: every user of the batch, with its tags and inline policies
    const onB = clients(b, ROOT).iam;
    const names: string[] = [];
    for await (const page of paginateListUsers({ client: onB, pageSize: 100 }, {}))
      for (const u of page.Users ?? []) if (/^w\d{4}$/.test(u.UserName!)) names.push(u.UserName!);
    const stored = new Map<string, { tags: Tag[]; policies: Record<string, string> }>();
    for (let i = 0; i < names.length; i += 8)
      await Promise.all(
        names.slice(i, i + 8).map(async (name) => {
          const user = (await onB.send(new GetUserCommand({ UserName: name }))).User!;
          const policies: Record<string, string> = {};
          for (const p of (await onB.send(new ListUserPoliciesCommand({ UserName: name }))).PolicyNames ?? [])
            policies[p] = decodeURIComponent(
              (await onB.send(new GetUserPolicyCommand({ UserName: name, PolicyName: p }))).PolicyDocument!,
            );
          stored.set(name, { tags: user.Tags ?? [], policies });
        }),
      );

    console.log(
      `SIGKILL after ${acknowledged.size} acknowledged writes; ${unanswered} unanswered; ` +
        `${stored.size} users stored`,
    );
    const lost = [...acknowledged].filter((write) => {
      const [kind, name] = write.split(':') as [string, string];
      const user = stored.get(name);
      if (!user) return true;
      if (kind === 'policy') return user.policies.own === undefined;
      if (kind === 'tag') return !user.tags.some((t) => t.Key === 'later');
      return false;
    });
    expect(lost).toEqual([]);
    // whatever else survived is whole: a user with every tag of its CreateUser, and only what the
    // writers sent (the inline policy as written, the later tag with its value)
    for (const [name, user] of stored) {
      const byKey = Object.fromEntries(user.tags.map((t) => [t.Key, t.Value]));
      expect(byKey, name).toMatchObject(Object.fromEntries(creationTags(name).map((t) => [t.Key, t.Value])));
      expect(
        Object.keys(byKey).every((k) => ['batch', 'owner', 'later'].includes(k)),
        name,
      ).toBe(true);
      if (byKey.later !== undefined) expect(byKey.later, name).toBe(name);
      expect(
        Object.keys(user.policies).every((p) => p === 'own'),
        name,
      ).toBe(true);
      if (user.policies.own !== undefined)
        expect(JSON.parse(user.policies.own), name).toEqual(JSON.parse(inlineFor(name)));
    }
    // B takes writes as before
    await onB.send(new CreateUserCommand({ UserName: 'after-the-kill' }));
  }, 90_000);
});
