// The ring of keys that sign GetWebIdentityToken's JWTs, one line of keys per signing algorithm
// (RS256: RSA 2048; ES384: ECDSA P-384). The newest key of an algorithm signs; every key not yet
// pruned is published in the issuers' JWKS, so a rotation never breaks a token that has not expired.
// Keys live in the store with their private halves sealed under the master key, so every node signs
// with the same keys; an algorithm's first key is made when a token first asks for it.
import { randomBytes } from 'node:crypto';
import { exportJWK, exportPKCS8, generateKeyPair, importPKCS8, type CryptoKey, type JWK } from 'jose';
import type { Sealer } from '../crypto/index.ts';
import type { Store, WebIdentitySigningKeyRow } from '../store/index.ts';

/** The purpose a key's private half is sealed under (it opens only for this purpose). */
const KEY_PURPOSE = 'web-identity-signing-key';
/** GetWebIdentityToken's longest DurationSeconds: a key is kept while a token it signed may live. */
export const LONGEST_WEB_IDENTITY_TOKEN_SECONDS = 3600;

/** The SigningAlgorithm values GetWebIdentityToken accepts, with how a key pair for each is made. */
const ALGORITHMS = {
  RS256: { modulusLength: 2048 },
  ES384: {},
} as const satisfies Record<WebIdentitySigningKeyRow['algorithm'], { modulusLength?: number }>;

export type WebIdentitySigningAlgorithm = keyof typeof ALGORITHMS;
export const WEB_IDENTITY_SIGNING_ALGORITHMS = Object.keys(ALGORITHMS) as WebIdentitySigningAlgorithm[];

export function isWebIdentitySigningAlgorithm(value: string): value is WebIdentitySigningAlgorithm {
  return Object.hasOwn(ALGORITHMS, value);
}

/** A signing key, opened. */
export interface WebIdentitySigningKey {
  keyId: string;
  algorithm: WebIdentitySigningAlgorithm;
  privateKey: CryptoKey;
}

/** Private keys already opened, by key id (ids are random and a key never changes). */
const opened = new Map<string, Promise<CryptoKey>>();

function newKeyId(): string {
  return randomBytes(16).toString('base64url');
}

async function newKeyRow(algorithm: WebIdentitySigningAlgorithm, sealer: Sealer, now: Date) {
  const { publicKey, privateKey } = await generateKeyPair(algorithm, {
    ...ALGORITHMS[algorithm],
    extractable: true,
  });
  const keyId = newKeyId();
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: keyId, alg: algorithm, use: 'sig' };
  const row: WebIdentitySigningKeyRow = {
    key_id: keyId,
    algorithm,
    private_key_sealed: sealer.seal(await exportPKCS8(privateKey), KEY_PURPOSE),
    public_jwk: JSON.stringify(jwk),
    created_at: now.toISOString(),
  };
  return row;
}

async function open(row: WebIdentitySigningKeyRow, sealer: Sealer): Promise<WebIdentitySigningKey> {
  let key = opened.get(row.key_id);
  if (!key) {
    key = importPKCS8(sealer.open(row.private_key_sealed, KEY_PURPOSE), row.algorithm);
    opened.set(row.key_id, key);
  }
  return { keyId: row.key_id, algorithm: row.algorithm, privateKey: await key };
}

/** The newest key of each algorithm in `rows` (oldest first). */
function newestOf(rows: readonly WebIdentitySigningKeyRow[], algorithm: WebIdentitySigningAlgorithm) {
  return rows.filter((r) => r.algorithm === algorithm).at(-1);
}

/** The key that signs new tokens with `algorithm`, made now if the ring has none for it. */
export async function webIdentitySigningKey(
  store: Store,
  sealer: Sealer,
  algorithm: WebIdentitySigningAlgorithm,
  now: Date,
): Promise<WebIdentitySigningKey> {
  let row = newestOf(await store.read((r) => r.outboundWebIdentity.signingKeys()), algorithm);
  if (!row) {
    // made outside the transaction: finding RSA primes must not hold the store
    const made = await newKeyRow(algorithm, sealer, now);
    row = await store.write('*', async (r) => {
      const existing = newestOf(await r.outboundWebIdentity.signingKeys(), algorithm);
      if (existing) return existing;
      await r.outboundWebIdentity.insertKey(made);
      return made;
    });
  }
  return open(row, sealer);
}

/**
 * Adds a new current key for every algorithm; a key is pruned once its successor is older than the
 * longest token, so the JWKS keeps every key an unexpired token may name. Returns the new key ids.
 */
export async function rotateWebIdentityKeys(store: Store, sealer: Sealer, now: Date): Promise<string[]> {
  const made = await Promise.all(WEB_IDENTITY_SIGNING_ALGORITHMS.map((a) => newKeyRow(a, sealer, now)));
  const cutoff = new Date(now.getTime() - LONGEST_WEB_IDENTITY_TOKEN_SECONDS * 1000).toISOString();
  await store.write('*', async (r) => {
    const previous = await r.outboundWebIdentity.signingKeys();
    for (const row of made) await r.outboundWebIdentity.insertKey(row);
    for (const algorithm of WEB_IDENTITY_SIGNING_ALGORITHMS) {
      const line = previous.filter((k) => k.algorithm === algorithm);
      for (let i = 0; i + 1 < line.length; i++)
        if (line[i + 1]!.created_at < cutoff) await r.outboundWebIdentity.deleteKey(line[i]!.key_id);
    }
  });
  return made.map((r) => r.key_id);
}

/** The JWKS every issuer publishes: the public half of every key in the ring. */
export async function webIdentityJwks(store: Pick<Store, 'read'>): Promise<{ keys: JWK[] }> {
  const rows = await store.read((r) => r.outboundWebIdentity.signingKeys());
  return { keys: rows.map((r) => JSON.parse(r.public_jwk) as JWK) };
}
