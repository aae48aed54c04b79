// Throttling of guessable credentials (MFA codes, passwords): wrong attempts in a row are counted per
// key in the store, and `threshold` of them lock the key for `seconds`, during which every attempt is
// refused without being checked. The store is shared by every node, so counts and locks hold across
// nodes and restarts. It is written only on a failure and on the first success after failures: a
// right attempt with nothing to clear costs one read per key.
import { OPTIONS, type Config } from '../config/index.ts';
import type { ReadRepos, Repos, Store, CredentialLockoutRow } from '../store/index.ts';
import type { Principal } from './principal.ts';

export interface LockoutPolicy {
  /** Wrong attempts in a row that lock a key. */
  threshold: number;
  /** How long a lock lasts. */
  seconds: number;
  /** Where a lock is reported (the server's log); nowhere when absent. */
  report?: (event: LockoutEvent) => void;
}

/** The server's lockout rules: its configuration, locks reported as warnings in its log. */
export function lockoutPolicy(services: {
  config: Pick<Config, 'lockoutThreshold' | 'lockoutSeconds'>;
  log?: WarningLog;
}): LockoutPolicy {
  const { config, log } = services;
  return {
    threshold: config.lockoutThreshold,
    seconds: config.lockoutSeconds,
    ...(log ? { report: (event: LockoutEvent) => log.warn({ ...event }, 'credential locked') } : {}),
  };
}

const documentedDefault = (key: keyof Config): number => Number(OPTIONS.find((o) => o.key === key)?.default);

/** The documented defaults (5 wrong in a row, 900 seconds), for checks made without a configuration. */
export const DEFAULT_LOCKOUT_POLICY: Readonly<LockoutPolicy> = Object.freeze({
  threshold: documentedDefault('lockoutThreshold'),
  seconds: documentedDefault('lockoutSeconds'),
});

/** What is counted and locked; the prefixes keep keys of different kinds apart. */
export type LockoutKey = `mfa-device:${string}` | `mfa-principal:${string}` | `password:${string}`;

export const lockoutKeys = {
  /** One MFA device, whoever guesses its codes. */
  mfaDevice: (serialNumber: string): LockoutKey => `mfa-device:${serialNumber}`,
  /**
   * One principal guessing MFA codes, whatever the device: keyed by what does not change from one
   * session to the next (the user's or role's unique id, the root's ARN).
   */
  mfaPrincipal(p: Principal): LockoutKey {
    switch (p.type) {
      case 'user':
        return `mfa-principal:${p.id}`;
      case 'assumed-role':
        return `mfa-principal:${p.roleId}`;
      case 'federated-user':
        return `mfa-principal:${p.parentUserId ?? `arn:aws:iam::${p.accountId}:root`}`;
      case 'root':
        return `mfa-principal:${p.arn}`;
    }
  },
  /** One IAM user's password. */
  password: (userId: string): LockoutKey => `password:${userId}`,
};

/** A log that takes warnings (the server's pino logger is one). */
export interface WarningLog {
  warn(fields: object, message: string): void;
}

/** A key as an attempt finds it. */
export interface LockoutState {
  locked: boolean;
  /** Wrong attempts since the last success (those that led to an ended lock included). */
  failures: number;
}

/** The lockout rules over one store handle (a transaction for writes), at one instant. */
export interface CredentialLockout {
  /** Whether `key` is locked now; remembered, so that recordSuccess knows whether to write. */
  check(key: LockoutKey): Promise<LockoutState>;
  /** Counts a wrong attempt; the threshold-th in a row locks the key (and reports the lock). */
  recordFailure(key: LockoutKey): Promise<void>;
  /** Clears the count after a right attempt; writes only when there is a count to clear. */
  recordSuccess(key: LockoutKey): Promise<void>;
}

/** What a lock reports. */
export interface LockoutEvent {
  accountId: string;
  key: LockoutKey;
  failures: number;
  lockedUntil: string;
}

/**
 * Where a lock is reported: one warning line naming the key (never the code or password tried). The
 * audit trail (issue 10) records the event here too, with `repos`, in the transaction that counted it.
 */
function reportLockout(_repos: Repos, policy: LockoutPolicy, event: LockoutEvent): void {
  policy.report?.(event);
}

const lockedAt = (row: CredentialLockoutRow | undefined, now: Date): boolean =>
  row?.locked_until != null && now.getTime() < Date.parse(row.locked_until);

/** How `key` stands at `now`, read outside any write (what `check` finds, without remembering it). */
export async function lockoutState(repos: ReadRepos, key: LockoutKey, now: Date): Promise<LockoutState> {
  const row = await repos.credentialLockouts.get(key);
  return { locked: lockedAt(row, now), failures: row?.failures ?? 0 };
}

export function credentialLockout(
  repos: Repos,
  accountId: string,
  policy: LockoutPolicy,
  now: Date,
): CredentialLockout {
  const seen = new Map<LockoutKey, CredentialLockoutRow | undefined>();
  return {
    async check(key) {
      const row = await repos.credentialLockouts.get(key);
      seen.set(key, row);
      return { locked: lockedAt(row, now), failures: row?.failures ?? 0 };
    },

    async recordFailure(key) {
      const row = await repos.credentialLockouts.get(key);
      if (lockedAt(row, now)) return; // refused unchecked: a locked key's count does not grow
      // after a lock has ended, the count starts again
      const failures = row && row.locked_until === null ? row.failures + 1 : 1;
      const locks = failures >= policy.threshold;
      const next: CredentialLockoutRow = {
        lockout_key: key,
        account_id: accountId,
        failures,
        locked_until: locks ? new Date(now.getTime() + policy.seconds * 1000).toISOString() : null,
        last_failure_at: now.toISOString(),
      };
      await repos.credentialLockouts.put(next);
      seen.set(key, next);
      if (next.locked_until !== null)
        reportLockout(repos, policy, { accountId, key, failures, lockedUntil: next.locked_until });
    },

    async recordSuccess(key) {
      const row = seen.has(key) ? seen.get(key) : await repos.credentialLockouts.get(key);
      if (row === undefined) return;
      await repos.credentialLockouts.delete(key);
      seen.set(key, undefined);
    },
  };
}

/**
 * One attempt at the credentials named by `keys`, inside a write transaction: refused unchecked while
 * any key is locked; otherwise `verify` decides, and a wrong attempt counts against every key while a
 * right one clears them. The transaction must commit even when the attempt is refused, so that the
 * failure is kept: callers turn `false` into their error after the write.
 */
export async function guardAttempt(
  lockout: CredentialLockout,
  keys: readonly LockoutKey[],
  verify: () => Promise<boolean>,
): Promise<boolean> {
  for (const key of keys) if ((await lockout.check(key)).locked) return false;
  const ok = await verify();
  for (const key of keys) await (ok ? lockout.recordSuccess(key) : lockout.recordFailure(key));
  return ok;
}

/** The tail of the attempts under way in this process, per key. */
const inFlight = new Map<LockoutKey, Promise<void>>();

/** Runs `fn` once every earlier attempt on any of `keys` in this process has finished. */
async function oneAtATime<T>(keys: readonly LockoutKey[], fn: () => Promise<T>): Promise<T> {
  const earlier = keys.map((k) => inFlight.get(k));
  let release!: () => void;
  const finished = new Promise<void>((resolve) => (release = resolve));
  const tail = Promise.all(earlier).then(() => finished);
  for (const k of keys) inFlight.set(k, tail);
  try {
    await Promise.all(earlier);
    return await fn();
  } finally {
    release();
    for (const k of keys) if (inFlight.get(k) === tail) inFlight.delete(k);
  }
}

/**
 * guardAttempt for checks too slow to hold a write lock through (password hashes): the lock is read
 * outside any transaction, `verify` runs, and only a failure, or a success after failures, is
 * written. Attempts on the same key run one at a time in this process, so a burst of guesses cannot
 * all pass the check before the first is counted; across nodes, at most one per node can.
 */
export function guardSlowAttempt(
  store: Store,
  accountId: string,
  policy: LockoutPolicy,
  now: Date,
  keys: readonly LockoutKey[],
  verify: () => Promise<boolean>,
): Promise<boolean> {
  return oneAtATime(keys, async () => {
    const states = await store.read((repos) => Promise.all(keys.map((k) => lockoutState(repos, k, now))));
    if (states.some((s) => s.locked)) return false;
    const ok = await verify();
    if (!ok || states.some((s) => s.failures > 0))
      await store.write(accountId, async (repos) => {
        const lockout = credentialLockout(repos, accountId, policy, now);
        for (const key of keys) await (ok ? lockout.recordSuccess(key) : lockout.recordFailure(key));
      });
    return ok;
  });
}
