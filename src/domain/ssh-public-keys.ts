// SSH public keys of IAM users, for CodeCommit: RSA keys of at least 2048 bits, uploaded in OpenSSH
// form (`ssh-rsa AAAA…`) or PEM, at most five per user, each at most once per user. A key is kept in
// OpenSSH form and shown in either; its fingerprint is the MD5 digest of its SSH wire form, written
// as `ssh-keygen -l -E md5` writes it.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UploadSSHPublicKey.html
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { AwsError, invalidInput, limitExceeded, noSuchEntity, validationError } from '../errors.ts';
import { onUniqueViolation, type ReadRepos, type Repos, type SshPublicKeyRow } from '../store/index.ts';
import { newSshPublicKeyId } from './ids.ts';
import type { KeyOwner } from './access-keys.ts';

/** AWS's quota of SSH public keys per user. */
export const SSH_PUBLIC_KEYS_PER_USER = 5;

/** The shortest RSA modulus AWS accepts. */
export const MIN_SSH_KEY_BITS = 2048;

/** The encodings GetSSHPublicKey returns a key in. */
export type SshKeyEncoding = 'SSH' | 'PEM';

/** A parsed RSA public key: its OpenSSH form and its fingerprint. */
export interface ParsedSshPublicKey {
  /** `ssh-rsa <base64 of the wire form>`, without a comment. */
  openssh: string;
  /** MD5 of the wire form, colon-separated lowercase hex. */
  fingerprint: string;
}

const unrecognized = () =>
  new AwsError(
    'UnrecognizedPublicKeyEncoding',
    'The public key encoding format is unsupported or unrecognized. Upload an ssh-rsa key in OpenSSH or PEM format.',
  );
const invalidKey = (why: string) => new AwsError('InvalidPublicKey', `The public key is invalid: ${why}.`);
const keyNotFound = (id: string) => noSuchEntity(`The Public Key with id ${id} cannot be found.`);

/** An SSH wire-format string: a 32-bit big-endian length, then the bytes. */
function sshString(bytes: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

/** An SSH mpint of a non-negative big-endian integer: no leading zeros, one added when the top bit is set. */
function sshMpint(unsigned: Buffer): Buffer {
  let i = 0;
  while (i < unsigned.length && unsigned[i] === 0) i++;
  const bytes = unsigned.subarray(i);
  return sshString(bytes.length > 0 && bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

/** Reads the SSH wire strings of an `ssh-rsa` blob: its type, exponent and modulus. */
function readWireStrings(blob: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  while (at < blob.length) {
    if (at + 4 > blob.length) throw invalidKey('the key data is truncated');
    const len = blob.readUInt32BE(at);
    if (at + 4 + len > blob.length) throw invalidKey('the key data is truncated');
    out.push(blob.subarray(at + 4, at + 4 + len));
    at += 4 + len;
  }
  return out;
}

/** The RSA key of an OpenSSH `ssh-rsa <base64> [comment]` line. */
function fromOpenSsh(base64: string): KeyObject {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw invalidKey('the key data is not base64');
  const parts = readWireStrings(Buffer.from(base64, 'base64'));
  const [type, e, n] = parts;
  if (parts.length !== 3 || !type || !e || !n || type.toString('latin1') !== 'ssh-rsa')
    throw invalidKey('the key data is not an ssh-rsa key');
  // an mpint may carry a leading zero byte; JWK wants the bare unsigned integer
  const unsigned = (b: Buffer) => b.subarray(b[0] === 0 ? 1 : 0).toString('base64url');
  try {
    return createPublicKey({ key: { kty: 'RSA', n: unsigned(n), e: unsigned(e) }, format: 'jwk' });
  } catch {
    throw invalidKey('the RSA key cannot be read');
  }
}

/** The RSA key of a PEM public key block (SubjectPublicKeyInfo or PKCS#1). */
function fromPem(pem: string): KeyObject {
  const label = /^-----BEGIN ([A-Z ]+)-----/.exec(pem)?.[1];
  if (label !== 'PUBLIC KEY' && label !== 'RSA PUBLIC KEY')
    throw invalidKey('the PEM block is not a public key');
  try {
    return createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw invalidKey('the PEM public key cannot be read');
  }
}

/**
 * Parses an uploaded key: OpenSSH `ssh-rsa` or PEM, else UnrecognizedPublicKeyEncoding; not RSA, not
 * readable or shorter than 2048 bits, InvalidPublicKey.
 */
export function parseSshPublicKey(body: string): ParsedSshPublicKey {
  const text = body.trim();
  let key: KeyObject;
  if (text.startsWith('-----BEGIN ')) key = fromPem(text);
  else {
    const m = /^ssh-rsa\s+(\S+)(\s.*)?$/s.exec(text);
    if (!m) throw unrecognized();
    key = fromOpenSsh(m[1]!);
  }
  if (key.asymmetricKeyType !== 'rsa') throw invalidKey('the key is not an RSA key');
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_SSH_KEY_BITS)
    throw invalidKey(`the key is ${bits} bits long; the minimum is ${MIN_SSH_KEY_BITS} bits`);
  const jwk = key.export({ format: 'jwk' });
  const wire = Buffer.concat([
    sshString(Buffer.from('ssh-rsa')),
    sshMpint(Buffer.from(jwk.e!, 'base64url')),
    sshMpint(Buffer.from(jwk.n!, 'base64url')),
  ]);
  const digest = createHash('md5').update(wire).digest('hex');
  return {
    openssh: `ssh-rsa ${wire.toString('base64')}`,
    fingerprint: digest.replace(/(..)(?!$)/g, '$1:'),
  };
}

/** A stored key in the encoding GetSSHPublicKey asks for: OpenSSH, or PEM (SubjectPublicKeyInfo). */
export function encodeSshPublicKey(row: SshPublicKeyRow, encoding: SshKeyEncoding): string {
  if (encoding === 'SSH') return row.key_body;
  const base64 = row.key_body.split(' ')[1] ?? '';
  return fromOpenSsh(base64).export({ type: 'spki', format: 'pem' }).toString();
}

/** The owner's key with this id, or NoSuchEntity (also for another user's key). */
export async function getOwnedSshPublicKey(
  repos: ReadRepos,
  owner: KeyOwner,
  sshPublicKeyId: string,
): Promise<SshPublicKeyRow> {
  const row = await repos.sshPublicKeys.get(sshPublicKeyId);
  if (!row || row.account_id !== owner.accountId || row.user_id !== owner.userId)
    throw keyNotFound(sshPublicKeyId);
  return row;
}

/** The owner's keys, oldest first; the account root has none. */
export async function listSshPublicKeys(repos: ReadRepos, owner: KeyOwner): Promise<SshPublicKeyRow[]> {
  return owner.userId === null ? [] : repos.sshPublicKeys.listFor(owner.userId);
}

/** UploadSSHPublicKey: parses the key, then the per-user quota and duplicate checks. */
export async function uploadSshPublicKey(
  repos: Repos,
  owner: KeyOwner,
  body: string,
  now: Date,
): Promise<SshPublicKeyRow> {
  const userId = owner.userId;
  if (userId === null) throw validationError('SSH public keys belong to IAM users: specify a UserName.');
  const parsed = parseSshPublicKey(body);
  const existing = await repos.sshPublicKeys.listFor(userId);
  const duplicate = () =>
    new AwsError(
      'DuplicateSSHPublicKey',
      'The SSH public key is already associated with the specified IAM user.',
    );
  if (existing.some((k) => k.fingerprint === parsed.fingerprint)) throw duplicate();
  if (existing.length >= SSH_PUBLIC_KEYS_PER_USER)
    throw limitExceeded(`Cannot exceed quota for SSHPublicKeysPerUser: ${SSH_PUBLIC_KEYS_PER_USER}`);
  const row: SshPublicKeyRow = {
    ssh_public_key_id: newSshPublicKeyId(),
    account_id: owner.accountId,
    user_id: userId,
    fingerprint: parsed.fingerprint,
    key_body: parsed.openssh,
    status: 'Active',
    uploaded_at: now.toISOString(),
  };
  await onUniqueViolation(repos.sshPublicKeys.insert(row), duplicate);
  return row;
}

export async function setSshPublicKeyStatus(
  repos: Repos,
  owner: KeyOwner,
  sshPublicKeyId: string,
  status: string,
): Promise<void> {
  const row = await getOwnedSshPublicKey(repos, owner, sshPublicKeyId);
  if (status !== 'Active' && status !== 'Inactive')
    throw invalidInput(`Status must be Active or Inactive, not ${status}.`);
  if (row.status !== status) await repos.sshPublicKeys.setStatus(sshPublicKeyId, status);
}

export async function deleteSshPublicKey(
  repos: Repos,
  owner: KeyOwner,
  sshPublicKeyId: string,
): Promise<void> {
  await getOwnedSshPublicKey(repos, owner, sshPublicKeyId);
  await repos.sshPublicKeys.delete(sshPublicKeyId);
}
