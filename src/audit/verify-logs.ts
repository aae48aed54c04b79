// Verifying delivered log files the way `aws cloudtrail validate-logs` does (its traversal, its checks
// and its messages), over a directory instead of a bucket: start with the newest digest in the range,
// check that it sits where it says it does, check its signature with the account's public key (the
// signature of the newest digest from its `.metadata.json`, of every older one from the digest after
// it), check the SHA-256 of each log file it lists, then follow previousDigestS3Object back in time;
// a missing or invalid digest is reported and the next older one in the directory taken up. Beyond
// validate-logs, the previous digest's hash is checked against previousDigestHashValue, the newest
// digest the store recorded must be present, and a log file that no digest of the hours it covers
// lists is reported as added.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { KeyObject } from 'node:crypto';
import {
  type Digest,
  type DigestMetadata,
  digestTime,
  parseDigestFileName,
  publicKeyFromValue,
  sha256Hex,
  SIGNATURE_FILE_SUFFIX,
  verifyDigestSignature,
} from './digest.ts';
import { parseLogFileName } from './log-files.ts';
import { DEFAULT_BUCKET, DEFAULT_TRAIL_NAME } from './delivery.ts';

const HOUR_MS = 60 * 60 * 1000;

export interface VerifyOptions {
  /** The directory delivery writes to (it holds `AWSLogs/…`). */
  dir: string;
  accountId: string;
  region: string;
  trailName?: string;
  /** The bucket named in messages when a digest cannot be read for its own. */
  bucket?: string;
  /** The account's public keys, as ListPublicKeys lists them (Value: base64 DER, PKCS #1). */
  publicKeys: readonly { Value: string; Fingerprint: string }[];
  /** Digests ending at or after this are checked (default: the oldest digest's start). */
  from?: Date;
  /** Digests ending up to an hour after this are checked. */
  to: Date;
  /** The newest digest the store recorded: if it was deleted, that is reported. */
  head?: { digestS3Object: string };
}

/** One line of the result: a digest or log file and what was found. */
export interface VerifyFinding {
  file: 'Digest file' | 'Log file';
  /** `s3://bucket/key`, as validate-logs names files. */
  location: string;
  /** The key under the directory. */
  key: string;
  valid: boolean;
  /** `valid` or `INVALID: …`. */
  message: string;
}

export interface VerifyResult {
  accountId: string;
  requestedStart: Date;
  requestedEnd: Date;
  foundStart: Date | undefined;
  foundEnd: Date | undefined;
  /** Every digest and log file checked (and added log file found), newest digest first. */
  findings: VerifyFinding[];
  /** Periods without digests between two chains (not a failure). */
  gaps: string[];
  validDigests: number;
  invalidDigests: number;
  validLogs: number;
  invalidLogs: number;
}

class DigestProblem extends Error {}

/** Object keys (posix) of the files under `root`, relative to `dir`; none when `root` does not exist. */
async function keysUnder(dir: string, root: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(path.join(dir, root), { recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return names.map((n) => `${root}/${n.split(path.sep).join('/')}`);
}

async function readOrUndefined(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return undefined;
    throw err;
  }
}

const REQUIRED_DIGEST_FIELDS = [
  'digestPublicKeyFingerprint',
  'digestS3Bucket',
  'digestS3Object',
  'previousDigestSignature',
  'digestEndTime',
  'digestStartTime',
] as const;

/** Verifies one account's digest chain and log files in a directory. */
export async function verifyLogs(options: VerifyOptions): Promise<VerifyResult> {
  const { dir, accountId, region } = options;
  const trailName = options.trailName ?? DEFAULT_TRAIL_NAME;
  const fallbackBucket = options.bucket ?? DEFAULT_BUCKET;
  const keys = new Map<string, KeyObject | undefined>();
  for (const k of options.publicKeys) {
    try {
      keys.set(k.Fingerprint, publicKeyFromValue(k.Value));
    } catch {
      keys.set(k.Fingerprint, undefined);
    }
  }

  // the digests of this account, region and trail in the range, oldest first
  const digestRoot = `AWSLogs/${accountId}/CloudTrail-Digest/${region}`;
  const named = (await keysUnder(dir, digestRoot)).flatMap((key) => {
    const parsed = parseDigestFileName(path.posix.basename(key));
    return parsed &&
      parsed.accountId === accountId &&
      parsed.region === region &&
      parsed.trailName === trailName
      ? [{ key, end: parsed.end }]
      : [];
  });
  if (options.head && !named.some((d) => d.key === options.head!.digestS3Object)) {
    const parsed = parseDigestFileName(path.posix.basename(options.head.digestS3Object));
    if (parsed) named.push({ key: options.head.digestS3Object, end: parsed.end });
  }
  named.sort((a, b) => a.end.getTime() - b.end.getTime() || (a.key < b.key ? -1 : 1));
  const requestedEnd = options.to;
  const requestedStart =
    options.from ?? (named[0] ? new Date(named[0].end.getTime() - HOUR_MS) : requestedEnd);
  const digests = named.filter(
    (d) => d.end >= requestedStart && d.end.getTime() <= requestedEnd.getTime() + HOUR_MS,
  );

  const result: VerifyResult = {
    accountId,
    requestedStart,
    requestedEnd,
    foundStart: undefined,
    foundEnd: undefined,
    findings: [],
    gaps: [],
    validDigests: 0,
    invalidDigests: 0,
    validLogs: 0,
    invalidLogs: 0,
  };
  const report = (finding: Omit<VerifyFinding, 'valid'>): void => {
    const valid = finding.message === 'valid';
    result.findings.push({ ...finding, valid });
    if (finding.file === 'Digest file') {
      if (valid) result.validDigests++;
      else result.invalidDigests++;
    } else if (valid) result.validLogs++;
    else result.invalidLogs++;
  };
  /** What the digests checked say of each hour: listed log files, or that the hour cannot be judged. */
  const listed = new Set<string>();
  const covered: { start: number; end: number }[] = [];
  const unjudged: { start: number; end: number }[] = [];

  /** The newest digest older than `before` (by the time in its name), taken off the list. */
  const nextOlder = (before: string | undefined): { key: string; end: Date } | undefined => {
    const beforeEnd = before ? parseDigestFileName(path.posix.basename(before))?.end : undefined;
    while (digests.length > 0) {
      const candidate = digests.pop()!;
      if (!beforeEnd || candidate.end < beforeEnd) return candidate;
    }
    return undefined;
  };

  let current = nextOlder(undefined);
  let key = current?.key;
  let lastStart = current?.end;
  /** What the digest after this one says of it (when the chain led here). */
  let fromChain: { signature: string | null; hash: string | null } | undefined;
  const visited = new Set<string>();
  while (key !== undefined && lastStart !== undefined && requestedStart <= lastStart && !visited.has(key)) {
    visited.add(key);
    const location = (bucket: string) => `s3://${bucket}/${key}`;
    const keyEnd = parseDigestFileName(path.posix.basename(key))?.end;
    const judgeLater = () => {
      if (keyEnd) unjudged.push({ start: keyEnd.getTime() - HOUR_MS, end: keyEnd.getTime() });
    };
    const bytes = await readOrUndefined(path.join(dir, key));
    if (bytes === undefined) {
      report({ file: 'Digest file', location: location(fallbackBucket), key, message: 'INVALID: not found' });
      judgeLater();
      current = nextOlder(key);
      key = current?.key;
      fromChain = undefined;
      continue;
    }
    let digest: Digest;
    let inflated: Buffer;
    try {
      try {
        inflated = gunzipSync(bytes);
        digest = JSON.parse(inflated.toString('utf8')) as Digest;
        if (typeof digest !== 'object' || digest === null || !Array.isArray(digest.logFiles))
          throw new Error('not a digest');
        for (const field of REQUIRED_DIGEST_FIELDS) if (!(field in digest)) throw new Error(field);
      } catch {
        throw new DigestProblem('INVALID: invalid format');
      }
      if (digest.digestS3Object !== key)
        throw new DigestProblem('INVALID: has been moved from its original location');
      let signature: string | undefined;
      if (fromChain) {
        if (fromChain.hash !== null && sha256Hex(inflated) !== fromChain.hash)
          throw new DigestProblem(
            "INVALID: hash value doesn't match the previousDigestHashValue of the digest after it",
          );
        signature = fromChain.signature ?? undefined;
      } else {
        const metadata = await readOrUndefined(path.join(dir, key + SIGNATURE_FILE_SUFFIX));
        try {
          signature = metadata
            ? (JSON.parse(metadata.toString('utf8')) as DigestMetadata).signature
            : undefined;
        } catch {
          signature = undefined;
        }
      }
      const fingerprint = digest.digestPublicKeyFingerprint;
      if (!keys.has(fingerprint))
        throw new DigestProblem(`INVALID: public key not found for fingerprint ${fingerprint}`);
      const publicKey = keys.get(fingerprint);
      if (!publicKey)
        throw new DigestProblem(`INVALID: Unable to load PKCS #1 key with fingerprint ${fingerprint}`);
      if (typeof signature !== 'string' || !verifyDigestSignature(digest, inflated, signature, publicKey))
        throw new DigestProblem('INVALID: signature verification failed');
    } catch (err) {
      if (!(err instanceof DigestProblem)) throw err;
      report({ file: 'Digest file', location: location(fallbackBucket), key, message: err.message });
      judgeLater();
      current = nextOlder(key);
      key = current?.key;
      fromChain = undefined;
      continue;
    }

    // a valid digest
    const start = new Date(digest.digestStartTime);
    const end = new Date(digest.digestEndTime);
    // the earliest start found, but not before the start asked for
    result.foundStart = start > requestedStart ? start : requestedStart;
    result.foundEnd ??= end < requestedEnd ? end : requestedEnd;
    report({ file: 'Digest file', location: location(digest.digestS3Bucket), key, message: 'valid' });
    covered.push({ start: start.getTime(), end: end.getTime() });
    lastStart = start;
    for (const log of digest.logFiles) {
      listed.add(log.s3Object);
      const logLocation = `s3://${log.s3Bucket}/${log.s3Object}`;
      const content = await readOrUndefined(path.join(dir, log.s3Object));
      let message: string;
      if (content === undefined) message = 'INVALID: not found';
      else {
        let uncompressed: Buffer | undefined;
        try {
          uncompressed = gunzipSync(content);
        } catch {
          uncompressed = undefined;
        }
        if (uncompressed === undefined) message = 'INVALID: invalid format';
        else
          message = sha256Hex(uncompressed) === log.hashValue ? 'valid' : "INVALID: hash value doesn't match";
      }
      report({ file: 'Log file', location: logLocation, key: log.s3Object, message });
    }
    if (digest.previousDigestS3Object === null || digest.previousDigestS3Object === undefined) {
      // a chain's first digest: an older chain may still be in the directory
      current = nextOlder(key);
      if (current)
        result.gaps.push(
          `No log files were delivered between ${digestTime(current.end)} and ${digestTime(start)}`,
        );
      key = current?.key;
      fromChain = undefined;
    } else {
      key = digest.previousDigestS3Object;
      fromChain = { signature: digest.previousDigestSignature, hash: digest.previousDigestHashValue };
    }
  }

  // log files that a digest of their hour should list but none does
  if (covered.length > 0) {
    const spanStart = Math.min(...covered.map((c) => c.start));
    const spanEnd = Math.max(...covered.map((c) => c.end), ...unjudged.map((c) => c.end));
    const within = (t: number, spans: { start: number; end: number }[]) =>
      spans.some((s) => t > s.start && t <= s.end);
    const logKeys = await keysUnder(dir, `AWSLogs/${accountId}/CloudTrail/${region}`);
    for (const logKey of logKeys.sort()) {
      if (listed.has(logKey) || /\.tmp-[0-9a-f]+$/.test(logKey)) continue;
      const parsed = parseLogFileName(path.posix.basename(logKey));
      if (parsed) {
        const t = parsed.deliveredAt.getTime();
        if (t <= spanStart || t > spanEnd || within(t, unjudged)) continue;
      } else if ((await readOrUndefined(path.join(dir, logKey))) === undefined) continue; // a folder
      report({
        file: 'Log file',
        location: `s3://${fallbackBucket}/${logKey}`,
        key: logKey,
        message: 'INVALID: not listed in any digest',
      });
    }
  }
  return result;
}

/** The result as validate-logs prints it: failures (and, verbose, every file) and the summary. */
export function formatVerifyResult(
  result: VerifyResult,
  opts: { verbose?: boolean; dir?: string } = {},
): { out: string; err: string } {
  let out = `Validating log files for account ${result.accountId}${opts.dir ? ` in ${opts.dir}` : ''} between ${digestTime(
    result.requestedStart,
  )} and ${digestTime(result.requestedEnd)}\n\n`;
  let err = '';
  for (const f of result.findings) {
    const line = `${f.file}\t${f.location}\t${f.message}\n`;
    if (!f.valid) err += line;
    else if (opts.verbose) out += line;
  }
  for (const gap of result.gaps) err += `${gap}\n`;
  if (opts.verbose && result.findings.some((f) => f.valid)) out += '\n';
  out += `Results requested for ${digestTime(result.requestedStart)} to ${digestTime(result.requestedEnd)}\n`;
  const digests = result.validDigests + result.invalidDigests;
  if (digests === 0) return { out: out + 'No digests found\n', err };
  if (!result.foundEnd) out += 'No valid digests found in range\n';
  else
    out += `Results found for ${digestTime(result.foundStart ?? result.requestedStart)} to ${digestTime(
      result.foundEnd,
    )}:\n`;
  const ratio = (valid: number, invalid: number, name: string): string => {
    const total = valid + invalid;
    if (total === 0) return '';
    return `\n${valid}/${total} ${name} files valid${invalid > 0 ? `, ${invalid}/${total} ${name} files INVALID` : ''}`;
  };
  out += ratio(result.validDigests, result.invalidDigests, 'digest');
  out += ratio(result.validLogs, result.invalidLogs, 'log');
  return { out: out + '\n', err };
}

/** Whether verification found any problem. */
export function hasProblems(result: VerifyResult): boolean {
  return result.invalidDigests > 0 || result.invalidLogs > 0;
}

/** The accounts that have delivered files in a directory (12-digit folders under AWSLogs/). */
export async function accountsInDirectory(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(path.join(dir, 'AWSLogs'), { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && /^\d{12}$/.test(e.name))
      .map((e) => e.name)
      .sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}
