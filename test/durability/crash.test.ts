// A server killed with SIGKILL in the middle of concurrent writes loses no acknowledged write, leaves
// no half-written entity, and leaves exactly one audit event per change that survived, on each backend.
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  GetUserCommand,
  IAMClient,
  ListUsersCommand,
  paginateListUsers,
} from '@aws-sdk/client-iam';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import type { Config } from '../../src/config/defaults.ts';
import { startServerProcess } from '../support/server-process.ts';
import { BACKENDS, dropData, ROOT, startTestServer, testDatabaseUrl } from '../support/test-server.ts';

const ATTEMPTS = 400;
const CONCURRENCY = 24;
/** The kill comes once this many creates were acknowledged, so it lands mid-stream. */
const KILL_AFTER_ACKS = 120;

const tagsFor = (name: string) => [
  { Key: 'owner', Value: name },
  { Key: 'batch', Value: 'crash' },
  { Key: 'seq', Value: name.slice(5) },
];

describe.each(BACKENDS)('SIGKILL during writes on %s', (backend) => {
  it('keeps every acknowledged CreateUser and no partial user after a restart', async () => {
    const config: Config = {
      ...loadConfig({}, {}),
      port: 0,
      dataDir: mkdtempSync(path.join(tmpdir(), 'tessera-crash-')),
      databaseUrl: testDatabaseUrl(backend),
      rootAccessKeyId: ROOT.accessKeyId,
      rootSecretAccessKey: ROOT.secretAccessKey,
    };
    try {
      const proc = await startServerProcess(config);
      const iam = new IAMClient({
        endpoint: proc.url,
        region: 'us-east-1',
        credentials: ROOT,
        maxAttempts: 1,
      });
      const acknowledged: string[] = [];
      const failed: string[] = [];
      let next = 0;
      let killed: Promise<void> | undefined;
      const worker = async () => {
        while (next < ATTEMPTS) {
          const name = `crash${String(next++).padStart(4, '0')}`;
          try {
            const out = await iam.send(new CreateUserCommand({ UserName: name, Tags: tagsFor(name) }));
            if (out.$metadata.httpStatusCode === 200) acknowledged.push(name);
          } catch {
            failed.push(name);
          }
          if (acknowledged.length >= KILL_AFTER_ACKS && !killed) killed = proc.kill('SIGKILL');
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      await killed;
      iam.destroy();
      expect(proc.child.signalCode).toBe('SIGKILL');
      // The kill really interrupted the stream: some creates never got an answer.
      expect(failed.length).toBeGreaterThan(0);
      expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);

      const t = await startTestServer(backend, { reuse: config });
      try {
        const client = t.iam();
        const stored = new Set<string>();
        for await (const page of paginateListUsers({ client, pageSize: 100 }, {}))
          for (const u of page.Users ?? []) stored.add(u.UserName!);
        const lost = acknowledged.filter((n) => !stored.has(n));
        expect(lost).toEqual([]);
        // Whatever else survived is one of the attempted names, with all of its tags.
        for (const name of stored) {
          expect(name).toMatch(/^crash\d{4}$/);
          const got = await client.send(new GetUserCommand({ UserName: name }));
          // every tag, sorted by key as Tessera gives them back
          expect(got.User?.Tags).toEqual(tagsFor(name).sort((a, b) => a.Key.localeCompare(b.Key)));
        }
        // Every change has its audit event and every event its change: they commit together.
        const events = await t.server.store.read((r) =>
          r.auditEvents.lookup({
            accountId: config.accountId,
            attribute: { key: 'EventName', value: 'CreateUser' },
            limit: ATTEMPTS * 2,
          }),
        );
        const recorded = events
          .filter((e) => e.errorCode === null)
          .map(
            (e) =>
              (JSON.parse(e.record) as { requestParameters: { userName: string } }).requestParameters
                .userName,
          );
        expect(recorded.length).toBe(new Set(recorded).size);
        expect(new Set(recorded)).toEqual(stored);
        // The reopened store takes writes again.
        const after = await client.send(new CreateUserCommand({ UserName: 'after-crash' }));
        expect(after.User?.UserName).toBe('after-crash');
      } finally {
        await t.stop();
      }
    } finally {
      await dropData(config);
    }
  }, 120_000);

  it('keeps the events of read-only and denied calls acknowledged more than a second before the kill', async () => {
    const config: Config = {
      ...loadConfig({}, {}),
      port: 0,
      dataDir: mkdtempSync(path.join(tmpdir(), 'tessera-crash-')),
      databaseUrl: testDatabaseUrl(backend),
      rootAccessKeyId: ROOT.accessKeyId,
      rootSecretAccessKey: ROOT.secretAccessKey,
    };
    try {
      const proc = await startServerProcess(config);
      const client = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
        new IAMClient({ endpoint: proc.url, region: 'us-east-1', credentials, maxAttempts: 1 });
      const root = client(ROOT);
      await root.send(new CreateUserCommand({ UserName: 'reader' }));
      const key = (await root.send(new CreateAccessKeyCommand({ UserName: 'reader' }))).AccessKey!;
      const reader = client({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
      const READS = 30;
      for (let i = 0; i < READS; i++) await root.send(new GetUserCommand({ UserName: 'reader' }));
      // a user without policies: every ListUsers is denied
      for (let i = 0; i < 5; i++) await reader.send(new ListUsersCommand({})).catch(() => undefined);
      // the README's window: batched events are durable within one second
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await proc.kill('SIGKILL');
      root.destroy();
      reader.destroy();
      const t = await startTestServer(backend, { reuse: config });
      try {
        const count = async (name: string) =>
          (
            await t.server.store.read((r) =>
              r.auditEvents.lookup({
                accountId: config.accountId,
                attribute: { key: 'EventName', value: name },
                limit: 100,
              }),
            )
          ).filter((e) => e.errorCode !== 'ServiceFailure');
        expect((await count('GetUser')).length).toBe(READS);
        const denied = await count('ListUsers');
        expect(denied.length).toBe(5);
        expect(denied.every((e) => e.errorCode === 'AccessDenied')).toBe(true);
      } finally {
        await t.stop();
      }
    } finally {
      await dropData(config);
    }
  }, 60_000);
});
