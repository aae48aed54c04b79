// The Store contract, run against SQLite and PostgreSQL alike: transactions, the account write
// lock under concurrency, the change feed (in-process and across PostgreSQL nodes), keyset pages.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUOTAS } from '../../src/config/defaults.ts';
import { createUser } from '../../src/domain/users.ts';
import { openStore, type Change, type KyselyStore } from '../../src/store/index.ts';
import { useStore } from '../support/store-fixture.ts';
import { BACKENDS, dropData, testDatabaseUrl } from '../support/test-server.ts';
import { loadConfig } from '../../src/config/load.ts';

const ACCOUNT = '111111111111';

describe.each(BACKENDS)('the store on %s', (backend) => {
  const fixture = useStore(backend, 'store');
  let store: KyselyStore;
  beforeAll(async () => {
    store = fixture.store;
    await store.write(ACCOUNT, (r) =>
      r.accounts.insert({ account_id: ACCOUNT, created_at: new Date().toISOString(), quotas: null }),
    );
  });

  it('rolls back every change of a write that throws, and announces none', async () => {
    const seen: Change[] = [];
    const off = store.onChange((c) => seen.push(...c));
    await expect(
      store.write(ACCOUNT, async (r) => {
        await createUser(r, ACCOUNT, { UserName: 'ghost' }, DEFAULT_QUOTAS, new Date());
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    off();
    expect(await store.read((r) => r.users.byName(ACCOUNT, 'ghost'))).toBeUndefined();
    expect(seen).toEqual([]);
  });

  it('announces committed changes after commit', async () => {
    const seen: Change[] = [];
    const off = store.onChange((c) => seen.push(...c));
    const row = await store.write(ACCOUNT, (r) =>
      createUser(r, ACCOUNT, { UserName: 'announced' }, DEFAULT_QUOTAS, new Date()),
    );
    off();
    expect(seen).toContainEqual({ accountId: ACCOUNT, entity: 'user', id: row.user_id });
  });

  it('holds the user quota exactly under concurrent creates', async () => {
    const quotas = { ...DEFAULT_QUOTAS, usersPerAccount: 10 };
    const existing = await store.read((r) => r.users.count(ACCOUNT));
    const results = await Promise.allSettled(
      Array.from({ length: 25 }, (_, i) =>
        store.write(ACCOUNT, (r) => createUser(r, ACCOUNT, { UserName: `c${i}` }, quotas, new Date())),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10 - existing);
    expect(await store.read((r) => r.users.count(ACCOUNT))).toBe(10);
    for (const r of results)
      if (r.status === 'rejected') expect((r.reason as { code?: string }).code).toBe('LimitExceeded');
  });

  it('pages by key so that rows present throughout appear exactly once despite concurrent writes', async () => {
    const other = '222222222222';
    await store.write(other, (r) =>
      r.accounts.insert({ account_id: other, created_at: new Date().toISOString(), quotas: null }),
    );
    for (const n of ['b', 'd', 'f', 'h', 'j'])
      await store.write(other, (r) => createUser(r, other, { UserName: n }, DEFAULT_QUOTAS, new Date()));
    const seen: string[] = [];
    let after: string | undefined;
    let i = 0;
    for (;;) {
      const rows = await store.read((r) => r.users.list(other, { after, limit: 2 }));
      seen.push(...rows.map((u) => u.user_name));
      if (rows.length < 2) break;
      after = rows[rows.length - 1]!.name_key;
      // insert before and after the marker, and delete one not yet read
      await store.write(other, (r) =>
        createUser(r, other, { UserName: `a${i}` }, DEFAULT_QUOTAS, new Date()),
      );
      await store.write(other, (r) =>
        createUser(r, other, { UserName: `z${i++}` }, DEFAULT_QUOTAS, new Date()),
      );
    }
    for (const n of ['b', 'd', 'f', 'h', 'j']) expect(seen.filter((s) => s === n)).toHaveLength(1);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('keeps names unique regardless of case, even against a racing insert', async () => {
    const results = await Promise.allSettled(
      ['Race', 'RACE', 'race'].map((n) =>
        store.write(ACCOUNT, (r) => createUser(r, ACCOUNT, { UserName: n }, DEFAULT_QUOTAS, new Date())),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });
});

describe.each(BACKENDS)('the change feed between processes on %s', (backend) => {
  it("delivers one node's committed changes to another node, and a rolled-back write's to none", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tessera-feed-'));
    const databaseUrl = testDatabaseUrl(backend);
    const a = await openStore({ dataDir, databaseUrl });
    const b = await openStore({ dataDir, databaseUrl });
    try {
      const received = new Promise<readonly Change[]>((resolve) => b.onChange(resolve));
      await a.write(ACCOUNT, (r) =>
        r.accounts.insert({ account_id: ACCOUNT, created_at: new Date().toISOString(), quotas: null }),
      );
      const changes = await received;
      expect(changes).toContainEqual({ accountId: ACCOUNT, entity: 'account' });
    } finally {
      await a.close();
      await b.close();
      await dropData({ ...loadConfig({}, {}), dataDir, databaseUrl });
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
