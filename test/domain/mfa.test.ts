// Virtual MFA devices as the domain runs them, against a SQLite store on a frozen clock: enabling
// with the codes of two consecutive time steps (no other pair), each code usable once, resync after
// a drift, deactivation, deletion only of an unassigned device, and the lockout that wrong codes in
// a row set on the device and on the caller. Codes are computed here from the seed (RFC 6238).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_QUOTAS } from '../../src/config/defaults.ts';
import { base32Decode, hotp, timeStep, TOTP_STEP_SECONDS } from '../../src/crypto/totp.ts';
import {
  credentialLockout,
  lockoutKeys,
  type LockoutKey,
  type LockoutPolicy,
} from '../../src/domain/credential-lockout.ts';
import {
  createVirtualMfaDevice,
  deactivateMfaDevice,
  deleteVirtualMfaDevice,
  enableMfaDevice,
  resyncMfaDevice,
  tagMfaDevice,
  verifyMfaCode,
  type AuthenticationCodes,
} from '../../src/domain/mfa-devices.ts';
import type { RootPrincipal } from '../../src/domain/principal.ts';
import { createUser } from '../../src/domain/users.ts';
import {
  consecutiveCodes,
  NO_LOCKOUT,
  NOW,
  openDomainStore,
  type DomainStore,
} from '../support/domain-store.ts';

const S = timeStep(NOW);
/** The instant `n` time steps after NOW. */
const steps = (n: number) => new Date(NOW.getTime() + n * TOTP_STEP_SECONDS * 1000);
const invalidForUser = { code: 'NoSuchEntity', message: 'MFA Device invalid for user.' };

describe('virtual MFA devices', () => {
  let db: DomainStore;
  let acct: string;
  let aliceId: string;
  beforeAll(async () => {
    db = await openDomainStore('mfa');
  });
  beforeEach(async () => {
    acct = await db.newAccount();
    aliceId = (await db.write(acct, (r) => createUser(r, acct, { UserName: 'alice' }, DEFAULT_QUOTAS, NOW)))
      .user_id;
    await db.write(acct, (r) => createUser(r, acct, { UserName: 'bob' }, DEFAULT_QUOTAS, NOW));
  });
  afterAll(() => db.close());

  const root = (): RootPrincipal => ({
    type: 'root',
    accountId: acct,
    arn: `arn:aws:iam::${acct}:root`,
    id: acct,
  });
  const newDevice = async (name = 'phone') => {
    const created = await db.write(acct, (r) =>
      createVirtualMfaDevice(r, db.sealer, acct, { VirtualMFADeviceName: name }, DEFAULT_QUOTAS, NOW),
    );
    return {
      serial: created.row.serial_number,
      seed: base32Decode(created.base32Seed),
      base32: created.base32Seed,
    };
  };
  const device = (serial: string) => db.read((r) => r.mfaDevices.get(acct, serial));
  const codes = (seed: Buffer, first: number, second: number): AuthenticationCodes => ({
    AuthenticationCode1: hotp(seed, first),
    AuthenticationCode2: hotp(seed, second),
  });
  const enable = (
    serial: string,
    c: AuthenticationCodes,
    at = NOW,
    policy: LockoutPolicy = NO_LOCKOUT,
    user = 'alice',
  ) =>
    db.write(acct, (r) =>
      enableMfaDevice(
        r,
        db.sealer,
        acct,
        { UserName: user, SerialNumber: serial, ...c },
        at,
        credentialLockout(r, acct, policy, at),
      ),
    );
  const resync = (serial: string, c: AuthenticationCodes, at: Date, user = 'alice') =>
    db.write(acct, (r) =>
      resyncMfaDevice(
        r,
        db.sealer,
        acct,
        { UserName: user, SerialNumber: serial, ...c },
        at,
        credentialLockout(r, acct, NO_LOCKOUT, at),
      ),
    );
  const verify = (
    serial: string,
    code: string,
    at: Date,
    options: { userId?: string; policy?: LockoutPolicy; principalKey?: LockoutKey } = {},
  ) =>
    db.write(acct, (r) =>
      verifyMfaCode(r, acct, serial, code, at, {
        sealer: db.sealer,
        lockout: credentialLockout(r, acct, options.policy ?? NO_LOCKOUT, at),
        ...(options.userId !== undefined ? { userId: options.userId } : {}),
        ...(options.principalKey !== undefined ? { principalKey: options.principalKey } : {}),
      }),
    );

  describe('creation', () => {
    it('keeps the seed only sealed, and refuses a second device of the same name', async () => {
      const { base32, seed } = await newDevice('phone');
      const stored = JSON.stringify(await db.store.rawRows('mfa_devices'));
      expect(stored).not.toContain(base32);
      expect(stored).not.toContain(seed.toString('base64'));
      expect(
        await db.refuses(acct, (r) =>
          createVirtualMfaDevice(r, db.sealer, acct, { VirtualMFADeviceName: 'phone' }, DEFAULT_QUOTAS, NOW),
        ),
      ).toEqual({
        code: 'EntityAlreadyExists',
        message: 'MFADevice entity at the same path and name already exists.',
      });
    });
  });

  describe('EnableMFADevice', () => {
    it('enables a device with the codes of the previous and the current time step', async () => {
      const { serial, seed } = await newDevice();
      expect(await enable(serial, consecutiveCodes(seed, NOW))).toBe(true);
      expect(await device(serial)).toMatchObject({
        user_id: aliceId,
        enabled_at: NOW.toISOString(),
        last_step: S,
      });
    });

    it.each([
      ['ending one step behind', S - 2, S - 1, true],
      ['ending one step ahead', S, S + 1, true],
      ['ending two steps ahead', S + 1, S + 2, false],
      ['ending two steps behind', S - 3, S - 2, false],
      ['a step apart', S - 2, S, false],
      ['in reverse order', S, S - 1, false],
      ['the same code twice', S, S, false],
    ])('codes %s: accepted %s', async (_what, first, second, accepted) => {
      const { serial, seed } = await newDevice();
      expect(await enable(serial, codes(seed, first, second))).toBe(accepted);
      expect((await device(serial))?.user_id).toBe(accepted ? aliceId : null);
    });

    it('refuses codes of another device’s seed', async () => {
      const { serial } = await newDevice('mine');
      const other = await newDevice('other');
      expect(await enable(serial, consecutiveCodes(other.seed, NOW))).toBe(false);
      expect((await device(serial))?.user_id).toBeNull();
    });

    it('refuses a device already enabled, for another user or the same, and leaves it with its user', async () => {
      const { serial, seed } = await newDevice();
      await enable(serial, consecutiveCodes(seed, NOW));
      for (const user of ['bob', 'alice'])
        expect(
          await db.refuses(acct, (r) =>
            enableMfaDevice(
              r,
              db.sealer,
              acct,
              { UserName: user, SerialNumber: serial, ...consecutiveCodes(seed, steps(2)) },
              steps(2),
              credentialLockout(r, acct, NO_LOCKOUT, steps(2)),
            ),
          ),
        ).toEqual({ code: 'EntityAlreadyExists', message: 'MFA Device is already in use.' });
    });
  });

  describe('each code once', () => {
    it('refuses the codes that enabled the device, and any code once a later one was used', async () => {
      const { serial, seed } = await newDevice();
      await enable(serial, consecutiveCodes(seed, NOW));
      expect(await verify(serial, hotp(seed, S), NOW)).toBe(false);
      expect(await verify(serial, hotp(seed, S + 1), steps(1))).toBe(true);
      expect(await verify(serial, hotp(seed, S + 1), steps(1))).toBe(false);
      // a code of the window that is older than the one used is spent too
      expect(await verify(serial, hotp(seed, S + 2), steps(2))).toBe(true);
      expect(await verify(serial, hotp(seed, S + 1), steps(2))).toBe(false);
    });

    it('takes a code within one step of now and none further', async () => {
      const { serial, seed } = await newDevice();
      await enable(serial, consecutiveCodes(seed, NOW));
      const at = steps(10);
      expect(await verify(serial, hotp(seed, S + 12), at)).toBe(false);
      expect(await verify(serial, hotp(seed, S + 8), at)).toBe(false);
      expect(await verify(serial, hotp(seed, S + 9), at)).toBe(true);
    });

    it('refuses a code for a device enabled for another user, or not enabled at all', async () => {
      const { serial, seed } = await newDevice('enabled');
      await enable(serial, consecutiveCodes(seed, NOW));
      const bobId = (await db.read((r) => r.users.byName(acct, 'bob')))!.user_id;
      expect(await verify(serial, hotp(seed, S + 1), steps(1), { userId: bobId })).toBe(false);
      expect(await verify(serial, hotp(seed, S + 1), steps(1), { userId: aliceId })).toBe(true);
      const idle = await newDevice('idle');
      expect(await verify(idle.serial, hotp(idle.seed, S), NOW)).toBe(false);
    });
  });

  describe('ResyncMFADevice', () => {
    it('learns a drift from two consecutive codes, after which the drifted codes are taken', async () => {
      const { serial, seed } = await newDevice();
      await enable(serial, consecutiveCodes(seed, NOW));
      // five steps later, the device's clock runs ten steps ahead
      const at = steps(5);
      expect(await verify(serial, hotp(seed, S + 15), at)).toBe(false);
      expect(await resync(serial, codes(seed, S + 14, S + 15), at)).toBe(true);
      expect(await device(serial)).toMatchObject({ drift_steps: 10, last_step: S + 15 });
      // the resync codes are spent; the next step's code is taken
      expect(await verify(serial, hotp(seed, S + 15), at)).toBe(false);
      expect(await verify(serial, hotp(seed, S + 16), steps(6))).toBe(true);
    });

    it('refuses a pair with a code already spent, and leaves the drift as it was', async () => {
      const { serial, seed } = await newDevice();
      await enable(serial, consecutiveCodes(seed, NOW));
      expect(await resync(serial, consecutiveCodes(seed, NOW), NOW)).toBe(false);
      // the first code spent is enough to refuse the pair, though the second is new
      expect(await resync(serial, codes(seed, S, S + 1), NOW)).toBe(false);
      expect(await device(serial)).toMatchObject({ drift_steps: 0, last_step: S });
    });

    it('looks sixty steps either side of now and no further', async () => {
      const { serial, seed } = await newDevice();
      await enable(serial, consecutiveCodes(seed, NOW));
      expect(await resync(serial, codes(seed, S + 60, S + 61), NOW)).toBe(false);
      expect(await resync(serial, codes(seed, S + 59, S + 60), NOW)).toBe(true);
      expect((await device(serial))?.drift_steps).toBe(60);
    });

    it('refuses a device that is not the named user’s', async () => {
      const { serial, seed } = await newDevice();
      await enable(serial, consecutiveCodes(seed, NOW));
      expect(
        await db.refuses(acct, (r) =>
          resyncMfaDevice(
            r,
            db.sealer,
            acct,
            { UserName: 'bob', SerialNumber: serial, ...consecutiveCodes(seed, steps(3)) },
            steps(3),
            credentialLockout(r, acct, NO_LOCKOUT, steps(3)),
          ),
        ),
      ).toEqual(invalidForUser);
    });
  });

  describe('DeactivateMFADevice and DeleteVirtualMFADevice', () => {
    it('deactivates a device for its user only; the device remains and its codes no longer count', async () => {
      const { serial, seed } = await newDevice();
      await enable(serial, consecutiveCodes(seed, NOW));
      expect(
        await db.refuses(acct, (r) =>
          deactivateMfaDevice(r, acct, root(), { UserName: 'bob', SerialNumber: serial }),
        ),
      ).toEqual(invalidForUser);
      await db.write(acct, (r) =>
        deactivateMfaDevice(r, acct, root(), { UserName: 'alice', SerialNumber: serial }),
      );
      expect(await device(serial)).toMatchObject({
        user_id: null,
        enabled_at: null,
        last_step: null,
        drift_steps: 0,
      });
      expect(await verify(serial, hotp(seed, S + 1), steps(1))).toBe(false);
      expect(
        await db.refuses(acct, (r) =>
          deactivateMfaDevice(r, acct, root(), { UserName: 'alice', SerialNumber: serial }),
        ),
      ).toEqual(invalidForUser);
    });

    it('refuses to delete a device while it is enabled, then deletes it and its tags once deactivated', async () => {
      const { serial, seed } = await newDevice();
      await db.write(acct, (r) =>
        tagMfaDevice(r, acct, serial, [{ Key: 'owner', Value: 'alice' }], DEFAULT_QUOTAS),
      );
      await enable(serial, consecutiveCodes(seed, NOW));
      expect(await db.refuses(acct, (r) => deleteVirtualMfaDevice(r, acct, serial))).toEqual({
        code: 'DeleteConflict',
        message: 'MFA VirtualDevice in use. Must deactivate first.',
      });
      await db.write(acct, (r) =>
        deactivateMfaDevice(r, acct, root(), { UserName: 'alice', SerialNumber: serial }),
      );
      await db.write(acct, (r) => deleteVirtualMfaDevice(r, acct, serial));
      expect(await device(serial)).toBeUndefined();
      expect(await db.read((r) => r.tags.list('mfa-device', serial))).toEqual([]);
      expect(await db.refuses(acct, (r) => deleteVirtualMfaDevice(r, acct, serial))).toEqual({
        code: 'NoSuchEntity',
        message: `MFA Device with serial number ${serial} does not exist.`,
      });
    });
  });

  describe('lockout', () => {
    const POLICY: LockoutPolicy = { threshold: 3, seconds: 60 };

    it('locks a device after wrong codes in a row: even the right codes are refused until the lock ends', async () => {
      const { serial, seed } = await newDevice();
      for (let i = 0; i < POLICY.threshold; i++)
        expect(await enable(serial, codes(seed, S - 2, S), NOW, POLICY)).toBe(false);
      expect(await enable(serial, consecutiveCodes(seed, NOW), NOW, POLICY)).toBe(false);
      expect((await device(serial))?.user_id).toBeNull();
      const after = new Date(NOW.getTime() + POLICY.seconds * 1000);
      expect(await enable(serial, consecutiveCodes(seed, after), after, POLICY)).toBe(true);
    });

    it('counts a wrong code against the device and the caller, and a locked caller is refused on any device', async () => {
      const first = await newDevice('first');
      const second = await newDevice('second');
      await enable(first.serial, consecutiveCodes(first.seed, NOW));
      await enable(second.serial, consecutiveCodes(second.seed, NOW));
      const caller = lockoutKeys.mfaPrincipal({
        type: 'user',
        accountId: acct,
        arn: '',
        id: aliceId,
        userName: 'alice',
        path: '/',
      });
      const at = steps(1);
      for (let i = 0; i < POLICY.threshold; i++)
        expect(await verify(first.serial, '000000', at, { policy: POLICY, principalKey: caller })).toBe(
          false,
        );
      expect(
        await verify(second.serial, hotp(second.seed, S + 1), at, { policy: POLICY, principalKey: caller }),
      ).toBe(false);
      // without the caller's key, the first device is still locked and the second is not
      expect(await verify(first.serial, hotp(first.seed, S + 1), at, { policy: POLICY })).toBe(false);
      expect(await verify(second.serial, hotp(second.seed, S + 1), at, { policy: POLICY })).toBe(true);
    });

    it('does not let a caller lock a device it may not use by naming it', async () => {
      const { serial, seed } = await newDevice();
      await enable(serial, consecutiveCodes(seed, NOW));
      const bobId = (await db.read((r) => r.users.byName(acct, 'bob')))!.user_id;
      const at = steps(1);
      for (let i = 0; i < POLICY.threshold + 1; i++)
        expect(await verify(serial, '000000', at, { policy: POLICY, userId: bobId })).toBe(false);
      expect(await verify(serial, hotp(seed, S + 1), at, { policy: POLICY, userId: aliceId })).toBe(true);
    });
  });
});
