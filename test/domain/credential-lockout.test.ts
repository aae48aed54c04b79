// The credential lockout module against a SQLite store: failures in a row per key, the temporary
// lock and its end, the reset on success, no write on a success that follows no failure, the lock
// surviving a reopened store, and one slow attempt per key at a time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  credentialLockout,
  guardAttempt,
  guardSlowAttempt,
  lockoutKeys,
  lockoutState,
  type LockoutKey,
  type LockoutEvent,
  type LockoutPolicy,
} from '../../src/domain/credential-lockout.ts';
import { openStore, type KyselyStore } from '../../src/store/index.ts';

const ACCOUNT = '111111111111';
const reported: LockoutEvent[] = [];
const POLICY: LockoutPolicy = { threshold: 3, seconds: 60, report: (e) => reported.push(e) };
const T0 = new Date('2030-01-01T00:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe('credential lockout', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tessera-lockout-'));
  let store: KyselyStore;
  let n = 0;
  let key: LockoutKey;

  beforeEach(async () => {
    store ??= await openStore({ dataDir });
    key = lockoutKeys.password(`AIDATESTUSER${++n}`);
    reported.length = 0;
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** One attempt on `keys` at `now` whose check answers `right`; whether it was accepted. */
  const attempt = (keys: LockoutKey[], right: boolean, now: Date, check = vi.fn(async () => right)) =>
    store.write(ACCOUNT, (repos) =>
      guardAttempt(credentialLockout(repos, ACCOUNT, POLICY, now), keys, check),
    );
  const isLocked = (k: LockoutKey, now: Date) =>
    store.read((repos) => lockoutState(repos, k, now)).then((s) => s.locked);
  const rows = async () =>
    (await store.rawRows('credential_lockouts')).filter((r) => r['lockout_key'] === key);

  it('locks a key after threshold wrong attempts in a row, refusing even a right one, until the lock ends', async () => {
    for (let i = 0; i < POLICY.threshold - 1; i++) expect(await attempt([key], false, at(i))).toBe(false);
    expect(await isLocked(key, at(5))).toBe(false);
    expect(await attempt([key], false, at(5))).toBe(false);
    expect(await isLocked(key, at(5))).toBe(true);
    expect(await attempt([key], true, at(6))).toBe(false);
    expect(await isLocked(key, at(5 + POLICY.seconds - 1))).toBe(true);
    expect(await isLocked(key, at(5 + POLICY.seconds))).toBe(false);
    expect(await attempt([key], true, at(5 + POLICY.seconds))).toBe(true);
  });

  it('refuses an attempt on a locked key without running the check or counting it', async () => {
    for (let i = 0; i < POLICY.threshold; i++) await attempt([key], false, at(0));
    const [before] = await rows();
    const check = vi.fn(async () => true);
    expect(await attempt([key], true, at(1), check)).toBe(false);
    expect(check).not.toHaveBeenCalled();
    expect(await rows()).toEqual([before]);
  });

  it('starts the count again after a lock ends', async () => {
    for (let i = 0; i < POLICY.threshold; i++) await attempt([key], false, at(0));
    const later = at(POLICY.seconds);
    expect(await attempt([key], false, later)).toBe(false);
    expect(await isLocked(key, later)).toBe(false);
  });

  it('clears the count on a right attempt, and writes nothing for one that follows no failure', async () => {
    expect(await attempt([key], true, at(0))).toBe(true);
    expect(await rows()).toEqual([]);
    for (let i = 0; i < POLICY.threshold - 1; i++) await attempt([key], false, at(1));
    expect(await rows()).toMatchObject([{ failures: POLICY.threshold - 1, locked_until: null }]);
    expect(await attempt([key], true, at(2))).toBe(true);
    expect(await rows()).toEqual([]);
    for (let i = 0; i < POLICY.threshold - 1; i++) await attempt([key], false, at(3));
    expect(await isLocked(key, at(3))).toBe(false);
  });

  it('counts a wrong attempt against every key it names, and a lock on any one refuses it', async () => {
    const device = lockoutKeys.mfaDevice(`arn:aws:iam::${ACCOUNT}:mfa/phone-${n}`);
    for (let i = 0; i < POLICY.threshold; i++) await attempt([key, device], false, at(0));
    expect(await isLocked(key, at(0))).toBe(true);
    expect(await isLocked(device, at(0))).toBe(true);
    const other = lockoutKeys.mfaDevice(`arn:aws:iam::${ACCOUNT}:mfa/other-${n}`);
    expect(await attempt([other], true, at(1))).toBe(true);
    expect(await attempt([key, other], true, at(1))).toBe(false);
  });

  it('holds the lock in the store, so a reopened store still refuses', async () => {
    for (let i = 0; i < POLICY.threshold; i++) await attempt([key], false, at(0));
    await store.close();
    store = await openStore({ dataDir });
    expect(await attempt([key], true, at(1))).toBe(false);
  });

  it('reports a lock once, naming the key', async () => {
    for (let i = 0; i < POLICY.threshold + 2; i++) await attempt([key], false, at(0));
    expect(reported).toEqual([
      { accountId: ACCOUNT, key, failures: POLICY.threshold, lockedUntil: at(60).toISOString() },
    ]);
  });

  it('runs one slow attempt per key at a time, so a burst of guesses cannot outrun the count', async () => {
    const check = vi.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return false;
    });
    const burst = Array.from({ length: 10 }, () =>
      guardSlowAttempt(store, ACCOUNT, POLICY, at(0), [key], check),
    );
    expect(await Promise.all(burst)).toEqual(Array(10).fill(false));
    expect(check).toHaveBeenCalledTimes(POLICY.threshold);
    expect(await isLocked(key, at(0))).toBe(true);
  });

  it('writes nothing for a slow attempt that is right the first time', async () => {
    expect(await guardSlowAttempt(store, ACCOUNT, POLICY, at(0), [key], async () => true)).toBe(true);
    expect(await rows()).toEqual([]);
  });
});
