// The session key ring of one node when another node rotates a key in: a token naming the new key
// makes the ring reload and find it, before any change feed could say so; a key that does not exist
// makes it reload at most once a second.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rotateSessionKeys, SessionKeyRing } from '../../src/authn/index.ts';
import { Sealer } from '../../src/crypto/seal.ts';
import { openStore, type KyselyStore } from '../../src/store/index.ts';

describe('a session key ring when another node rotates a key in', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tessera-ring-'));
  const sealer = new Sealer(randomBytes(32));
  let thisNode: KyselyStore;
  let otherNode: KyselyStore;
  let ring: SessionKeyRing;

  beforeAll(async () => {
    // two stores on one SQLite file: the other's writes reach this one only through the polled feed
    thisNode = await openStore({ dataDir });
    otherNode = await openStore({ dataDir });
    ring = await SessionKeyRing.open(thisNode, sealer, new Date());
  });
  afterAll(async () => {
    await otherNode.close();
    await thisNode.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reloads to find a key it has not heard of, and not again within a second for an unknown one', async () => {
    const rotated = await rotateSessionKeys(otherNode, sealer, new Date());
    expect(ring.keyById(rotated)).toBeUndefined();
    const now = Date.now();
    expect(await ring.knows(rotated, now)).toBe(true);
    expect(ring.signingKey().id).toBe(rotated);

    // a key that does not exist: one reload, then none for a second (the polled feed may reload the
    // ring too, but not between a call that does not wait on anything and its answer)
    const reload = vi.spyOn(ring, 'reload');
    expect(await ring.knows('nokey000', now + 1_000)).toBe(false);
    const reloads = reload.mock.calls.length;
    expect(reloads).toBeGreaterThanOrEqual(1);
    expect(await ring.knows('nokey001', now + 1_500)).toBe(false);
    expect(reload.mock.calls.length).toBe(reloads);
    expect(await ring.knows('nokey002', now + 2_001)).toBe(false);
    expect(reload.mock.calls.length).toBeGreaterThan(reloads);
  });
});
