// MFA at console sign-in over HTTP, on both backends (docs/console-api.md): a user with several MFA
// devices answers with the code of the one chosen; an account root with a device is asked for its code;
// with TESSERA_CONSOLE_REQUIRE_MFA one who must use MFA and has none assigns a virtual device at
// sign-in (a QR code of the otpauth URI and its secret, then two consecutive codes, EnableMFADevice's
// rules and errors), and the device is then the user's or root's as if made through the IAM API; a
// failed ConsoleLogin is recorded as AWS records it. Codes are computed at instants of a frozen clock.
import {
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  EnableMFADeviceCommand,
  GetAccountSummaryCommand,
  GetMFADeviceCommand,
  ListMFADevicesCommand,
  ListVirtualMFADevicesCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/crypto/password-hash.ts';
import { base32Decode, hotp, timeStep } from '../../src/crypto/totp.ts';
import type { ConsoleRequireMfa } from '../../src/config/defaults.ts';
import { ConsoleClient, consoleLoginEvents, eventsNamed } from '../support/console-client.ts';
import { CONSOLE_PASSWORD, consoleUser, enabledVirtualMfa } from '../support/console-users.ts';
import { qrCodeText } from '../support/qr-code.ts';
import {
  awsError,
  BACKENDS,
  startTestServer,
  type Backend,
  type TestServer,
} from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const ROOT_SIGN_IN = 'owner@example.com';
const ROOT_PASSWORD = 'Root-Password-99';
const STEP_MS = 30_000;
/** An IAM call's event, as far as these tests read it. */
interface IamCallEvent {
  eventSource: string;
  userIdentity: { userName?: string };
  requestParameters: Record<string, unknown>;
  responseElements: Record<string, unknown> | null;
  errorCode?: string;
}
/** The text of a QR code given as a base64 PNG. */
const qrText = (base64Png: string) => qrCodeText(Buffer.from(base64Png, 'base64'));

/** A console server and its clock, which the tests move (the SDK signs with the real one: only minutes). */
interface MfaServer {
  t: TestServer;
  clock: { at: Date };
  /** Moves the clock past every code used so far. */
  nextCodes(): void;
  /** The code of a Base32 secret now, moved by `offset` steps. */
  codeOf(secret: string, offset?: number): string;
}

/** A server for the tests of the describe block calling this: the root has a console password. */
function useMfaServer(backend: Backend, consoleRequireMfa: ConsoleRequireMfa): MfaServer {
  const clock = { at: new Date() };
  const s: MfaServer = {
    t: undefined as unknown as TestServer,
    clock,
    nextCodes: () => void (clock.at = new Date(clock.at.getTime() + 2 * STEP_MS)),
    codeOf: (secret, offset = 0) =>
      hotp(base32Decode(secret), timeStep(new Date(clock.at.getTime() + offset * STEP_MS))),
  };
  beforeAll(async () => {
    s.t = await startTestServer(backend, { clock: { now: () => clock.at }, config: { consoleRequireMfa } });
    const hash = await hashPassword(ROOT_PASSWORD);
    await s.t.server.services.store.writeRecords((r) =>
      r.consoleSessions.setRootPassword({
        account_id: ACCOUNT,
        sign_in_name: ROOT_SIGN_IN,
        password_hash: hash,
        set_at: clock.at.toISOString(),
      }),
    );
  });
  afterAll(() => s.t.destroy());
  return s;
}

const userSignIn = (b: ConsoleClient, userName: string) =>
  b.send('POST', '/console/api/sign-in', { account: ACCOUNT, userName, password: CONSOLE_PASSWORD });
const rootSignIn = (b: ConsoleClient) =>
  b.send('POST', '/console/api/sign-in', { root: ROOT_SIGN_IN, password: ROOT_PASSWORD });
const mfaStep = (b: ConsoleClient, body: { ticket?: string; code: string; serialNumber?: string }) =>
  b.send('POST', '/console/api/sign-in/mfa', body);
const enrolStep = (b: ConsoleClient, body: { ticket?: string; code1: string; code2: string }) =>
  b.send('POST', '/console/api/sign-in/enrol-mfa', body);

describe.each(BACKENDS)('MFA at console sign-in, required for all, on %s', (backend: Backend) => {
  const s = useMfaServer(backend, 'all');

  it('signs a user in with the code of the device chosen among several, and refuses another device’s', async () => {
    const { t, clock } = s;
    await consoleUser(t, 'dave');
    const first = await enabledVirtualMfa(t, 'dave', 'dave-phone', clock.at);
    const second = await enabledVirtualMfa(t, 'dave', 'dave-backup', clock.at);
    s.nextCodes();
    const b = new ConsoleClient(t.url);
    const asked = await userSignIn(b, 'dave');
    expect(asked.body).toEqual({
      next: 'mfa',
      ticket: expect.any(String),
      devices: [first.serialNumber, second.serialNumber].sort(),
    });
    const ticket = asked.body.ticket;
    // the second device's code, said to be the first's; a device the user does not have; no code
    for (const body of [
      { ticket, code: second.code(clock.at), serialNumber: first.serialNumber },
      { ticket, code: second.code(clock.at), serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/nobody` },
      { ticket, code: '12345', serialNumber: second.serialNumber },
    ]) {
      const refused = await mfaStep(b, body);
      expect([refused.status, refused.body.error?.code]).toEqual([401, 'InvalidCredentials']);
    }
    expect((await b.session()).status).toBe(401);
    const done = await mfaStep(b, { ticket, code: second.code(clock.at), serialNumber: second.serialNumber });
    expect(done.body).toEqual({ next: 'done' });
    expect((await b.session()).body).toMatchObject({ identity: { name: 'dave' }, mfaUsed: true });
    // the code is spent: another sign-in cannot use it again
    const again = await userSignIn(new ConsoleClient(t.url), 'dave');
    const replay = await mfaStep(b, {
      ticket: again.body.ticket,
      code: second.code(clock.at),
      serialNumber: second.serialNumber,
    });
    expect(replay.status).toBe(401);
  });

  it('has a user without a device assign one from the QR code shown, with EnableMFADevice’s rules', async () => {
    const { t, codeOf } = s;
    await consoleUser(t, 'carol');
    s.nextCodes();
    const b = new ConsoleClient(t.url);
    const asked = await userSignIn(b, 'carol');
    expect(asked.setCookie).toBeNull();
    expect(asked.body).toEqual({
      next: 'enrol-mfa',
      ticket: expect.any(String),
      qrCodePng: expect.any(String),
      secret: expect.stringMatching(/^[A-Z2-7]{32,}$/),
    });
    const { ticket, secret } = asked.body as { ticket: string; secret: string };
    // the QR code carries the otpauth URI of that secret, labelled as CreateVirtualMFADevice's are
    expect(qrText(asked.body.qrCodePng!)).toBe(
      `otpauth://totp/Tessera:carol%40${ACCOUNT}?secret=${secret}&issuer=Tessera`,
    );
    // until the device exists, its seed is kept only sealed
    const pending = JSON.stringify(await t.server.store.rawRows('console_sessions'));
    expect(pending).not.toContain(secret);
    expect(pending).not.toContain(base32Decode(secret).toString('base64'));
    expect((await b.session()).status).toBe(401);

    // wrong codes: EnableMFADevice's error, and no device left behind
    const spare = (await t.iam().send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'spare' })))
      .VirtualMFADevice!;
    const enableError = await awsError(() =>
      t.iam().send(
        new EnableMFADeviceCommand({
          UserName: 'carol',
          SerialNumber: spare.SerialNumber!,
          AuthenticationCode1: '000000',
          AuthenticationCode2: '000000',
        }),
      ),
    );
    for (const codes of [
      { code1: '000000', code2: '000000' },
      // right codes in the wrong order
      { code1: codeOf(secret, 0), code2: codeOf(secret, -1) },
    ]) {
      const wrong = await enrolStep(b, { ticket, ...codes });
      expect({ status: wrong.status, ...wrong.body.error }).toEqual({
        status: enableError.status,
        code: enableError.code,
        message: enableError.message,
      });
    }
    const devices = await t.iam().send(new ListVirtualMFADevicesCommand({}));
    expect(devices.VirtualMFADevices!.map((d) => d.SerialNumber)).not.toContain(
      `arn:aws:iam::${ACCOUNT}:mfa/carol`,
    );

    const done = await enrolStep(b, { ticket, code1: codeOf(secret, -1), code2: codeOf(secret, 0) });
    expect(done.body).toEqual({ next: 'done' });
    expect((await b.session()).body).toMatchObject({ identity: { name: 'carol' }, mfaUsed: true });
    const listed = await t.iam().send(new ListMFADevicesCommand({ UserName: 'carol' }));
    expect(listed.MFADevices!.map((d) => [d.UserName, d.SerialNumber])).toEqual([
      ['carol', `arn:aws:iam::${ACCOUNT}:mfa/carol`],
    ]);
    // recorded as the console's own IAM calls, by carol, with no code in them
    const iamCalls = async (eventName: string) =>
      (await eventsNamed<IamCallEvent>(t, ACCOUNT, eventName)).filter(
        (e) => e.userIdentity.userName === 'carol',
      );
    const created = await iamCalls('CreateVirtualMFADevice');
    expect(created.map((e) => [e.eventSource, e.requestParameters, e.responseElements])).toEqual(
      [0, 1, 2].map(() => [
        'iam.amazonaws.com',
        { virtualMFADeviceName: 'carol', path: '/' },
        { virtualMFADevice: { serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/carol` } },
      ]),
    );
    const enabled = await iamCalls('EnableMFADevice');
    expect(enabled.map((e) => e.errorCode ?? 'enabled').sort()).toEqual([
      'InvalidAuthenticationCode',
      'InvalidAuthenticationCode',
      'enabled',
    ]);
    expect(enabled[0]!.requestParameters).toEqual({
      userName: 'carol',
      serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/carol`,
    });
    const recorded = JSON.stringify([...created, ...enabled]);
    for (const code of [codeOf(secret, -1), codeOf(secret, 0), secret]) expect(recorded).not.toContain(code);

    // the ticket was used
    const reused = await enrolStep(b, { ticket, code1: codeOf(secret, 0), code2: codeOf(secret, 1) });
    expect([reused.status, reused.body.error?.code]).toEqual([401, 'SignInExpired']);

    // from now on carol signs in with the device's code
    s.nextCodes();
    const later = new ConsoleClient(t.url);
    const mfa = await userSignIn(later, 'carol');
    expect(mfa.body.devices).toEqual([`arn:aws:iam::${ACCOUNT}:mfa/carol`]);
    expect((await mfaStep(later, { ticket: mfa.body.ticket, code: codeOf(secret) })).body).toEqual({
      next: 'done',
    });
    const logins = (await consoleLoginEvents(t, ACCOUNT)).filter((e) => e.userIdentity.userName === 'carol');
    expect(logins.map((e) => [e.responseElements?.ConsoleLogin, e.additionalEventData.MFAUsed])).toEqual([
      ['Success', 'Yes'],
      ['Success', 'Yes'],
    ]);
  });

  it('refuses an enrolment ticket that is not one, or has expired', async () => {
    const { t, clock } = s;
    await consoleUser(t, 'gina');
    const b = new ConsoleClient(t.url);
    const garbage = await enrolStep(b, { ticket: 'nope', code1: '000000', code2: '000000' });
    expect([garbage.status, garbage.body.error?.code]).toEqual([401, 'SignInExpired']);
    const asked = await userSignIn(b, 'gina');
    // an enrolment ticket is no MFA step's
    const crossed = await mfaStep(b, { ticket: asked.body.ticket, code: '000000' });
    expect(crossed.body.error?.code).toBe('SignInExpired');
    clock.at = new Date(clock.at.getTime() + 5 * 60_000 + 1000);
    const late = await enrolStep(b, {
      ticket: asked.body.ticket,
      code1: s.codeOf(asked.body.secret!, -1),
      code2: s.codeOf(asked.body.secret!, 0),
    });
    expect([late.status, late.body.error?.code]).toEqual([401, 'SignInExpired']);
  });
});

describe.each(BACKENDS)('MFA at console sign-in, required for the root, on %s', (backend: Backend) => {
  const s = useMfaServer(backend, 'root');

  it('asks no IAM user without a device for one', async () => {
    await consoleUser(s.t, 'erin');
    expect((await userSignIn(new ConsoleClient(s.t.url), 'erin')).body).toEqual({ next: 'done' });
  });

  it('has the root assign a device, then asks the root for its code, recording MFAUsed', async () => {
    const { t, codeOf } = s;
    const rootSerial = `arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`;
    const b = new ConsoleClient(t.url);
    const asked = await rootSignIn(b);
    expect(asked.body.next).toBe('enrol-mfa');
    const secret = asked.body.secret!;
    expect(qrText(asked.body.qrCodePng!)).toBe(
      `otpauth://totp/Tessera:root-account-mfa-device%40${ACCOUNT}?secret=${secret}&issuer=Tessera`,
    );
    const enrolled = await enrolStep(b, {
      ticket: asked.body.ticket,
      code1: codeOf(secret, -1),
      code2: codeOf(secret, 0),
    });
    expect(enrolled.body).toEqual({ next: 'done' });
    expect((await b.session()).body).toMatchObject({ identity: { type: 'root' }, mfaUsed: true });
    // the root's device, as IAM shows it
    const listed = await t.iam().send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }));
    expect(listed.VirtualMFADevices).toEqual([
      expect.objectContaining({
        SerialNumber: rootSerial,
        User: expect.objectContaining({ Arn: `arn:aws:iam::${ACCOUNT}:root`, UserId: ACCOUNT }),
      }),
    ]);
    const summary = await t.iam().send(new GetAccountSummaryCommand({}));
    expect(summary.SummaryMap!.AccountMFAEnabled).toBe(1);
    // and as the root's own ListMFADevices and GetMFADevice give it: named by the account id
    const own = await t.iam().send(new ListMFADevicesCommand({}));
    expect(own.MFADevices!.map((d) => [d.UserName, d.SerialNumber])).toEqual([[ACCOUNT, rootSerial]]);
    const got = await t.iam().send(new GetMFADeviceCommand({ SerialNumber: rootSerial }));
    expect([got.UserName, got.SerialNumber]).toEqual([ACCOUNT, rootSerial]);

    // the next sign-in asks for the device's code: a wrong one is refused, the right one signs in
    s.nextCodes();
    const c = new ConsoleClient(t.url);
    const mfa = await rootSignIn(c);
    expect(mfa.body).toEqual({ next: 'mfa', ticket: expect.any(String), devices: [rootSerial] });
    const wrong = await mfaStep(c, { ticket: mfa.body.ticket, code: codeOf(secret, 3) });
    expect([wrong.status, wrong.body.error?.code]).toEqual([401, 'InvalidCredentials']);
    const done = await mfaStep(c, {
      ticket: mfa.body.ticket,
      code: codeOf(secret),
      serialNumber: rootSerial,
    });
    expect(done.body).toEqual({ next: 'done' });
    expect((await c.session()).body).toMatchObject({ identity: { type: 'root' }, mfaUsed: true });

    // as AWS records them: MFAUsed, and a failure by its message alone, with no error code (events of
    // the same second come in no set order)
    const logins = (await consoleLoginEvents(t, ACCOUNT)).filter((e) => e.userIdentity.type === 'Root');
    const shapes = logins.map((e) => ({
      result: e.responseElements?.ConsoleLogin,
      hasErrorCode: 'errorCode' in e,
      errorMessage: e.errorMessage,
      mfaUsed: e.additionalEventData.MFAUsed,
    }));
    const success = { result: 'Success', hasErrorCode: false, errorMessage: undefined, mfaUsed: 'Yes' };
    const failure = {
      result: 'Failure',
      hasErrorCode: false,
      errorMessage: 'Failed authentication',
      mfaUsed: 'Yes',
    };
    expect(shapes).toHaveLength(3);
    expect(shapes).toEqual(expect.arrayContaining([success, failure]));
    expect(shapes.filter((e) => e.result === 'Success')).toHaveLength(2);

    // the root's device removed through the API (AWS: DeactivateMFADevice without UserName): asked anew
    await t.iam().send(new DeactivateMFADeviceCommand({ SerialNumber: rootSerial }));
    expect((await rootSignIn(new ConsoleClient(t.url))).body.next).toBe('enrol-mfa');
  });
});

describe.each(BACKENDS)('the root enabling its own MFA device in the console on %s', (backend: Backend) => {
  const s = useMfaServer(backend, 'none');

  it('enables a device the root made, with two consecutive codes, for the root only', async () => {
    const { t, codeOf } = s;
    const b = new ConsoleClient(t.url);
    expect((await rootSignIn(b)).body).toEqual({ next: 'done' });
    await b.session();
    const made = await b.call('iam', 'CreateVirtualMFADevice', { VirtualMFADeviceName: 'root-phone' });
    const device = (
      made.body.output as unknown as { VirtualMFADevice: { SerialNumber: string; Base32StringSeed: string } }
    ).VirtualMFADevice;
    const secret = Buffer.from(device.Base32StringSeed, 'base64').toString('ascii');
    const enable = (client: ConsoleClient, code1: string, code2: string) =>
      client.post('/console/api/root-mfa', { serialNumber: device.SerialNumber, code1, code2 });

    // without the CSRF token, refused; wrong codes, EnableMFADevice's answer
    const noToken = await b.send('POST', '/console/api/root-mfa', {
      serialNumber: device.SerialNumber,
      code1: codeOf(secret, -1),
      code2: codeOf(secret, 0),
    });
    expect([noToken.status, noToken.body.error?.code]).toEqual([403, 'InvalidCsrfToken']);
    const wrong = await enable(b, '000000', '000000');
    expect({ status: wrong.status, ...wrong.body.error }).toEqual({
      status: 403,
      code: 'InvalidAuthenticationCode',
      message: 'Authentication code for device is not valid.',
    });
    // an IAM user may not enable a device for the root
    await consoleUser(t, 'admin', 'arn:aws:iam::aws:policy/AdministratorAccess');
    const user = new ConsoleClient(t.url);
    await userSignIn(user, 'admin');
    await user.session();
    const notRoot = await enable(user, codeOf(secret, -1), codeOf(secret, 0));
    expect([notRoot.status, notRoot.body.error?.code]).toEqual([403, 'AccessDenied']);

    const done = await enable(b, codeOf(secret, -1), codeOf(secret, 0));
    expect([done.status, done.body]).toEqual([200, { serialNumber: device.SerialNumber }]);
    const own = await t.iam().send(new ListMFADevicesCommand({}));
    expect(own.MFADevices!.map((d) => [d.UserName, d.SerialNumber])).toEqual([
      [ACCOUNT, device.SerialNumber],
    ]);
    const enabled = await eventsNamed<IamCallEvent>(t, ACCOUNT, 'EnableMFADevice');
    // events of the same instant come in no set order
    expect(enabled.map((e) => e.requestParameters)).toEqual(
      [0, 1].map(() => ({ serialNumber: device.SerialNumber })),
    );
    expect(enabled.map((e) => e.errorCode ?? 'enabled').sort()).toEqual([
      'InvalidAuthenticationCode',
      'enabled',
    ]);

    // the root's next sign-in asks for that device's code
    s.nextCodes();
    const next = await rootSignIn(new ConsoleClient(t.url));
    expect(next.body).toEqual({ next: 'mfa', ticket: expect.any(String), devices: [device.SerialNumber] });
  });
});
