// Delivering the audit trail as CloudTrail delivers a trail: every closed five-minute window's events
// become one log file per account (the window counts as closed 30 s after its end, since batched
// events commit up to a second late), and every hour each account that has a chain gets a signed
// digest file — also for hours without log files — listing the log files of that hour and chained to
// the previous digest. It runs every minute on one node at a time (the delivery lock), catching up
// every closed window an hour per transaction; files are written (atomically, under names that a
// second attempt reproduces) before the transaction that records them commits.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Sealer } from '../crypto/index.ts';
import type { WarningLog } from '../domain/index.ts';
import type { AuditCursor, AuditDeliveryState, AuditEventRecord, Repos, Store } from '../store/index.ts';
import {
  type Digest,
  DIGEST_PERIOD_MS,
  type DigestMetadata,
  digestFileKey,
  digestTime,
  HASH_ALGORITHM,
  SIGNATURE_ALGORITHM,
  SIGNATURE_FILE_SUFFIX,
  signDigest,
} from './digest.ts';
import { buildLogFile, MAX_RECORDS_PER_FILE, WINDOW_MS, windowStart } from './log-files.ts';
import { SigningKeys } from './signing-keys.ts';

/** The "bucket" digests and log files name: the output directory stands for it. */
export const DEFAULT_BUCKET = 'tessera-audit';
/** The trail name in digest file names. */
export const DEFAULT_TRAIL_NAME = 'tessera';
/** A window is delivered this long after it ends: batched events commit up to a second late. */
export const GRACE_MS = 30_000;
const INTERVAL_MS = 60_000;
/** Events read per query. */
const PAGE = 1_000;

export interface AuditDeliveryOptions {
  /** The output directory: it holds `AWSLogs/…` as a trail's bucket would. */
  dir: string;
  region: string;
  bucket?: string;
  trailName?: string;
  now: () => Date;
  /** How often delivery runs (ms). */
  intervalMs?: number;
  log?: WarningLog;
}

/** What one delivery wrote (object keys), or that another node holds the lock. */
export interface DeliveryReport {
  skipped: boolean;
  logFiles: string[];
  digestFiles: string[];
}

const hourStart = (at: Date): Date =>
  new Date(Math.floor(at.getTime() / DIGEST_PERIOD_MS) * DIGEST_PERIOD_MS);

/** Writes a file whole or not at all: a temporary file, flushed to disk, renamed into place. */
async function writeFileAtomic(file: string, data: Buffer | string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o750 });
  const temporary = `${file}.tmp-${randomBytes(6).toString('hex')}`;
  const handle = await open(temporary, 'w', 0o640);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}

export class AuditDelivery {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<DeliveryReport> | undefined;
  private readonly keys: SigningKeys;
  private readonly bucket: string;
  private readonly trailName: string;

  constructor(
    private readonly store: Store,
    sealer: Sealer,
    private readonly options: AuditDeliveryOptions,
  ) {
    this.keys = new SigningKeys(sealer);
    this.bucket = options.bucket ?? DEFAULT_BUCKET;
    this.trailName = options.trailName ?? DEFAULT_TRAIL_NAME;
  }

  start(): void {
    this.timer = setInterval(() => {
      this.deliverNow().catch((err: unknown) =>
        this.options.log?.warn({ err: String(err) }, 'audit log delivery failed; will retry'),
      );
    }, this.options.intervalMs ?? INTERVAL_MS);
    this.timer.unref();
  }

  /** Delivers every closed window and every due digest now; concurrent callers share one run. */
  deliverNow(): Promise<DeliveryReport> {
    this.running ??= this.catchUp().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async catchUp(): Promise<DeliveryReport> {
    const report: DeliveryReport = { skipped: false, logFiles: [], digestFiles: [] };
    for (;;) {
      // a key pair for the next account that needs one, made outside the transaction
      await this.keys.prepare();
      if (!(await this.step(report))) return report;
    }
  }

  /** One transaction: at most an hour of windows, then the digests that became due. More to do? */
  private step(report: DeliveryReport): Promise<boolean> {
    const now = this.options.now();
    // windows ending at or before this instant are closed, grace included
    const closedUntil = windowStart(new Date(now.getTime() - GRACE_MS));
    return this.store.writeRecords(async (repos) => {
      const delivery = repos.auditDelivery;
      if (!(await delivery.tryLock())) {
        report.skipped = true;
        return false;
      }
      const stored = await delivery.cursor();
      let cursor: Date;
      if (stored !== undefined) cursor = new Date(stored);
      else {
        // the first delivery starts with the oldest event the trail holds
        const [first] = await repos.auditEvents.inOrder({ limit: 1 });
        if (!first) return false;
        cursor = windowStart(new Date(first.eventTime));
      }
      const touched = new Map<string, AuditDeliveryState>();
      if (cursor < closedUntil) {
        const end = new Date(Math.min(closedUntil.getTime(), hourStart(cursor).getTime() + DIGEST_PERIOD_MS));
        await this.deliverLogFiles(repos, cursor, end, touched, report);
        cursor = end;
        await delivery.setCursor(cursor.toISOString());
      }
      for (const state of touched.values()) await delivery.putState(state);
      const due = await delivery.dueForDigest(new Date(cursor.getTime() - DIGEST_PERIOD_MS).toISOString());
      for (const state of due) await this.deliverDigests(repos, state, cursor, now, report);
      return cursor < closedUntil;
    });
  }

  /** Writes the log files of the events in [from, until), one per account and window (or part). */
  private async deliverLogFiles(
    repos: Repos,
    from: Date,
    until: Date,
    touched: Map<string, AuditDeliveryState>,
    report: DeliveryReport,
  ): Promise<void> {
    const open = new Map<string, { windowEnd: Date; part: number; events: AuditEventRecord[] }>();
    const flush = async (accountId: string): Promise<void> => {
      const buffer = open.get(accountId);
      if (!buffer || buffer.events.length === 0) return;
      await this.writeLogFile(
        repos,
        accountId,
        buffer.windowEnd,
        buffer.part,
        buffer.events,
        touched,
        report,
      );
      buffer.part++;
      buffer.events = [];
    };
    let after: AuditCursor = { eventTime: from.toISOString(), eventId: '' };
    for (;;) {
      const page = await repos.auditEvents.inOrder({ from: after, until: until.toISOString(), limit: PAGE });
      for (const event of page) {
        const windowEnd = windowStart(new Date(event.eventTime)).getTime() + WINDOW_MS;
        let buffer = open.get(event.accountId);
        if (buffer && buffer.windowEnd.getTime() !== windowEnd) {
          await flush(event.accountId);
          buffer = undefined;
        }
        if (!buffer) {
          buffer = { windowEnd: new Date(windowEnd), part: 0, events: [] };
          open.set(event.accountId, buffer);
        }
        buffer.events.push(event);
        if (buffer.events.length >= MAX_RECORDS_PER_FILE) await flush(event.accountId);
      }
      const last = page[page.length - 1];
      if (!last || page.length < PAGE) break;
      after = { eventTime: last.eventTime, eventId: last.eventId };
    }
    for (const accountId of open.keys()) await flush(accountId);
  }

  private async writeLogFile(
    repos: Repos,
    accountId: string,
    windowEnd: Date,
    part: number,
    events: readonly AuditEventRecord[],
    touched: Map<string, AuditDeliveryState>,
    report: DeliveryReport,
  ): Promise<void> {
    const file = buildLogFile(accountId, this.options.region, windowEnd, part, events);
    await writeFileAtomic(path.join(this.options.dir, file.key), file.gzipped);
    let state = touched.get(accountId) ?? (await repos.auditDelivery.state(accountId));
    // an account's chain starts with the hour of its first log file
    state ??= {
      accountId,
      deliveredUntil: windowEnd.toISOString(),
      lastDigestEnd: hourStart(new Date(windowEnd.getTime() - WINDOW_MS)).toISOString(),
      lastDigestObject: null,
      lastDigestSignature: null,
      lastDigestHash: null,
      pendingLogFiles: [],
    };
    state.deliveredUntil = windowEnd.toISOString();
    state.pendingLogFiles.push({
      s3Object: file.key,
      hashValue: file.hashValue,
      oldestEventTime: file.oldestEventTime,
      newestEventTime: file.newestEventTime,
      deliveredAt: windowEnd.toISOString(),
    });
    touched.set(accountId, state);
    report.logFiles.push(file.key);
  }

  /** Writes the account's digests for every hour that ended by `until`, each chained to the one before. */
  private async deliverDigests(
    repos: Repos,
    state: AuditDeliveryState,
    until: Date,
    now: Date,
    report: DeliveryReport,
  ): Promise<void> {
    const { region } = this.options;
    let s = state;
    while (Date.parse(s.lastDigestEnd) + DIGEST_PERIOD_MS <= until.getTime()) {
      const start = new Date(s.lastDigestEnd);
      const end = new Date(start.getTime() + DIGEST_PERIOD_MS);
      const listed = s.pendingLogFiles.filter((f) => Date.parse(f.deliveredAt) <= end.getTime());
      const key = digestFileKey(s.accountId, region, this.trailName, end);
      const signingKey = await this.keys.current(repos.auditDelivery, s.accountId, now);
      const times = listed.flatMap((f) => [f.oldestEventTime, f.newestEventTime]).sort();
      const digest: Digest = {
        awsAccountId: s.accountId,
        digestStartTime: digestTime(start),
        digestEndTime: digestTime(end),
        digestS3Bucket: this.bucket,
        digestS3Object: key,
        digestPublicKeyFingerprint: signingKey.keyId,
        digestSignatureAlgorithm: SIGNATURE_ALGORITHM,
        newestEventTime: times[times.length - 1] ?? null,
        oldestEventTime: times[0] ?? null,
        previousDigestS3Bucket: s.lastDigestObject !== null ? this.bucket : null,
        previousDigestS3Object: s.lastDigestObject,
        previousDigestHashValue: s.lastDigestHash,
        previousDigestHashAlgorithm: s.lastDigestObject !== null ? HASH_ALGORITHM : null,
        previousDigestSignature: s.lastDigestSignature,
        logFiles: listed.map((f) => ({
          s3Bucket: this.bucket,
          s3Object: f.s3Object,
          hashValue: f.hashValue,
          hashAlgorithm: HASH_ALGORITHM,
          newestEventTime: f.newestEventTime,
          oldestEventTime: f.oldestEventTime,
        })),
      };
      const signed = signDigest(digest, signingKey.privateKey);
      const metadata: DigestMetadata = {
        signature: signed.signature,
        'signature-algorithm': SIGNATURE_ALGORITHM,
      };
      const file = path.join(this.options.dir, key);
      await writeFileAtomic(file, signed.gzipped);
      await writeFileAtomic(file + SIGNATURE_FILE_SUFFIX, JSON.stringify(metadata) + '\n');
      s = {
        ...s,
        lastDigestEnd: end.toISOString(),
        lastDigestObject: key,
        lastDigestSignature: signed.signature,
        lastDigestHash: signed.hashValue,
        pendingLogFiles: s.pendingLogFiles.filter((f) => !listed.includes(f)),
      };
      report.digestFiles.push(key);
    }
    await repos.auditDelivery.putState(s);
  }
}
