// Ordered event ids (src/crypto/event-id.ts) and the random pool they draw from
// (src/crypto/random-pool.ts): version 7 UUIDs that sort in the order they were made, even many in
// one millisecond or with the clock stepping back, and pooled bytes that are never handed out twice.
import { describe, expect, it } from 'vitest';
import { newOrderedUuid, randomBytesFromPool, randomUint32FromPool } from '../../src/crypto/index.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('ordered event ids', () => {
  it('are version 7 UUIDs whose first 48 bits are the Unix milliseconds', () => {
    const at = Date.parse('2030-01-02T03:04:05.678Z') + 1000 * 60 * 60 * 24 * 365 * 10;
    const id = newOrderedUuid(at);
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
  });

  it('sort in the order they were made: 10,000 in one millisecond, and after the clock steps back', () => {
    const start = Date.parse('2040-06-01T00:00:00Z');
    const ids = Array.from({ length: 10_000 }, () => newOrderedUuid(start));
    ids.push(newOrderedUuid(start - 60_000), newOrderedUuid(start + 1), newOrderedUuid(start + 5_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    ids.forEach((id) => expect(id).toMatch(UUID_V7));
    // past the 4,096 a millisecond holds, ids borrow the next milliseconds rather than repeat
    expect(parseInt(ids[9_999]!.slice(0, 8) + ids[9_999]!.slice(9, 13), 16)).toBeGreaterThan(start);
  });
});

describe('pooled random bytes', () => {
  it('never hands the same bytes out twice, across refills of the pool', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5_000; i++) seen.add(randomBytesFromPool(12).toString('hex'));
    expect(seen.size).toBe(5_000);
  });

  it('gives each caller a buffer of its own that later draws do not change', () => {
    const first = randomBytesFromPool(40);
    const copy = Buffer.from(first);
    for (let i = 0; i < 500; i++) randomBytesFromPool(33);
    expect(first.equals(copy)).toBe(true);
    expect(first.buffer).not.toBe(randomBytesFromPool(40).buffer);
  });

  it('is uniform enough that every byte value appears in 64 KiB', () => {
    const counts = new Uint32Array(256);
    for (let i = 0; i < 64; i++) for (const b of randomBytesFromPool(1024)) counts[b]!++;
    expect(Math.min(...counts)).toBeGreaterThan(100); // mean 256; a stuck or zeroed pool fails
    expect(randomBytesFromPool(10_000)).toHaveLength(10_000);
  });

  it('gives 32-bit numbers whose every byte is spread, across refills of the pool', () => {
    const counts = [0, 1, 2, 3].map(() => new Uint32Array(256));
    for (let i = 0; i < 16_384; i++) {
      const n = randomUint32FromPool();
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThan(2 ** 32);
      for (let b = 0; b < 4; b++) counts[b]![(n >>> (8 * b)) & 0xff]!++;
    }
    // mean 64 per value and byte position; a stuck byte or a pool handed out twice fails
    for (const c of counts) expect(Math.min(...c)).toBeGreaterThan(20);
  });

  it('puts 62 random bits in every id: its last 16 hex digits differ between ids of one millisecond', () => {
    const tails = new Set(Array.from({ length: 2_000 }, () => newOrderedUuid(1_700_000_000_000).slice(19)));
    expect(tails.size).toBe(2_000);
  });
});
