// HMAC-SHA256 with pads made once per key (src/authn/sigv4/hmac-key.ts) is node:crypto's createHmac,
// byte for byte: RFC 4231's test cases, then generated keys (short, a block long, longer than a block)
// and messages (empty, ASCII, non-ASCII, longer than the scratch buffer), one key reused for many.
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HmacKey } from '../../src/authn/sigv4/hmac-key.ts';

const reference = (key: Buffer, message: string) =>
  createHmac('sha256', key).update(message, 'utf8').digest('hex');

describe('HmacKey', () => {
  it("gives RFC 4231's HMAC-SHA256 results", () => {
    expect(new HmacKey(Buffer.alloc(20, 0x0b)).hex('Hi There')).toBe(
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    );
    expect(new HmacKey(Buffer.from('Jefe')).hex('what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    // a key longer than the block is hashed first
    expect(
      new HmacKey(Buffer.alloc(131, 0xaa)).hex('Test Using Larger Than Block-Size Key - Hash Key First'),
    ).toBe('60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54');
  });

  it('is createHmac on generated keys and messages, one key reused for many messages', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 150 }),
        fc.array(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 40 })), {
          minLength: 1,
          maxLength: 5,
        }),
        (bytes, messages) => {
          const key = Buffer.from(bytes);
          const hmac = new HmacKey(key);
          for (const m of messages) expect(hmac.hex(m)).toBe(reference(key, m));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('grows its scratch for a message longer than it, and keys do not disturb each other', () => {
    const a = new HmacKey(Buffer.from('a'.repeat(32)));
    const b = new HmacKey(Buffer.from('b'.repeat(32)));
    const long = 'x'.repeat(5000) + 'é'.repeat(500);
    expect(a.hex(long)).toBe(reference(Buffer.from('a'.repeat(32)), long));
    expect(b.hex('short')).toBe(reference(Buffer.from('b'.repeat(32)), 'short'));
    expect(a.hex('short')).toBe(reference(Buffer.from('a'.repeat(32)), 'short'));
  });
});
