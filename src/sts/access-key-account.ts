// Access key ids that name their account, as AWS's do: after the four-letter prefix, the 16
// base32 characters decode to 10 bytes whose first 48 bits hold the account id in bits 7–46.
// Temporary (ASIA) keys are minted this way, so GetAccessKeyInfo answers for them without
// opening their token; for any other key the same decoding gives AWS's answer for unknown keys.
import { randomBytesFromPool } from '../crypto/index.ts';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ACCOUNT_MASK = 0x7fffffffff80n;

function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

function base32Decode(text: string): Uint8Array | undefined {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    const v = BASE32.indexOf(ch);
    if (v < 0) return undefined;
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return Uint8Array.from(out);
}

/** A new 20-character access key id with `prefix` that encodes `accountId`. */
export function accessKeyIdForAccount(prefix: 'ASIA' | 'AKIA', accountId: string): string {
  const bytes = randomBytesFromPool(10);
  const high = (BigInt(accountId) << 7n) | (BigInt(bytes.readUIntBE(0, 6)) & ~ACCOUNT_MASK & 0xffffffffffffn);
  bytes.writeUIntBE(Number(high), 0, 6);
  return prefix + base32Encode(bytes);
}

/** The account an access key id names by AWS's encoding; undefined when it is not well formed. */
export function accountOfAccessKeyId(accessKeyId: string): string | undefined {
  if (!/^[A-Z0-9]{4}[A-Z2-7]{16}$/.test(accessKeyId)) return undefined;
  const bytes = base32Decode(accessKeyId.slice(4));
  if (!bytes || bytes.length < 6) return undefined;
  const high = BigInt(Buffer.from(bytes).readUIntBE(0, 6));
  return ((high & ACCOUNT_MASK) >> 7n).toString().padStart(12, '0');
}
