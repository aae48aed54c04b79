// A store (SQLite in a temporary directory, or PostgreSQL in a fresh schema) for the suites of
// domain rules (test/domain/): a fresh account per test, the frozen instant they run at, the check
// that a refused call leaves every table as it was, and the few set-up steps the suites share (an
// MFA device proven with its codes).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { Sealer } from '../../src/crypto/seal.ts';
import { base32Decode, hotp, timeStep } from '../../src/crypto/totp.ts';
import { credentialLockout, type LockoutPolicy } from '../../src/domain/credential-lockout.ts';
import { createVirtualMfaDevice, enableMfaDevice } from '../../src/domain/mfa-devices.ts';
import { DEFAULT_QUOTAS } from '../../src/config/defaults.ts';
import { AwsError } from '../../src/errors.ts';
import type { Database } from '../../src/store/database.ts';
import { openStore, type KyselyStore, type ReadRepos, type Repos } from '../../src/store/index.ts';
import type { Backend } from './backends.ts';
import { testDatabaseUrl } from './test-server.ts';

/** The frozen instant every domain call in these suites is made at (ten seconds into a TOTP step). */
export const NOW = new Date('2030-01-01T00:00:10Z');

/** A lockout that never locks, for tests about something else than lockout. */
export const NO_LOCKOUT: LockoutPolicy = { threshold: 1_000_000, seconds: 1 };

/** The tables a domain rule may write; a refused call must leave every one as it was. */
const TABLES: readonly (keyof Database)[] = [
  'accounts',
  'users',
  'access_keys',
  'login_profiles',
  'password_policies',
  'groups',
  'group_members',
  'roles',
  'managed_policies',
  'policy_versions',
  'policy_attachments',
  'inline_policies',
  'tags',
  'instance_profiles',
  'instance_profile_roles',
  'mfa_devices',
  'oidc_providers',
  'saml_providers',
  'service_linked_role_deletions',
];

/** What a refused call answered. */
export interface Refusal {
  code: string;
  message: string;
}

export interface DomainStore {
  readonly store: KyselyStore;
  readonly sealer: Sealer;
  /** A new account (no root key, no policies): counts and quotas start from nothing. */
  newAccount(): Promise<string>;
  /** A write; read through its `repos` only: SQLite has one connection, and the write holds it. */
  write<T>(accountId: string, fn: (repos: Repos) => Promise<T>): Promise<T>;
  read<T>(fn: (repos: ReadRepos) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` in a write and returns the AwsError it threw, after checking that no table changed.
   * The write commits even though `fn` threw, so a rule must refuse before it changes anything, not
   * rely on the rollback; `{ rollback: true }` lets the store's rollback undo what came before.
   */
  refuses(
    accountId: string,
    fn: (repos: Repos) => Promise<unknown>,
    options?: { rollback?: boolean },
  ): Promise<Refusal>;
  close(): Promise<void>;
}

/** A store for `name`'s suite: SQLite by default, or PostgreSQL in a fresh schema (dropped after the run). */
export async function openDomainStore(name: string, backend: Backend = 'sqlite'): Promise<DomainStore> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `tessera-domain-${name}-`));
  const databaseUrl = testDatabaseUrl(backend);
  const store = await openStore(databaseUrl ? { dataDir, databaseUrl } : { dataDir });
  const sealer = new Sealer(randomBytes(32));
  let accounts = 0;
  const snapshot = async () => Promise.all(TABLES.map((t) => store.rawRows(t)));
  return {
    store,
    sealer,
    async newAccount() {
      const accountId = String(100_000_000_000 + ++accounts);
      await store.write(accountId, (r) =>
        r.accounts.insert({ account_id: accountId, created_at: NOW.toISOString(), quotas: null }),
      );
      return accountId;
    },
    write: (accountId, fn) => store.write(accountId, fn),
    read: (fn) => store.read(fn),
    async refuses(accountId, fn, options = {}) {
      const before = await snapshot();
      let caught: unknown;
      let succeeded = false;
      try {
        await store.write(accountId, async (repos) => {
          try {
            await fn(repos);
            succeeded = true;
          } catch (err) {
            caught = err;
            if (options.rollback) throw err;
          }
        });
      } catch (err) {
        if (err !== caught) throw err;
      }
      if (succeeded) throw new Error('expected the call to be refused, but it succeeded');
      if (!(caught instanceof AwsError)) throw caught;
      expect(await snapshot(), `${caught.code} changed the store`).toEqual(before);
      return { code: caught.code, message: caught.message };
    },
    async close() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The codes of two consecutive time steps ending at the step of `at`, as EnableMFADevice takes them. */
export function consecutiveCodes(seed: Buffer, at: Date, offsetSteps = 0) {
  const step = timeStep(at) + offsetSteps;
  return { AuthenticationCode1: hotp(seed, step - 1), AuthenticationCode2: hotp(seed, step) };
}

/** Creates a virtual MFA device and enables it for the user with the right codes at NOW. */
export async function enableNewMfaDevice(
  db: DomainStore,
  accountId: string,
  userName: string,
  deviceName: string,
): Promise<{ serialNumber: string; seed: Buffer }> {
  return db.write(accountId, async (repos) => {
    const created = await createVirtualMfaDevice(
      repos,
      db.sealer,
      accountId,
      { VirtualMFADeviceName: deviceName },
      DEFAULT_QUOTAS,
      NOW,
    );
    const seed = base32Decode(created.base32Seed);
    const serialNumber = created.row.serial_number;
    const enabled = await enableMfaDevice(
      repos,
      db.sealer,
      accountId,
      { UserName: userName, SerialNumber: serialNumber, ...consecutiveCodes(seed, NOW) },
      NOW,
      credentialLockout(repos, accountId, NO_LOCKOUT, NOW),
    );
    if (!enabled) throw new Error(`device ${deviceName} was not enabled`);
    return { serialNumber, seed };
  });
}
