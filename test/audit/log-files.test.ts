// The audit trail delivered as a CloudTrail trail delivers it, checked against CloudTrail's documented
// formats (log file names and {"Records":[...]}, the digest file structure, the data-signing string
// of "custom implementations of log file integrity validation") and verified the way
// `aws cloudtrail validate-logs` verifies: events become five-minute log files once the window has
// closed (plus 30 s), their records exactly what LookupEvents returns; every hour gets a signed digest
// chained to the one before, empty hours included; and tampering with the files — a log file modified,
// deleted, added, swapped or renamed, a digest deleted or modified — is reported by file, with the
// real `tessera audit verify` exiting non-zero.
import type { Digest } from '../../src/audit/digest.ts';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { CreateUserCommand, GetUserCommand, IAMClient, ListUsersCommand } from '@aws-sdk/client-iam';
import { execFile } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataToSign, sha256Hex } from '../../src/audit/digest.ts';
import { formatVerifyResult, verifyLogs, type VerifyResult } from '../../src/audit/verify-logs.ts';
import { auditLogDirOf } from '../../src/config/load.ts';
import { BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const HOUR = 3_600_000;
const MAIN = path.resolve(import.meta.dirname, '../../src/cli/main.ts');
type Json = Record<string, unknown>;

/** A digest as read back from its file: the shape Tessera writes. */
type DigestJson = Digest;

function tessera(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', MAIN, ...args],
      { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== 'number') reject(err);
        else resolve({ status: err ? Number(err.code) : 0, stdout, stderr });
      },
    );
  });
}

describe.each(BACKENDS)('log files and digest files on %s', (backend) => {
  // an hour in the past, on the hour: every time below is an offset from it
  const H0 = Math.floor(Date.now() / HOUR) * HOUR - 6 * HOUR;
  const at = (offsetMs: number) => new Date(H0 + offsetMs);
  const MIN = 60_000;
  let now = at(2 * MIN);
  let t: TestServer;
  let dir: string;
  const client = () => ({
    endpoint: t.url,
    region: REGION,
    credentials: t.root,
    maxAttempts: 1,
    systemClockOffset: now.getTime() - Date.now(),
  });
  const iam = () => new IAMClient(client());
  const deliver = async () => {
    await t.server.services.audit!.flush();
    return t.server.services.auditDelivery!.deliverNow();
  };
  const gunzipJson = <T>(key: string): T =>
    JSON.parse(gunzipSync(readFileSync(path.join(dir, key))).toString()) as T;
  const publicKeys = async () =>
    (
      (await (await fetch(`${t.url}/_tessera/audit/public-keys?account=${ACCOUNT}`)).json()) as {
        PublicKeyList: {
          Value: string;
          Fingerprint: string;
          ValidityStartTime: number;
          ValidityEndTime: null;
        }[];
      }
    ).PublicKeyList;
  const verifyCopy = async (copy: string): Promise<VerifyResult> =>
    verifyLogs({
      dir: copy,
      accountId: ACCOUNT,
      region: REGION,
      publicKeys: await publicKeys(),
      to: at(4 * HOUR),
    });
  const copyOfLogs = (): string => {
    const copy = mkdtempSync(path.join(tmpdir(), 'tessera-audit-copy-'));
    cpSync(dir, copy, { recursive: true });
    return copy;
  };
  const problems = (r: VerifyResult) =>
    r.findings.filter((f) => !f.valid).map((f) => `${f.key}\t${f.message}`);

  let firstHourLogs: string[] = [];
  let digests: string[] = [];

  beforeAll(async () => {
    t = await startTestServer(backend, { clock: { now: () => now } });
    dir = auditLogDirOf(t.config);
    // no delivery by the server's own timer: each test delivers when its clock says
    await t.server.services.auditDelivery!.stop();
    // hour 0: two windows with events (H0+2m and H0+12m)
    await iam().send(new CreateUserCommand({ UserName: 'alice' }));
    await iam().send(new ListUsersCommand({}));
    now = at(12 * MIN);
    await iam().send(new GetUserCommand({ UserName: 'alice' }));
    await iam().send(new CreateUserCommand({ UserName: 'bob' }));
  });

  afterAll(async () => {
    await t?.destroy();
  });

  it('delivers nothing before a window has closed and 30 seconds have passed', async () => {
    now = at(15 * MIN + 20_000);
    const early = await deliver();
    expect(early.logFiles).toHaveLength(1); // the window of H0+2m only: H0+10m..15m closes at 15m30s
    expect(early.logFiles[0]).toMatch(/_CloudTrail_us-east-1_\d{8}T\d{2}05Z_[A-Za-z0-9]{16}\.json\.gz$/);
    expect(early.digestFiles).toEqual([]);
    now = at(15 * MIN + 31_000);
    const later = await deliver();
    expect(later.logFiles).toHaveLength(1);
    expect(later.logFiles[0]).toMatch(/T\d{2}15Z_/);
    firstHourLogs = [...early.logFiles, ...later.logFiles];
    // nothing twice
    expect((await deliver()).logFiles).toEqual([]);
  });

  it('names log files as CloudTrail does and fills them with exactly what LookupEvents returns', async () => {
    const day = at(0).toISOString().slice(0, 10).replaceAll('-', '/');
    for (const key of firstHourLogs) {
      expect(
        key.startsWith(`AWSLogs/${ACCOUNT}/CloudTrail/${REGION}/${day}/${ACCOUNT}_CloudTrail_${REGION}_`),
      ).toBe(true);
      expect(existsSync(path.join(dir, key))).toBe(true);
    }
    const records = firstHourLogs.flatMap((key) => {
      const body = gunzipJson<{ Records: Json[] }>(key);
      expect(Object.keys(body)).toEqual(['Records']);
      return body.Records;
    });
    const looked = await new CloudTrailClient(client()).send(
      new LookupEventsCommand({ StartTime: at(0), EndTime: at(HOUR - 1000) }),
    );
    const expected = looked.Events!.map((e) => JSON.parse(e.CloudTrailEvent!) as Json).reverse();
    expect(records.map((r) => r.eventName).sort()).toEqual([
      'CreateUser',
      'CreateUser',
      'GetUser',
      'ListUsers',
    ]);
    expect(records).toEqual(expected);
    // CreateUser's responseElements were set after its event was committed: the file has them too
    const alice = records.find(
      (r) => (r.requestParameters as { userName?: string } | null)?.userName === 'alice',
    );
    expect((alice!.responseElements as { user: { userName: string } }).user.userName).toBe('alice');
  });

  it('writes an hourly digest, empty hours included, each signed and chained to the one before', async () => {
    // hour 1: events at H0+1h+7m (the LookupEvents call above was made at H0+15m31s, in hour 0)
    now = at(HOUR + 7 * MIN);
    await iam().send(new CreateUserCommand({ UserName: 'carol' }));
    now = at(3 * HOUR + MIN);
    const report = await deliver();
    digests = report.digestFiles;
    expect(digests).toHaveLength(3);
    const [d0, d1, d2] = digests.map((key) => gunzipJson<DigestJson>(key));
    const keys = await publicKeys();
    expect(keys).toHaveLength(1);
    const publicKey = createPublicKey({
      key: Buffer.from(keys[0]!.Value, 'base64'),
      format: 'der',
      type: 'pkcs1',
    });
    expect(publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);

    expect(digests[0]).toBe(
      `AWSLogs/${ACCOUNT}/CloudTrail-Digest/${REGION}/${at(HOUR).toISOString().slice(0, 10).replaceAll('-', '/')}/` +
        `${ACCOUNT}_CloudTrail-Digest_${REGION}_tessera_${REGION}_${at(HOUR)
          .toISOString()
          .replace(/[-:]/g, '')
          .replace(/\.\d{3}/, '')}.json.gz`,
    );
    expect(Object.keys(d0!)).toEqual([
      'awsAccountId',
      'digestStartTime',
      'digestEndTime',
      'digestS3Bucket',
      'digestS3Object',
      'digestPublicKeyFingerprint',
      'digestSignatureAlgorithm',
      'newestEventTime',
      'oldestEventTime',
      'previousDigestS3Bucket',
      'previousDigestS3Object',
      'previousDigestHashValue',
      'previousDigestHashAlgorithm',
      'previousDigestSignature',
      'logFiles',
    ]);
    expect(d0).toMatchObject({
      awsAccountId: ACCOUNT,
      digestStartTime: at(0).toISOString().replace('.000', ''),
      digestEndTime: at(HOUR).toISOString().replace('.000', ''),
      digestS3Bucket: 'tessera-audit',
      digestS3Object: digests[0],
      digestPublicKeyFingerprint: keys[0]!.Fingerprint,
      digestSignatureAlgorithm: 'SHA256withRSA',
      oldestEventTime: at(2 * MIN)
        .toISOString()
        .replace('.000', ''),
      newestEventTime: at(15 * MIN + 31_000)
        .toISOString()
        .replace('.000', ''),
      // the first digest of a chain (CloudTrail's "starting digest file")
      previousDigestS3Bucket: null,
      previousDigestS3Object: null,
      previousDigestHashValue: null,
      previousDigestHashAlgorithm: null,
      previousDigestSignature: null,
    });
    // hour 0's three windows (the LookupEvents call is in the third)
    expect(d0!.logFiles.map((l) => l.s3Object)).toEqual([...firstHourLogs, ...report.logFiles.slice(0, 1)]);
    for (const log of d0!.logFiles) {
      expect(log.hashAlgorithm).toBe('SHA-256');
      // the hash of the uncompressed content, as CloudTrail hashes log files
      expect(log.hashValue).toBe(sha256Hex(gunzipSync(readFileSync(path.join(dir, log.s3Object)))));
    }
    expect(d1!.logFiles).toHaveLength(1);
    expect(d1!.logFiles[0]!.s3Object).toMatch(/T\d{2}10Z_/);
    // an hour without calls still has its digest
    expect(d2).toMatchObject({ logFiles: [], newestEventTime: null, oldestEventTime: null });

    const digestsInOrder = [d0!, d1!, d2!];
    for (const [i, d] of digestsInOrder.entries()) {
      const uncompressed = gunzipSync(readFileSync(path.join(dir, digests[i]!)));
      const metadata = JSON.parse(readFileSync(path.join(dir, `${digests[i]!}.metadata.json`), 'utf8')) as {
        signature: string;
        'signature-algorithm': string;
      };
      expect(metadata['signature-algorithm']).toBe('SHA256withRSA');
      // CloudTrail's data-signing string, verified with the published key
      const signed =
        `${d.digestEndTime}\n${d.digestS3Bucket}/${d.digestS3Object}\n${sha256Hex(uncompressed)}\n` +
        `${d.previousDigestSignature ?? 'null'}`;
      expect(dataToSign(d, sha256Hex(uncompressed))).toBe(signed);
      expect(verify('sha256', Buffer.from(signed), publicKey, Buffer.from(metadata.signature, 'hex'))).toBe(
        true,
      );
      const previous = digestsInOrder[i - 1];
      if (previous) {
        expect(d.previousDigestS3Object).toBe(digests[i - 1]);
        expect(d.previousDigestS3Bucket).toBe('tessera-audit');
        expect(d.previousDigestHashAlgorithm).toBe('SHA-256');
        expect(d.previousDigestHashValue).toBe(
          sha256Hex(gunzipSync(readFileSync(path.join(dir, digests[i - 1]!)))),
        );
        const previousMetadata = JSON.parse(
          readFileSync(path.join(dir, `${digests[i - 1]!}.metadata.json`), 'utf8'),
        ) as { signature: string };
        expect(d.previousDigestSignature).toBe(previousMetadata.signature);
      }
    }
  });

  it('verifies the untouched files as validate-logs would', async () => {
    const result = await verifyLogs({
      dir,
      accountId: ACCOUNT,
      region: REGION,
      publicKeys: await publicKeys(),
      from: at(0),
      to: at(4 * HOUR),
    });
    expect(problems(result)).toEqual([]);
    expect([result.validDigests, result.invalidDigests, result.validLogs, result.invalidLogs]).toEqual([
      3, 0, 4, 0,
    ]);
    const { out, err } = formatVerifyResult(result);
    expect(err).toBe('');
    expect(out).toContain(
      `Results requested for ${at(0).toISOString().replace('.000', '')} to ${at(4 * HOUR)
        .toISOString()
        .replace('.000', '')}`,
    );
    expect(out).toContain(
      `Results found for ${at(0).toISOString().replace('.000', '')} to ${at(3 * HOUR)
        .toISOString()
        .replace('.000', '')}:`,
    );
    expect(out).toContain('3/3 digest files valid');
    expect(out).toContain('4/4 log files valid');
  });

  it('reports a modified log file', async () => {
    const copy = copyOfLogs();
    const key = firstHourLogs[0]!;
    const body = gunzipJson<{ Records: Json[] }>(key);
    body.Records[0]!.sourceIPAddress = '203.0.113.9';
    writeFileSync(path.join(copy, key), gzipSync(JSON.stringify(body)));
    expect(problems(await verifyCopy(copy))).toEqual([`${key}\tINVALID: hash value doesn't match`]);
    rmSync(copy, { recursive: true });
  });

  it('reports a deleted log file', async () => {
    const copy = copyOfLogs();
    const key = firstHourLogs[1]!;
    rmSync(path.join(copy, key));
    expect(problems(await verifyCopy(copy))).toEqual([`${key}\tINVALID: not found`]);
    rmSync(copy, { recursive: true });
  });

  it('reports a log file that no digest lists', async () => {
    const copy = copyOfLogs();
    const key = firstHourLogs[0]!.replace(/_[A-Za-z0-9]{16}\.json\.gz$/, '_AAAAAAAAAAAAAAAA.json.gz');
    writeFileSync(path.join(copy, key), gzipSync('{"Records":[]}'));
    expect(problems(await verifyCopy(copy))).toEqual([`${key}\tINVALID: not listed in any digest`]);
    rmSync(copy, { recursive: true });
  });

  it('reports log files whose contents were swapped, and one renamed', async () => {
    const copy = copyOfLogs();
    const [a, b] = firstHourLogs as [string, string];
    const bytesA = readFileSync(path.join(copy, a));
    writeFileSync(path.join(copy, a), readFileSync(path.join(copy, b)));
    writeFileSync(path.join(copy, b), bytesA);
    expect(problems(await verifyCopy(copy)).sort()).toEqual(
      [`${a}\tINVALID: hash value doesn't match`, `${b}\tINVALID: hash value doesn't match`].sort(),
    );
    rmSync(copy, { recursive: true });

    const renamed = copyOfLogs();
    const moved = a.replace(/_[A-Za-z0-9]{16}\.json\.gz$/, '_renamedrenamed00.json.gz');
    renameSync(path.join(renamed, a), path.join(renamed, moved));
    expect(problems(await verifyCopy(renamed)).sort()).toEqual(
      [`${a}\tINVALID: not found`, `${moved}\tINVALID: not listed in any digest`].sort(),
    );
    rmSync(renamed, { recursive: true });
  });

  it('reports a deleted or modified digest file, and a digest moved from its place', async () => {
    const deleted = copyOfLogs();
    rmSync(path.join(deleted, digests[1]!));
    const r1 = await verifyCopy(deleted);
    expect(problems(r1)).toEqual([`${digests[1]}\tINVALID: not found`]);
    expect([r1.validDigests, r1.invalidDigests]).toEqual([2, 1]);
    rmSync(deleted, { recursive: true });

    const modified = copyOfLogs();
    const d = gunzipJson<DigestJson>(digests[1]!);
    d.logFiles = [];
    writeFileSync(path.join(modified, digests[1]!), gzipSync(JSON.stringify(d)));
    expect(problems(await verifyCopy(modified))).toEqual([
      `${digests[1]}\tINVALID: hash value doesn't match the previousDigestHashValue of the digest after it`,
    ]);
    // the newest digest, signed only by its own signature file
    const newest = gunzipJson<DigestJson>(digests[2]!);
    newest.newestEventTime = newest.digestEndTime;
    writeFileSync(path.join(modified, digests[2]!), gzipSync(JSON.stringify(newest)));
    expect(problems(await verifyCopy(modified))).toContain(
      `${digests[2]}\tINVALID: signature verification failed`,
    );
    rmSync(modified, { recursive: true });

    const swapped = copyOfLogs();
    writeFileSync(path.join(swapped, digests[0]!), readFileSync(path.join(dir, digests[1]!)));
    expect(problems(await verifyCopy(swapped))).toEqual([
      `${digests[0]}\tINVALID: has been moved from its original location`,
    ]);
    rmSync(swapped, { recursive: true });
  });

  it('publishes the public keys as ListPublicKeys lists them', async () => {
    const keys = await publicKeys();
    const state = await t.server.store.read((r) => r.auditDelivery.state(ACCOUNT));
    expect(keys[0]).toMatchObject({
      ValidityEndTime: null,
      Fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(typeof keys[0]!.ValidityStartTime).toBe('number');
    expect(state?.lastDigestObject).toBe(digests[2]);
    const bad = await fetch(`${t.url}/_tessera/audit/public-keys?account=nope`);
    expect(bad.status).toBe(400);
    const none = await (await fetch(`${t.url}/_tessera/audit/public-keys?account=999999999999`)).json();
    expect(none).toEqual({ PublicKeyList: [] });
    // the private key is sealed at rest
    const rows = await t.server.store.rawRows('audit_signing_keys');
    expect(String(rows[0]!.sealed_private_key)).toMatch(/^v1\./);
    expect(JSON.stringify(rows)).not.toContain('PRIVATE KEY');
  });

  it('runs as `tessera audit verify` beside the server: exit 0 when intact, 1 with each problem named', async () => {
    const env = {
      TESSERA_DATA_DIR: t.config.dataDir,
      TESSERA_DATABASE_URL: t.config.databaseUrl ?? '',
    };
    const range = ['--from', at(0).toISOString(), '--to', at(4 * HOUR).toISOString()];
    const intact = await tessera(['audit', 'verify', '--account', ACCOUNT, ...range], env);
    expect(intact.stderr).not.toContain('INVALID');
    expect(intact.stdout).toContain('3/3 digest files valid');
    expect(intact.stdout).toContain('4/4 log files valid');
    expect(intact.status).toBe(0);

    const copy = copyOfLogs();
    rmSync(path.join(copy, firstHourLogs[0]!));
    const broken = await tessera(['audit', 'verify', '--dir', copy, ...range], env);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(`Log file\ts3://tessera-audit/${firstHourLogs[0]}\tINVALID: not found`);
    expect(broken.stdout).toContain('3/4 log files valid, 1/4 log files INVALID');
    rmSync(copy, { recursive: true });

    // the newest digest deleted: the store still knows it was written
    const headless = copyOfLogs();
    rmSync(path.join(headless, digests[2]!));
    rmSync(path.join(headless, `${digests[2]!}.metadata.json`));
    const truncated = await tessera(['audit', 'verify', '--dir', headless, ...range], env);
    expect(truncated.status).toBe(1);
    expect(truncated.stderr).toContain(`Digest file\ts3://tessera-audit/${digests[2]}\tINVALID: not found`);
    rmSync(headless, { recursive: true });

    const keys = await tessera(['audit', 'public-keys', '--account', ACCOUNT], env);
    expect(keys.stdout).toContain('-----BEGIN PUBLIC KEY-----');
    expect(keys.stdout).toContain((await publicKeys())[0]!.Fingerprint);
  }, 120_000); // three `tessera` processes, each seconds on a loaded machine
});
