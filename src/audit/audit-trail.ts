// The audit trail's writer. An event of a call that changed something is written inside the
// transaction of that change (commitWith), so neither exists without the other; every other event
// (read-only calls, denials, failures) is queued here and written in batches off the request path,
// at least once a second and on shutdown. Old events are pruned past the retention period, a chunk
// at a time, never holding up requests.
import type { AuditEventRecord, Repos, Store } from '../store/index.ts';
import type { WarningLog } from '../domain/index.ts';

export interface AuditTrailOptions {
  /** How often queued events are written (ms); the README promises durability within one second. */
  flushIntervalMs?: number;
  /** Events older than this many days are pruned. */
  retentionDays: number;
  now: () => Date;
  log?: WarningLog;
}

/** Queued events beyond which the oldest are dropped (and the operator told) while the store is down. */
const MAX_QUEUED = 200_000;
/**
 * Events per flush transaction, so one flush never holds the database (or, on SQLite, the event loop)
 * long: requests are served between chunks.
 */
const FLUSH_CHUNK = 1_000;
const PRUNE_CHUNK = 5_000;
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

export class AuditTrail {
  private queued: AuditEventRecord[] = [];
  private responses: { accountId: string; eventId: string; json: string }[] = [];
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private pruneTimer: NodeJS.Timeout | undefined;
  private dropped = 0;
  /** Events of the batch being written. */
  private inFlight = 0;
  private readonly flushIntervalMs: number;

  constructor(
    private readonly store: Store,
    private readonly options: AuditTrailOptions,
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? 250;
  }

  /** Events queued and not yet written (an event being written counts until its batch commits). */
  get queuedEvents(): number {
    return this.queued.length + this.inFlight;
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.flushIntervalMs);
    this.timer.unref();
    this.pruneTimer = setInterval(() => void this.prune(), PRUNE_INTERVAL_MS);
    this.pruneTimer.unref();
  }

  /** Queues events for the next batch. */
  enqueue(records: readonly AuditEventRecord[]): void {
    this.queued.push(...records);
    if (this.queued.length > MAX_QUEUED) {
      const excess = this.queued.length - MAX_QUEUED;
      this.queued.splice(0, excess);
      this.dropped += excess;
    }
  }

  /** Writes events inside the caller's write transaction: they commit (or roll back) with it. */
  async commitWith(repos: Repos, records: readonly AuditEventRecord[]): Promise<void> {
    await repos.auditEvents.insert(records);
  }

  /** Queues the responseElements of an event already committed with its change. */
  completeResponse(accountId: string, eventId: string, json: string): void {
    this.responses.push({ accountId, eventId, json });
  }

  /** Writes what is queued; concurrent callers share one flush. Never throws (failures are retried). */
  flush(): Promise<void> {
    this.flushing ??= this.writeQueued().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async writeQueued(): Promise<void> {
    if (this.dropped > 0) {
      this.options.log?.warn(
        { dropped: this.dropped },
        'audit events dropped: the store could not take them and the queue was full',
      );
      this.dropped = 0;
    }
    while (this.queued.length > 0 || this.responses.length > 0) {
      const batch = this.queued.splice(0, FLUSH_CHUNK);
      const responses = this.responses.splice(0, FLUSH_CHUNK);
      this.inFlight = batch.length;
      try {
        await this.store.appendRecords(async (repos) => {
          if (batch.length > 0) await repos.auditEvents.insert(batch);
          for (const r of responses)
            await repos.auditEvents.setResponseElements(r.accountId, r.eventId, r.json);
        });
        this.inFlight = 0;
        // let waiting requests run before the next chunk
        if (this.queued.length > 0) await new Promise((resolve) => setImmediate(resolve));
      } catch (err) {
        // put them back in front, in order, for the next flush
        this.inFlight = 0;
        this.queued.unshift(...batch);
        this.responses.unshift(...responses);
        this.options.log?.warn({ err: String(err) }, 'audit events not written yet; will retry');
        return;
      }
    }
  }

  /** Deletes events older than the retention period, one chunk per transaction. */
  async prune(): Promise<number> {
    const before = new Date(this.options.now().getTime() - this.options.retentionDays * 86_400_000);
    let total = 0;
    try {
      for (;;) {
        const n = await this.store.writeRecords((repos) =>
          repos.auditEvents.pruneBefore(before.toISOString(), PRUNE_CHUNK),
        );
        total += n;
        if (n < PRUNE_CHUNK) return total;
        // let requests run between chunks
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (err) {
      this.options.log?.warn({ err: String(err) }, 'audit pruning failed; will retry');
      return total;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    await this.flush();
  }
}
