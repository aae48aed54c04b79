// Cryptographically random bytes for the request path, drawn from a pool that one call to the
// system's generator fills 4 KiB at a time (as Node does for randomUUID), so that an id, a secret or
// an IV costs a copy rather than a call into OpenSSL each. Every byte is handed out once, and the
// pool's copy is zeroed as it leaves, so a secret drawn from it is not left behind in the pool.
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

/** `n` fresh random bytes in a buffer of their own. Requests above the pool's size go to the generator. */
export function randomBytesFromPool(n: number): Buffer {
  if (n > POOL_BYTES) return randomFillSync(Buffer.alloc(n));
  if (offset + n > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const out = Buffer.allocUnsafe(n);
  pool.copy(out, 0, offset, offset + n);
  pool.fill(0, offset, offset + n);
  offset += n;
  return out;
}

/**
 * A random unsigned 32-bit number from the pool, without a buffer of its own: for ids, whose bits are
 * no secret once handed out (the pool's bytes are still zeroed as they leave).
 */
export function randomUint32FromPool(): number {
  if (offset + 4 > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const value = pool.readUInt32BE(offset);
  pool[offset] = 0;
  pool[offset + 1] = 0;
  pool[offset + 2] = 0;
  pool[offset + 3] = 0;
  offset += 4;
  return value;
}
