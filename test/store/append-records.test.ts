// Store.appendRecords, the audit trail's batched writes, on SQLite and PostgreSQL alike: a batch is
// one transaction (a failing statement leaves none of it), what it wrote is read back by the
// request connection, record writes that read before they write are never refused while batches
// commit beside them, and closing the store finishes the batches already sent. On SQLite the batch
// runs in a worker thread with its own connection (src/store/sqlite/record-writer.ts).
import { describe, expect, it } from 'vitest';
import { openStore, type AuditEventRecord, type KyselyStore } from '../../src/store/index.ts';
import { auditRecord } from '../support/audit-records.ts';
import { useStore } from '../support/store-fixture.ts';
import { BACKENDS } from '../support/test-server.ts';

const ACCOUNT = '222222222222';
function event(overrides: Partial<AuditEventRecord> = {}): AuditEventRecord {
  return auditRecord(ACCOUNT, overrides);
}

async function eventsOf(store: KyselyStore, name: string): Promise<AuditEventRecord[]> {
  return store.read((r) =>
    r.auditEvents.lookup({ accountId: ACCOUNT, attribute: { key: 'EventName', value: name }, limit: 10_000 }),
  );
}

describe.each(BACKENDS)('appendRecords on %s', (backend) => {
  const fixture = useStore(backend, 'append');
  const store = (): KyselyStore => fixture.store;

  it('writes a batch that the request connection then reads, resources included', async () => {
    const batch = Array.from({ length: 450 }, () => event({ eventName: 'Batch' }));
    await store().appendRecords((r) => r.auditEvents.insert(batch));
    const stored = await eventsOf(store(), 'Batch');
    expect(stored.map((e) => e.eventId).sort()).toEqual(batch.map((e) => e.eventId).sort());
    const name = batch[7]!.resources[0]!.name;
    const byResource = await store().read((r) =>
      r.auditEvents.lookup({ accountId: ACCOUNT, attribute: { key: 'ResourceName', value: name }, limit: 5 }),
    );
    expect(byResource.map((e) => e.eventId)).toEqual([batch[7]!.eventId]);
  });

  it('is one transaction: a batch whose last insert fails leaves none of its events', async () => {
    const first = event({ eventName: 'Doomed' });
    await store().appendRecords((r) => r.auditEvents.insert([first]));
    const batch = Array.from({ length: 300 }, () => event({ eventName: 'Doomed' }));
    // the same (account, event id) again: the primary key refuses the last chunk
    await expect(
      store().appendRecords(async (r) => {
        await r.auditEvents.insert(batch);
        await r.auditEvents.insert([first]);
      }),
    ).rejects.toThrow();
    expect((await eventsOf(store(), 'Doomed')).map((e) => e.eventId)).toEqual([first.eventId]);
  });

  it('never refuses a record write that reads before it writes while batches commit beside it', async () => {
    const seed = event({ eventName: 'Contended' });
    await store().appendRecords((r) => r.auditEvents.insert([seed]));
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      writes.push(
        store().appendRecords((r) =>
          r.auditEvents.insert(Array.from({ length: 100 }, () => event({ eventName: 'Contended' }))),
        ),
      );
      writes.push(
        store().writeRecords(async (r) => {
          const [found] = await r.auditEvents.lookup({
            accountId: ACCOUNT,
            attribute: { key: 'EventId', value: seed.eventId },
            limit: 1,
          });
          // a pause between the read and the write, for other commits to land in
          await new Promise((resolve) => setTimeout(resolve, 2));
          await r.auditEvents.setResponseElements(ACCOUNT, found!.eventId, JSON.stringify({ round: i }));
        }),
      );
    }
    await Promise.all(writes);
    expect(await eventsOf(store(), 'Contended')).toHaveLength(1 + 40 * 100);
    const [seedNow] = await store().read((r) =>
      r.auditEvents.lookup({
        accountId: ACCOUNT,
        attribute: { key: 'EventId', value: seed.eventId },
        limit: 1,
      }),
    );
    // the last of the forty to commit (their order is the pool's on PostgreSQL)
    expect(JSON.parse(seedNow!.responseElements!)).toEqual({ round: expect.any(Number) as number });
  });
});

// SQLite only: the worker thread is closed with the store, after the batches already begun
describe('appendRecords on sqlite, as the store closes', () => {
  const fixture = useStore('sqlite', 'append-close');
  const store = (): KyselyStore => fixture.store;

  it('finishes the batches already sent when the store closes', async () => {
    const other = await openStore(fixture.config);
    const batches = Array.from({ length: 6 }, () =>
      Array.from({ length: 200 }, () => event({ eventName: 'Closing' })),
    );
    const sent = batches.map((b) => other.appendRecords((r) => r.auditEvents.insert(b)));
    await other.close();
    await Promise.all(sent);
    expect(await eventsOf(store(), 'Closing')).toHaveLength(6 * 200);
    await expect(other.appendRecords((r) => r.auditEvents.insert([event()]))).rejects.toThrow();
  });
});
