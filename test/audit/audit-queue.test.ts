// The audit trail's queue as an operator sees it (tessera_audit_queued_events): queued events count
// until their batch commits, a batch that fails is counted again, and a written batch leaves zero.
import { describe, expect, it } from 'vitest';
import { AuditTrail } from '../../src/audit/audit-trail.ts';
import type { AuditEventRecord, Store } from '../../src/store/index.ts';
import { auditRecord } from '../support/audit-records.ts';
import { useStore } from '../support/store-fixture.ts';

const ACCOUNT = '333333333333';
function event(): AuditEventRecord {
  return auditRecord(ACCOUNT);
}

describe('the audit trail queue', () => {
  const fixture = useStore('sqlite', 'audit-queue');

  it('counts events until their batch commits', async () => {
    const trail = new AuditTrail(fixture.store, { retentionDays: 90, now: () => new Date() });
    trail.enqueue([event(), event(), event()]);
    expect(trail.queuedEvents).toBe(3);
    const flushing = trail.flush();
    trail.enqueue([event()]);
    // the batch of three is in flight, the fourth waits for the next one
    expect(trail.queuedEvents).toBe(4);
    await flushing;
    await trail.flush();
    expect(trail.queuedEvents).toBe(0);
    const stored = await fixture.store.read((r) =>
      r.auditEvents.lookup({
        accountId: ACCOUNT,
        attribute: { key: 'EventName', value: 'GetCallerIdentity' },
        limit: 10,
      }),
    );
    expect(stored).toHaveLength(4);
  });

  it('counts a batch that failed again, until a later flush writes it', async () => {
    let refuse = true;
    const store = fixture.store;
    const flaky: Store = {
      dialect: store.dialect,
      write: (accountId, fn) => store.write(accountId, fn),
      read: (fn) => store.read(fn),
      writeRecords: (fn) => store.writeRecords(fn),
      appendRecords: (fn) => (refuse ? Promise.reject(new Error('store down')) : store.appendRecords(fn)),
      onChange: (listener) => store.onChange(listener),
      truncateAll: () => store.truncateAll(),
      health: () => store.health(),
      close: () => store.close(),
    };
    const trail = new AuditTrail(flaky, { retentionDays: 90, now: () => new Date() });
    trail.enqueue([event(), event()]);
    await trail.flush();
    expect(trail.queuedEvents).toBe(2);
    refuse = false;
    await trail.flush();
    expect(trail.queuedEvents).toBe(0);
  });
});
