// Self-contained session tokens: everything a temporary credential means (principal, role,
// session name, times, source identity, tags, session policies, MFA facts, chaining depth and the
// session's secret) sealed with AES-256-GCM under a key of the ring, bound to its ASIA access key
// id. Any node holding the ring verifies one without reading the database. Short claims are sealed
// as JSON (TSS2); long ones (session policies, many tags) are deflated first (TSS1, the first format).
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { randomBytesFromPool } from '../crypto/index.ts';
import type { SessionClaims } from '../domain/index.ts';

export type { SessionClaims, SessionKind } from '../domain/session.ts';

export interface SessionKey {
  id: string;
  key: Buffer;
}

/** Claims deflated before sealing (the first format, and still the one for long claims). */
const DEFLATED = 'TSS1';
/** Claims sealed as their JSON: deflating a short one costs more than the bytes it saves. */
const PLAIN = 'TSS2';
const PREFIX_LENGTH = 4;
/** Claims of up to this many bytes of JSON are sealed as they are; longer ones are deflated first. */
const DEFLATE_ABOVE = 1024;
const KEY_ID_RE = /^[A-Za-z0-9]{8}$/;

/** The data the tag binds: the key, the access key, and (for the plain format) the format itself. */
function aad(format: string, keyId: string, accessKeyId: string): Buffer {
  return Buffer.from(
    format === DEFLATED
      ? `tessera-session:${keyId}:${accessKeyId}`
      : `tessera-session:${format}:${keyId}:${accessKeyId}`,
  );
}

export function sealSession(key: SessionKey, claims: SessionClaims): string {
  if (!KEY_ID_RE.test(key.id)) throw new Error('session key ids are 8 alphanumerics');
  const json = Buffer.from(JSON.stringify(claims));
  const format = json.length > DEFLATE_ABOVE ? DEFLATED : PLAIN;
  const iv = randomBytesFromPool(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(aad(format, key.id, claims.accessKeyId));
  const plain = format === DEFLATED ? deflateRawSync(json) : json;
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return format + key.id + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export type OpenResult =
  { ok: true; claims: SessionClaims } | { ok: false; reason: 'malformed' | 'unknown-key' | 'tampered' };

function formatOf(token: string): typeof DEFLATED | typeof PLAIN | undefined {
  return token.startsWith(PLAIN) ? PLAIN : token.startsWith(DEFLATED) ? DEFLATED : undefined;
}

/** The id of the key a token says it is sealed with, or undefined for what is no token of ours. */
export function sessionKeyIdOf(token: string): string | undefined {
  return formatOf(token) && token.length >= PREFIX_LENGTH + 8
    ? token.slice(PREFIX_LENGTH, PREFIX_LENGTH + 8)
    : undefined;
}

/** Opens a token for the access key it was presented with; never throws. */
export function openSession(
  token: string,
  accessKeyId: string,
  keyById: (id: string) => Buffer | undefined,
): OpenResult {
  const format = formatOf(token);
  if (!format || token.length < PREFIX_LENGTH + 8 + 40) return { ok: false, reason: 'malformed' };
  const keyId = token.slice(PREFIX_LENGTH, PREFIX_LENGTH + 8);
  const key = keyById(keyId);
  if (!key) return { ok: false, reason: 'unknown-key' };
  const raw = Buffer.from(token.slice(PREFIX_LENGTH + 8), 'base64url');
  if (raw.length < 29) return { ok: false, reason: 'malformed' };
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(aad(format, keyId, accessKeyId));
    decipher.setAuthTag(raw.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
    const json = format === DEFLATED ? inflateRawSync(plain) : plain;
    const claims = JSON.parse(json.toString('utf8')) as SessionClaims;
    if (claims.accessKeyId !== accessKeyId) return { ok: false, reason: 'tampered' };
    return { ok: true, claims };
  } catch {
    return { ok: false, reason: 'tampered' };
  }
}
