// Throttling of guessable credentials over HTTP with the real AWS SDK v3, on each storage backend:
// wrong MFA codes (GetSessionToken, AssumeRole, EnableMFADevice, ResyncMFADevice) and wrong old
// passwords (ChangePassword) in a row lock the device, the principal or the user's password for
// lockoutSeconds, during which even the right code or password is refused with the wrong one's error;
// the lock lives in the store, so it holds across a restart. Codes are computed from the seed at
// instants of a frozen clock that the tests move, never waited for.
import {
  ChangePasswordCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  PutUserPolicyCommand,
  ResyncMFADeviceCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, hotp, timeStep, TOTP_STEP_SECONDS } from '../../src/crypto/totp.ts';
import {
  awsError,
  BACKENDS,
  startTestServer,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const STEP_MS = TOTP_STEP_SECONDS * 1000;
const THRESHOLD = 3;
const LOCK_SECONDS = 60;
const WRONG_MFA = {
  code: 'AccessDenied',
  status: 403,
  message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
};
const WRONG_DEVICE_CODES = {
  code: 'InvalidAuthenticationCode',
  status: 403,
  message: 'Authentication code for device is not valid.',
};
const WRONG_PASSWORD = { code: 'AccessDenied', status: 403, message: 'The old password is incorrect.' };

describe.each(BACKENDS)('credential lockout on %s', (backend) => {
  let t: TestServer;
  // Ten seconds into a time step, ten minutes behind real time: the tests move the clock on by less
  // than twenty minutes in all, within the fifteen minutes of skew SigV4 allows either way.
  let now = new Date(Math.floor((Date.now() - 600_000) / STEP_MS) * STEP_MS + 10_000);
  const clock = { now: () => now };
  const step = () => timeStep(now);
  const advanceSeconds = (s: number) => {
    now = new Date(now.getTime() + s * 1000);
  };
  /** Past the lock, landing in a later time step so that a new code is due. */
  const outlastLock = () => advanceSeconds(LOCK_SECONDS + TOTP_STEP_SECONDS);

  beforeAll(async () => {
    t = await startTestServer(backend, {
      clock,
      config: { lockoutThreshold: THRESHOLD, lockoutSeconds: LOCK_SECONDS },
    });
  });
  afterAll(() => t.destroy());
  interface Holder {
    name: string;
    id: string;
    creds: Credentials;
  }
  interface Device {
    serial: string;
    seed: Buffer;
  }

  const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

  /** A user with an access key allowed to assume roles and change its own password. */
  async function newUser(name: string): Promise<Holder> {
    const user = (await t.iam().send(new CreateUserCommand({ UserName: name }))).User!;
    await t.iam().send(
      new PutUserPolicyCommand({
        UserName: name,
        PolicyName: 'lockout-test',
        PolicyDocument: doc([
          { Effect: 'Allow', Action: ['sts:AssumeRole', 'iam:ChangePassword'], Resource: '*' },
        ]),
      }),
    );
    const key = (await t.iam().send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
    return {
      name,
      id: user.UserId!,
      creds: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! },
    };
  }

  async function newDevice(name: string): Promise<Device> {
    const device = (await t.iam().send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name })))
      .VirtualMFADevice!;
    return {
      serial: device.SerialNumber!,
      seed: base32Decode(Buffer.from(device.Base32StringSeed!).toString('ascii')),
    };
  }

  /** Enables a new device for `user` with the two codes before the current step's. */
  async function enabledDevice(user: Holder, name: string): Promise<Device> {
    const device = await newDevice(name);
    await t.iam().send(
      new EnableMFADeviceCommand({
        UserName: user.name,
        SerialNumber: device.serial,
        AuthenticationCode1: hotp(device.seed, step() - 2),
        AuthenticationCode2: hotp(device.seed, step() - 1),
      }),
    );
    return device;
  }

  /** Six-digit codes the device does not show anywhere near now. */
  function wrongCodes(device: Device, n: number): string[] {
    const near = new Set<string>();
    for (let d = -65; d <= 65; d++) near.add(hotp(device.seed, step() + d));
    const out: string[] = [];
    for (let i = 0; out.length < n; i++) {
      const code = String(i * 7919)
        .padStart(6, '0')
        .slice(-6);
      if (!near.has(code) && !out.includes(code)) out.push(code);
    }
    return out;
  }

  const sessionToken = (user: Holder, device: Device, code: string) =>
    t.sts(user.creds).send(new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: code }));
  const rightCode = (device: Device) => hotp(device.seed, step());

  async function guessWrong(user: Holder, device: Device, n: number): Promise<void> {
    for (const code of wrongCodes(device, n))
      expect(await awsError(() => sessionToken(user, device, code))).toMatchObject(WRONG_MFA);
  }

  it('refuses even the right code after lockoutThreshold wrong ones on GetSessionToken, until lockoutSeconds pass', async () => {
    const ann = await newUser('ann');
    const phone = await enabledDevice(ann, 'ann-phone');
    await guessWrong(ann, phone, THRESHOLD);
    const code = rightCode(phone);
    expect(await awsError(() => sessionToken(ann, phone, code))).toMatchObject(WRONG_MFA);

    // the lock is logged once per locked key, naming the key and never the code
    const locks = t.log.lines().filter((l) => l.msg === 'credential locked');
    expect(locks.some((l) => l.level === 'warn' && l.key === `mfa-device:${phone.serial}`)).toBe(true);
    expect(t.log.text()).not.toContain(code);

    advanceSeconds(LOCK_SECONDS - TOTP_STEP_SECONDS);
    expect(await awsError(() => sessionToken(ann, phone, rightCode(phone)))).toMatchObject(WRONG_MFA);
    outlastLock();
    const out = await sessionToken(ann, phone, rightCode(phone));
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });

  it("locks the guessed device and the guessing principal, while another user's device still works", async () => {
    const bob = await newUser('bob');
    const bobPhone = await enabledDevice(bob, 'bob-phone');
    const bobSpare = await enabledDevice(bob, 'bob-spare');
    const cat = await newUser('cat');
    const catPhone = await enabledDevice(cat, 'cat-phone');

    await guessWrong(bob, bobPhone, THRESHOLD);
    // the principal is locked: bob's other device is refused too
    expect(await awsError(() => sessionToken(bob, bobSpare, rightCode(bobSpare)))).toMatchObject(WRONG_MFA);
    // the device is locked: the account's root, which may use any of its devices, is refused it
    expect(
      await awsError(() =>
        t
          .sts()
          .send(
            new GetSessionTokenCommand({ SerialNumber: bobPhone.serial, TokenCode: rightCode(bobPhone) }),
          ),
      ),
    ).toMatchObject(WRONG_MFA);
    // another principal with another device is untouched
    expect((await sessionToken(cat, catPhone, rightCode(catPhone))).Credentials?.AccessKeyId).toMatch(
      /^ASIA/,
    );
    outlastLock();
    expect((await sessionToken(bob, bobSpare, rightCode(bobSpare))).Credentials?.AccessKeyId).toMatch(
      /^ASIA/,
    );
  });

  it('starts the count again after a right code given before the threshold', async () => {
    const dan = await newUser('dan');
    const phone = await enabledDevice(dan, 'dan-phone');
    await guessWrong(dan, phone, THRESHOLD - 1);
    await sessionToken(dan, phone, rightCode(phone));
    advanceSeconds(TOTP_STEP_SECONDS);
    await guessWrong(dan, phone, THRESHOLD - 1);
    const out = await sessionToken(dan, phone, rightCode(phone));
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    advanceSeconds(TOTP_STEP_SECONDS);
  });

  it('counts wrong TokenCodes given to AssumeRole', async () => {
    const eve = await newUser('eve');
    const phone = await enabledDevice(eve, 'eve-phone');
    await t.iam().send(
      new CreateRoleCommand({
        RoleName: 'lockout-target',
        AssumeRolePolicyDocument: doc([
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' },
        ]),
      }),
    );
    const assume = (code: string) =>
      t.sts(eve.creds).send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${ACCOUNT}:role/lockout-target`,
          RoleSessionName: 'guess',
          SerialNumber: phone.serial,
          TokenCode: code,
        }),
      );
    for (const code of wrongCodes(phone, THRESHOLD))
      expect(await awsError(() => assume(code))).toMatchObject(WRONG_MFA);
    expect(await awsError(() => assume(rightCode(phone)))).toMatchObject(WRONG_MFA);
    expect(await awsError(() => sessionToken(eve, phone, rightCode(phone)))).toMatchObject(WRONG_MFA);
    outlastLock();
    expect((await assume(rightCode(phone))).Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });

  it('counts wrong codes given to EnableMFADevice and ResyncMFADevice against the device', async () => {
    await t.iam().send(new CreateUserCommand({ UserName: 'fay' }));
    const phone = await newDevice('fay-phone');
    const enable = (codes: string[]) =>
      t.iam().send(
        new EnableMFADeviceCommand({
          UserName: 'fay',
          SerialNumber: phone.serial,
          AuthenticationCode1: codes[0],
          AuthenticationCode2: codes[1],
        }),
      );
    const wrong = wrongCodes(phone, 2 * THRESHOLD);
    for (let i = 0; i < THRESHOLD; i++)
      expect(await awsError(() => enable([wrong[2 * i]!, wrong[2 * i + 1]!]))).toMatchObject(
        WRONG_DEVICE_CODES,
      );
    const right = () => [hotp(phone.seed, step() - 1), hotp(phone.seed, step())];
    expect(await awsError(() => enable(right()))).toMatchObject(WRONG_DEVICE_CODES);
    outlastLock();
    await enable(right());

    const resync = (codes: string[]) =>
      t.iam().send(
        new ResyncMFADeviceCommand({
          UserName: 'fay',
          SerialNumber: phone.serial,
          AuthenticationCode1: codes[0],
          AuthenticationCode2: codes[1],
        }),
      );
    advanceSeconds(2 * TOTP_STEP_SECONDS);
    for (let i = 0; i < THRESHOLD; i++)
      expect(await awsError(() => resync([wrong[2 * i]!, wrong[2 * i + 1]!]))).toMatchObject(
        WRONG_DEVICE_CODES,
      );
    expect(await awsError(() => resync(right()))).toMatchObject(WRONG_DEVICE_CODES);
    outlastLock();
    await resync(right());
  });

  it("locks a user's password changes after lockoutThreshold wrong old passwords", async () => {
    const gus = await newUser('gus');
    const hal = await newUser('hal');
    for (const u of [gus, hal])
      await t.iam().send(new CreateLoginProfileCommand({ UserName: u.name, Password: 'First-Password-1' }));
    const change = (user: Holder, oldPassword: string, newPassword: string) =>
      t
        .iam(user.creds)
        .send(new ChangePasswordCommand({ OldPassword: oldPassword, NewPassword: newPassword }));

    for (let i = 0; i < THRESHOLD; i++)
      expect(await awsError(() => change(gus, `Wrong-Guess-${i}`, 'Second-Password-2'))).toMatchObject(
        WRONG_PASSWORD,
      );
    expect(await awsError(() => change(gus, 'First-Password-1', 'Second-Password-2'))).toMatchObject(
      WRONG_PASSWORD,
    );
    const locks = t.log.lines().filter((l) => l.msg === 'credential locked');
    expect(locks.some((l) => l.key === `password:${gus.id}`)).toBe(true);
    expect(t.log.text()).not.toContain('Wrong-Guess');
    expect(t.log.text()).not.toContain('First-Password-1');
    // another user's password is not locked
    await change(hal, 'First-Password-1', 'Second-Password-2');
    outlastLock();
    await change(gus, 'First-Password-1', 'Second-Password-2');
  });

  it('keeps a lock across a restart of the server on the same data', async () => {
    const ivy = await newUser('ivy');
    const phone = await enabledDevice(ivy, 'ivy-phone');
    await guessWrong(ivy, phone, THRESHOLD);
    await t.stop();
    t = await startTestServer(backend, { clock, reuse: t.config });
    expect(await awsError(() => sessionToken(ivy, phone, rightCode(phone)))).toMatchObject(WRONG_MFA);
    outlastLock();
    expect((await sessionToken(ivy, phone, rightCode(phone))).Credentials?.AccessKeyId).toMatch(/^ASIA/);
  });
});
