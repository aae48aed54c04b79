// One-time passwords: HOTP (RFC 4226) and TOTP (RFC 6238) over node:crypto, and the Base32 text
// (RFC 4648, no padding) in which authenticator apps exchange seeds. Virtual MFA devices use
// HMAC-SHA-1, six digits and 30-second steps, as AWS's do.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Bytes in a new seed: 40 bytes are AWS's 64 Base32 characters. */
export const SEED_BYTES = 40;

export type HotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A fresh random seed. */
export function newSeed(): Buffer {
  return randomBytes(SEED_BYTES);
}

export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes Base32 text, ignoring case, spaces and '=' padding; throws on any other character. */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const digit = BASE32_ALPHABET.indexOf(ch);
    if (digit < 0) throw new Error(`not a Base32 character: ${JSON.stringify(ch)}`);
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The HOTP value for a counter (RFC 4226 §5.3: dynamic truncation, then modulo 10^digits). */
export function hotp(
  key: Uint8Array,
  counter: number,
  digits: number = TOTP_DIGITS,
  algorithm: HotpAlgorithm = 'sha1',
): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The TOTP time step (RFC 6238 T) that an instant falls in. */
export function timeStep(at: Date, stepSeconds: number = TOTP_STEP_SECONDS): number {
  return Math.floor(at.getTime() / 1000 / stepSeconds);
}

/** The TOTP code shown at an instant. */
export function totp(
  key: Uint8Array,
  at: Date,
  options: { digits?: number; algorithm?: HotpAlgorithm; stepSeconds?: number } = {},
): string {
  return hotp(key, timeStep(at, options.stepSeconds), options.digits, options.algorithm);
}

/** Compares two codes in time that does not depend on where they differ. */
export function codesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The time step, among `from`..`to` inclusive, whose code is `code`, or undefined. Every step in the
 * range is checked, so the time taken does not tell which one matched.
 */
export function findStep(key: Uint8Array, code: string, from: number, to: number): number | undefined {
  let found: number | undefined;
  for (let step = from; step <= to; step++) {
    if (step < 0) continue;
    if (codesEqual(hotp(key, step), code) && found === undefined) found = step;
  }
  return found;
}
