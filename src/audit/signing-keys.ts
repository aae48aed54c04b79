// The RSA key pairs that sign each account's digest files: made (2048-bit) the first time an account
// needs one, the private half sealed under the master key at rest and opened once per process, the
// public half published as CloudTrail's ListPublicKeys lists keys (Value: base64 DER in PKCS #1;
// ValidityStartTime and ValidityEndTime; Fingerprint: what digests name in digestPublicKeyFingerprint).
import { createHash, createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { Sealer } from '../crypto/index.ts';
import type { AuditDeliveryRepo, AuditSigningKey, ReadRepos, Store } from '../store/index.ts';

/** The purpose a signing key's private half is sealed under (it opens only for this purpose). */
export const AUDIT_SIGNING_KEY_PURPOSE = 'audit-signing-key';
const MODULUS_BITS = 2048;

const generateRsa = promisify(generateKeyPair);

/**
 * A public key's fingerprint: hex MD5 of its DER (PKCS #1). CloudTrail's fingerprints are 32 hex
 * digits; what exactly it hashes is not documented, and no verifier depends on it (a fingerprint only
 * picks the key among those listed).
 */
export function fingerprintOf(publicKey: KeyObject): string {
  return createHash('md5')
    .update(publicKey.export({ format: 'der', type: 'pkcs1' }))
    .digest('hex');
}

/** ListPublicKeys' PublicKey. Times are seconds since the epoch, as the JSON protocol sends them. */
export interface PublicKeyEntry {
  Value: string;
  ValidityStartTime: number;
  /** When the next key took over; null while the key is the account's current one. */
  ValidityEndTime: number | null;
  Fingerprint: string;
}

/** An account's keys as ListPublicKeys lists them, oldest first. */
export function publicKeyList(keys: readonly AuditSigningKey[]): { PublicKeyList: PublicKeyEntry[] } {
  return {
    PublicKeyList: keys.map((k, i) => {
      const next = keys[i + 1];
      return {
        Value: createPublicKey(k.publicKeyPem).export({ format: 'der', type: 'pkcs1' }).toString('base64'),
        ValidityStartTime: Date.parse(k.createdAt) / 1000,
        ValidityEndTime: next ? Date.parse(next.createdAt) / 1000 : null,
        Fingerprint: k.keyId,
      };
    }),
  };
}

/** Reads an account's public keys (ListPublicKeys' shape) from the store. */
export async function readPublicKeys(
  store: Pick<Store, 'read'>,
  accountId: string,
): Promise<{ PublicKeyList: PublicKeyEntry[] }> {
  return publicKeyList(await store.read((r: ReadRepos) => r.auditDelivery.signingKeys(accountId)));
}

/** An account's current signing key, opened. */
export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
}

/**
 * Opens (and caches, by key id) the private halves of signing keys; makes a key for an account without
 * one. A key pair is made ahead (`prepare`, outside any transaction), so that the next account that
 * needs one does not hold its transaction — and on SQLite every other query — while RSA primes are found.
 */
export class SigningKeys {
  private readonly opened = new Map<string, KeyObject>();
  private spare: { publicKey: KeyObject; privateKey: KeyObject } | undefined;

  constructor(private readonly sealer: Sealer) {}

  /** Makes the next key pair now, if none is waiting. */
  async prepare(): Promise<void> {
    this.spare ??= await generateRsa('rsa', { modulusLength: MODULUS_BITS });
  }

  /** The account's newest key, made and stored (inside the caller's transaction) when it has none. */
  async current(repo: AuditDeliveryRepo, accountId: string, now: Date): Promise<SigningKey> {
    const keys = await repo.signingKeys(accountId);
    const newest = keys[keys.length - 1];
    if (newest) return { keyId: newest.keyId, privateKey: this.open(newest) };
    const pair = this.spare ?? (await generateRsa('rsa', { modulusLength: MODULUS_BITS }));
    this.spare = undefined;
    const keyId = fingerprintOf(pair.publicKey);
    const pkcs8 = pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    await repo.insertSigningKey({
      accountId,
      keyId,
      publicKeyPem: pair.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
      sealedPrivateKey: this.sealer.seal(pkcs8, AUDIT_SIGNING_KEY_PURPOSE),
      createdAt: now.toISOString(),
    });
    this.opened.set(`${accountId}/${keyId}`, pair.privateKey);
    return { keyId, privateKey: pair.privateKey };
  }

  private open(key: AuditSigningKey): KeyObject {
    const cacheKey = `${key.accountId}/${key.keyId}`;
    let opened = this.opened.get(cacheKey);
    if (!opened) {
      opened = createPrivateKey(this.sealer.open(key.sealedPrivateKey, AUDIT_SIGNING_KEY_PURPOSE));
      this.opened.set(cacheKey, opened);
    }
    return opened;
  }
}
