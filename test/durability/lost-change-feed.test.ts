// Two nodes on one PostgreSQL whose change-feed connections are cut (pg_terminate_backend, as a
// restarted server or a dropped network would): the loss is noticed, every cache flushed, /health
// says so until the feed listens again, and no cached allow outlives a Deny made on the other node by
// more than a second — whether the Deny is committed while the feed is down or after it is back.
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteUserPolicyCommand,
  IAMClient,
  ListUsersCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/store/index.ts';
import {
  BACKENDS,
  PG_URL,
  startTestServer,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';
import { within } from '../support/polling.ts';

const doc = (Effect: 'Allow' | 'Deny') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect, Action: 'iam:ListUsers', Resource: '*' }] });

/** Ends the change-feed connections of the nodes on `schema`, from the server's side; how many. */
async function cutChangeFeeds(schema: string): Promise<number> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    const ended = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
      [`tessera-change-feed:${schema}`],
    );
    return ended.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

describe.skipIf(!BACKENDS.includes('postgres'))('a lost change feed on PostgreSQL', () => {
  let a: TestServer;
  let b: TestServer;
  let alice: Credentials;
  const flushesOnB: number[] = [];
  let schema = '';

  beforeAll(async () => {
    a = await startTestServer('postgres');
    b = await startTestServer('postgres', { reuse: a.config });
    schema = new URL(a.config.databaseUrl!).searchParams.get('schema')!;
    const iam = a.iam();
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await iam.send(
      new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'read', PolicyDocument: doc('Allow') }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
    alice = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    b.server.services.store.onChange((changes: readonly Change[]) => {
      if (changes.some((c) => c.entity === 'all')) flushesOnB.push(Date.now());
    });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.destroy();
  });

  const listOnB = async () => {
    const onB = new IAMClient({ endpoint: b.url, region: 'us-east-1', credentials: alice, maxAttempts: 1 });
    try {
      await onB.send(new ListUsersCommand({}));
      return 'allowed';
    } catch (err) {
      return (err as { name: string }).name;
    }
  };
  const healthOfB = async () => (await fetch(`${b.url}/_tessera/ready`)).status;

  it('flushes on the loss, reconnects, and enforces a Deny made on the other node within a second', async () => {
    // B has decided for alice: her key and policies are cached there
    expect(await listOnB()).toBe('allowed');
    expect(await healthOfB()).toBe(200);

    const cutAt = Date.now();
    expect(await cutChangeFeeds(schema)).toBeGreaterThanOrEqual(2);
    // the loss is noticed: B flushes its caches
    await within(2_000, async () => flushesOnB.some((t) => t >= cutAt));

    // a Deny committed through A as the feeds come back reaches B within a second either way
    await a.iam().send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'no-listing',
        PolicyDocument: doc('Deny'),
      }),
    );
    await within(1_500, async () => (await listOnB()) === 'AccessDenied');

    // listening again: ready, and a later change is heard as before (the Deny lifted through A)
    await within(10_000, async () => (await healthOfB()) === 200);
    await a.iam().send(new DeleteUserPolicyCommand({ UserName: 'alice', PolicyName: 'no-listing' }));
    await within(1_000, async () => (await listOnB()) === 'allowed');
  });

  it('reports the feed as down on /health while it cannot reconnect', async () => {
    // cut repeatedly: each reconnect is ended again at once, so B spends the time reconnecting
    let sawDown = false;
    const until = Date.now() + 3_000;
    while (Date.now() < until && !sawDown) {
      await cutChangeFeeds(schema);
      sawDown = (await healthOfB()) === 503;
    }
    expect(sawDown).toBe(true);
    await within(10_000, async () => (await healthOfB()) === 200);
  });
});
