// Liveness and readiness: live while the process serves; ready when the store answers with every
// migration applied, and not while shutting down.
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadinessProbe } from '../../src/server/readiness.ts';
import { openStore } from '../../src/store/index.ts';
import { BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

describe.each(BACKENDS)('health endpoints on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t.destroy());

  it('answers liveness and readiness', async () => {
    for (const path of ['/_tessera/live', '/_tessera/health']) {
      const res = await fetch(t.url + path);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
    }
    const ready = await fetch(`${t.url}/_tessera/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('is not ready when a migration is missing from the database', async () => {
    const db = (t.server.store as unknown as { db: Kysely<unknown> }).db;
    const { rows } = await sql<{
      name: string;
    }>`select name from kysely_migration order by name desc`.execute(db);
    const last = rows[0]!.name;
    await sql`delete from kysely_migration where name = ${last}`.execute(db);
    try {
      const res = await fetch(`${t.url}/_tessera/ready`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'not ready', reason: `migrations not applied: ${last}` });
      // liveness does not depend on the store
      expect((await fetch(`${t.url}/_tessera/live`)).status).toBe(200);
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${last}, ${new Date().toISOString()})`.execute(
        db,
      );
    }
    expect((await fetch(`${t.url}/_tessera/ready`)).status).toBe(200);
  });

  it('is not ready while draining or when the database cannot be reached', async () => {
    const probe = new ReadinessProbe(t.server.store);
    expect(await probe.check()).toEqual({ ready: true });
    probe.drain();
    expect(await probe.check()).toEqual({ ready: false, reason: 'shutting down' });
    // a store whose database went away: here one that was closed under the probe
    const closed = await openStore({ databaseUrl: t.config.databaseUrl, dataDir: t.config.dataDir });
    await closed.close();
    const broken = await new ReadinessProbe(closed).check();
    expect(broken.ready).toBe(false);
    expect(broken.reason).toMatch(/^database unreachable: /);
  });
});
