// CloudTrail digest files, as CloudTrail documents them ("CloudTrail digest file structure" and "custom
// implementations of log file integrity validation"): one an hour per account, naming the log files
// delivered in that hour with the SHA-256 of each one's uncompressed content, and the previous digest
// (its key, hash and signature), so that the files form a chain. Each digest is signed with RSA
// (SHA256withRSA, PKCS #1 v1.5) over the data-signing string
//   digestEndTime \n digestS3Bucket/digestS3Object \n hex(SHA-256(uncompressed digest)) \n previousDigestSignature
// (the text `null` for a chain's first digest, as the AWS CLI's validate-logs builds it). S3 keeps the
// signature in the object's metadata (x-amz-meta-signature, x-amz-meta-signature-algorithm); Tessera,
// which has no S3, writes those two entries beside the digest as `<digest file>.metadata.json`.
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { compactTime, dayPath } from './log-files.ts';

export const SIGNATURE_ALGORITHM = 'SHA256withRSA';
export const HASH_ALGORITHM = 'SHA-256';
/** Digests are hourly, each ending on the hour. */
export const DIGEST_PERIOD_MS = 60 * 60 * 1000;
/** What is appended to a digest file's name to name the file holding its signature. */
export const SIGNATURE_FILE_SUFFIX = '.metadata.json';

/** A log file as a digest lists it. */
export interface DigestLogFile {
  s3Bucket: string;
  s3Object: string;
  hashValue: string;
  hashAlgorithm: string;
  newestEventTime: string;
  oldestEventTime: string;
}

/** A digest file's content, with CloudTrail's field names in CloudTrail's order. */
export interface Digest {
  awsAccountId: string;
  digestStartTime: string;
  digestEndTime: string;
  digestS3Bucket: string;
  digestS3Object: string;
  digestPublicKeyFingerprint: string;
  digestSignatureAlgorithm: string;
  newestEventTime: string | null;
  oldestEventTime: string | null;
  previousDigestS3Bucket: string | null;
  previousDigestS3Object: string | null;
  previousDigestHashValue: string | null;
  previousDigestHashAlgorithm: string | null;
  previousDigestSignature: string | null;
  logFiles: DigestLogFile[];
}

/** The S3 metadata of a digest object, as Tessera writes it in the signature file. */
export interface DigestMetadata {
  signature: string;
  'signature-algorithm': string;
}

/** CloudTrail's UTC extended format to the second: `2015-08-17T15:01:31Z`. */
export function digestTime(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The object key of a digest file, named for the end of the hour it covers. */
export function digestFileKey(accountId: string, region: string, trailName: string, end: Date): string {
  return (
    `AWSLogs/${accountId}/CloudTrail-Digest/${region}/${dayPath(end)}/` +
    `${accountId}_CloudTrail-Digest_${region}_${trailName}_${region}_${compactTime(end, true)}.json.gz`
  );
}

/** A digest file's name read back: its account, region, trail and end time. */
export function parseDigestFileName(
  name: string,
): { accountId: string; region: string; trailName: string; end: Date } | undefined {
  const m =
    /^(\d{12})_CloudTrail-Digest_([a-z0-9-]+)_(.+)_([a-z0-9-]+)_(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z\.json\.gz$/.exec(
      name,
    );
  if (!m) return undefined;
  const [, accountId, region, trailName, , y, mo, d, h, mi, s] = m;
  return {
    accountId: accountId!,
    region: region!,
    trailName: trailName!,
    end: new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))),
  };
}

/** Hex SHA-256. */
export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The string a digest's signature signs (CloudTrail's data-signing string). */
export function dataToSign(
  digest: Pick<Digest, 'digestEndTime' | 'digestS3Bucket' | 'digestS3Object' | 'previousDigestSignature'>,
  uncompressedHashHex: string,
): string {
  return [
    digest.digestEndTime,
    `${digest.digestS3Bucket}/${digest.digestS3Object}`,
    uncompressedHashHex,
    digest.previousDigestSignature ?? 'null',
  ].join('\n');
}

/** A digest ready to write: its bytes, the hash of its uncompressed bytes and its signature (hex). */
export interface SignedDigest {
  digest: Digest;
  key: string;
  uncompressed: Buffer;
  gzipped: Buffer;
  hashValue: string;
  signature: string;
}

/** Serializes and signs a digest with the account's private key. */
export function signDigest(digest: Digest, privateKey: KeyObject): SignedDigest {
  const uncompressed = Buffer.from(JSON.stringify(digest), 'utf8');
  const hashValue = sha256Hex(uncompressed);
  const signature = sign('sha256', Buffer.from(dataToSign(digest, hashValue), 'utf8'), privateKey).toString(
    'hex',
  );
  return {
    digest,
    key: digest.digestS3Object,
    uncompressed,
    gzipped: gzipSync(uncompressed),
    hashValue,
    signature,
  };
}

/** Whether `signatureHex` is the signature of a digest (its parsed fields and uncompressed bytes). */
export function verifyDigestSignature(
  digest: Pick<Digest, 'digestEndTime' | 'digestS3Bucket' | 'digestS3Object' | 'previousDigestSignature'>,
  uncompressed: Buffer,
  signatureHex: string,
  publicKey: KeyObject,
): boolean {
  if (!/^(?:[0-9a-f]{2})+$/i.test(signatureHex)) return false;
  const data = Buffer.from(dataToSign(digest, sha256Hex(uncompressed)), 'utf8');
  return verify('sha256', data, publicKey, Buffer.from(signatureHex, 'hex'));
}

/** A public key from ListPublicKeys' Value: base64 DER in PKCS #1 (RSAPublicKey). */
export function publicKeyFromValue(base64Der: string): KeyObject {
  return createPublicKey({ key: Buffer.from(base64Der, 'base64'), format: 'der', type: 'pkcs1' });
}
