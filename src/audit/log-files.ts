// CloudTrail log files: where a trail puts them, what they are called and what they hold, as
// CloudTrail documents them (log file examples, "finding your CloudTrail log files"):
//   AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<unique>.json.gz
// a gzip of {"Records":[...]}, the 16-character unique part only there to keep names apart. Tessera
// writes one file per account and five-minute window that has events (more when a window holds more
// than MAX_RECORDS_PER_FILE), named for the window's end: the time it counts as delivered.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { AuditEventRecord } from '../store/index.ts';
import { cloudTrailEventJson } from './audit-rows.ts';
import { eventTimeString } from './event-dates.ts';

/** Log files are delivered for windows of this length (CloudTrail: about every five minutes). */
export const WINDOW_MS = 5 * 60 * 1000;
/** Records in one file at most; a busier window is delivered as several files. */
export const MAX_RECORDS_PER_FILE = 10_000;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY/MM/DD` of a time (UTC): the folders of a day. */
export function dayPath(at: Date): string {
  return `${at.getUTCFullYear()}/${pad(at.getUTCMonth() + 1)}/${pad(at.getUTCDate())}`;
}

/** `YYYYMMDDTHHmmZ` (log files) or, with seconds, `YYYYMMDDTHHmmssZ` (digest files). */
export function compactTime(at: Date, seconds: boolean): string {
  return (
    `${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}T` +
    `${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${seconds ? pad(at.getUTCSeconds()) : ''}Z`
  );
}

/** The start of the five-minute window holding `at`. */
export function windowStart(at: Date): Date {
  return new Date(Math.floor(at.getTime() / WINDOW_MS) * WINDOW_MS);
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * The 16-character unique part of a log file's name. Derived from the account, the window and the
 * part, so that delivering a window again (after a crash before its progress was committed) writes
 * the same file rather than a second one.
 */
export function uniqueString(accountId: string, windowEnd: Date, part: number): string {
  const hash = createHash('sha256').update(`${accountId}/${windowEnd.toISOString()}/${part}`).digest();
  let out = '';
  for (let i = 0; i < 16; i++) out += BASE62[hash[i]! % 62];
  return out;
}

/** The object key of a log file: where it goes under the output directory (the "bucket"). */
export function logFileKey(accountId: string, region: string, deliveredAt: Date, unique: string): string {
  return (
    `AWSLogs/${accountId}/CloudTrail/${region}/${dayPath(deliveredAt)}/` +
    `${accountId}_CloudTrail_${region}_${compactTime(deliveredAt, false)}_${unique}.json.gz`
  );
}

/** A log file's name read back: its account, region and delivery time (to the minute). */
export function parseLogFileName(
  name: string,
): { accountId: string; region: string; deliveredAt: Date } | undefined {
  const m =
    /^(\d{12})_CloudTrail_([a-z0-9-]+)_(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)Z_[A-Za-z0-9]+\.json\.gz$/.exec(name);
  if (!m) return undefined;
  const [, accountId, region, y, mo, d, h, mi] = m;
  return {
    accountId: accountId!,
    region: region!,
    deliveredAt: new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi))),
  };
}

/** A log file ready to write: its key, its bytes, and what a digest says of it. */
export interface LogFile {
  key: string;
  /** The gzip of `{"Records":[...]}`. */
  gzipped: Buffer;
  /** Hex SHA-256 of the uncompressed content (what digests list, as CloudTrail hashes log files). */
  hashValue: string;
  oldestEventTime: string;
  newestEventTime: string;
}

/** The uncompressed content of a log file: each record as LookupEvents returns it, in time order. */
export function logFileContent(events: readonly AuditEventRecord[]): string {
  return `{"Records":[${events.map(cloudTrailEventJson).join(',')}]}`;
}

/** Builds the log file of one account's events of one window (in time order, at least one). */
export function buildLogFile(
  accountId: string,
  region: string,
  deliveredAt: Date,
  part: number,
  events: readonly AuditEventRecord[],
): LogFile {
  const first = events[0];
  const last = events[events.length - 1];
  if (!first || !last) throw new Error('a log file needs at least one event');
  const content = Buffer.from(logFileContent(events), 'utf8');
  return {
    key: logFileKey(accountId, region, deliveredAt, uniqueString(accountId, deliveredAt, part)),
    gzipped: gzipSync(content),
    hashValue: createHash('sha256').update(content).digest('hex'),
    oldestEventTime: eventTimeString(new Date(first.eventTime)),
    newestEventTime: eventTimeString(new Date(last.eventTime)),
  };
}
