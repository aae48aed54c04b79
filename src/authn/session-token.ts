// Self-contained session tokens: everything a temporary credential means (principal, role,
// session name, times, source identity, tags, session policies, MFA facts, chaining depth and the
// session's secret) sealed with AES-256-GCM under a key of the ring, bound to its ASIA access key
// id. Any node holding the ring verifies one without reading the database.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { SessionClaims } from '../domain/index.ts';

export type { SessionClaims, SessionKind } from '../domain/session.ts';

export interface SessionKey {
  id: string;
  key: Buffer;
}

const PREFIX = 'TSS1';
const KEY_ID_RE = /^[A-Za-z0-9]{8}$/;

function aad(keyId: string, accessKeyId: string): Buffer {
  return Buffer.from(`tessera-session:${keyId}:${accessKeyId}`);
}

export function sealSession(key: SessionKey, claims: SessionClaims): string {
  if (!KEY_ID_RE.test(key.id)) throw new Error('session key ids are 8 alphanumerics');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(aad(key.id, claims.accessKeyId));
  const body = Buffer.concat([cipher.update(deflateRawSync(JSON.stringify(claims))), cipher.final()]);
  return PREFIX + key.id + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export type OpenResult =
  { ok: true; claims: SessionClaims } | { ok: false; reason: 'malformed' | 'unknown-key' | 'tampered' };

/** The id of the key a token says it is sealed with, or undefined for what is no token of ours. */
export function sessionKeyIdOf(token: string): string | undefined {
  return token.startsWith(PREFIX) && token.length >= PREFIX.length + 8
    ? token.slice(PREFIX.length, PREFIX.length + 8)
    : undefined;
}

/** Opens a token for the access key it was presented with; never throws. */
export function openSession(
  token: string,
  accessKeyId: string,
  keyById: (id: string) => Buffer | undefined,
): OpenResult {
  if (!token.startsWith(PREFIX) || token.length < PREFIX.length + 8 + 40)
    return { ok: false, reason: 'malformed' };
  const keyId = token.slice(PREFIX.length, PREFIX.length + 8);
  const key = keyById(keyId);
  if (!key) return { ok: false, reason: 'unknown-key' };
  const raw = Buffer.from(token.slice(PREFIX.length + 8), 'base64url');
  if (raw.length < 29) return { ok: false, reason: 'malformed' };
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(aad(keyId, accessKeyId));
    decipher.setAuthTag(raw.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
    const claims = JSON.parse(inflateRawSync(plain).toString('utf8')) as SessionClaims;
    if (claims.accessKeyId !== accessKeyId) return { ok: false, reason: 'tampered' };
    return { ok: true, claims };
  } catch {
    return { ok: false, reason: 'tampered' };
  }
}
