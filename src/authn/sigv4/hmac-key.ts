// HMAC-SHA256 (RFC 2104) under a key that signs many messages, as a request's signing key does: the
// key's inner and outer pads are made once, and each message then costs two one-shot SHA-256 calls
// (crypto.hash) instead of an Hmac object, about a third of the time. Checked against createHmac in
// test/authn/hmac-key.test.ts. Where crypto.hash is missing (Node before 20.12), createHmac is used.
import * as nodeCrypto from 'node:crypto';
import { createHmac } from 'node:crypto';
import { oneShot } from './node-sha256.ts';

const BLOCK = 64;
const DIGEST = 32;

/** Scratch for (ipad ‖ message) and (opad ‖ inner digest); JavaScript runs one call at a time. */
let inner = Buffer.allocUnsafe(BLOCK + 1024);
const outer = Buffer.allocUnsafe(BLOCK + DIGEST);

export class HmacKey {
  private readonly ipad = Buffer.alloc(BLOCK, 0x36);
  private readonly opad = Buffer.alloc(BLOCK, 0x5c);

  /** `key`: the key's bytes (a SigV4 signing key is 32). */
  constructor(readonly key: Buffer) {
    const k = key.length > BLOCK ? createHmacKeyDigest(key) : key;
    for (let i = 0; i < k.length; i++) {
      this.ipad[i]! ^= k[i]!;
      this.opad[i]! ^= k[i]!;
    }
  }

  /** HMAC-SHA256 of `message` (UTF-8) under this key, as lower-case hex. */
  hex(message: string): string {
    if (!oneShot) return createHmac('sha256', this.key).update(message, 'utf8').digest('hex');
    const most = BLOCK + message.length * 3;
    if (most > inner.length) inner = Buffer.allocUnsafe(most);
    this.ipad.copy(inner, 0);
    const length = BLOCK + inner.write(message, BLOCK, 'utf8');
    this.opad.copy(outer, 0);
    // 'binary' is latin1: the 32 digest bytes as a string of 32 characters, written back as bytes
    outer.write(nodeCrypto.hash('sha256', inner.subarray(0, length), 'binary'), BLOCK, 'latin1');
    return nodeCrypto.hash('sha256', outer, 'hex');
  }
}

/** A key longer than a block is replaced by its digest (RFC 2104). */
function createHmacKeyDigest(key: Buffer): Buffer {
  return nodeCrypto.createHash('sha256').update(key).digest();
}
