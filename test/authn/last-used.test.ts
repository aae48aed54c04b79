// The last-used buffer keeps a use visible to readers while its batch is being written.
import { describe, expect, it } from 'vitest';
import { LastUsedBuffer } from '../../src/authn/last-used.ts';
import type { Store } from '../../src/store/index.ts';

describe('the last-used buffer', () => {
  it('still answers a use while its batch is being written, and hands it to the store', async () => {
    let release!: () => void;
    const written: string[] = [];
    const store = {
      writeRecords: async (fn: (repos: unknown) => Promise<void>) =>
        fn({
          accessKeys: {
            recordUses: async (uses: { accessKeyId: string }[]) => {
              await new Promise<void>((r) => (release = r));
              written.push(...uses.map((u) => u.accessKeyId));
            },
          },
          roles: { recordUses: async () => undefined },
        }),
    } as unknown as Store;
    const buffer = new LastUsedBuffer(store);
    const use = {
      accessKeyId: 'AKIAEXAMPLE000000001',
      at: '2026-01-01T00:00:00.000Z',
      service: 'iam',
      region: 'us-east-1',
    };
    buffer.record(use);
    const flushing = buffer.flush();
    await new Promise((r) => setImmediate(r));
    expect(buffer.peek(use.accessKeyId)).toEqual(use);
    release();
    await flushing;
    expect(written).toEqual([use.accessKeyId]);
    expect(buffer.peek(use.accessKeyId)).toBeUndefined();
  });
});
