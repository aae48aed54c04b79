// Virtual MFA devices over HTTP with the real AWS SDK v3 IAM client, on each storage backend: codes are
// computed here from the returned seed (RFC 6238) at instants set on a frozen clock, never waited for.
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteUserCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetMFADeviceCommand,
  ListMFADeviceTagsCommand,
  ListMFADevicesCommand,
  ListVirtualMFADevicesCommand,
  PutUserPolicyCommand,
  ResyncMFADeviceCommand,
  TagMFADeviceCommand,
  UntagMFADeviceCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, hotp, timeStep, TOTP_STEP_SECONDS } from '../../src/crypto/totp.ts';
import { verifyMfaCode } from '../../src/domain/mfa-devices.ts';
import { awsCli, itWithCli } from '../support/aws-cli.ts';
import { qrCodeText } from '../support/qr-code.ts';
import { awsError, BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const STEP_MS = TOTP_STEP_SECONDS * 1000;

describe.each(BACKENDS)('virtual MFA devices on %s', (backend) => {
  let t: TestServer;
  // A frozen clock ten seconds into a time step, three minutes behind real time: the tests move it
  // on by a few minutes in all, and SigV4 refuses more than fifteen minutes of skew.
  let now = new Date(Math.floor((Date.now() - 180_000) / STEP_MS) * STEP_MS + 10_000);
  const step = () => timeStep(now);
  const advanceSteps = (n: number) => {
    now = new Date(now.getTime() + n * STEP_MS);
  };

  beforeAll(async () => {
    t = await startTestServer(backend, { clock: { now: () => now } });
  });
  afterAll(() => t.destroy());

  /** Creates a device and returns its serial number and its seed's bytes. */
  async function newDevice(name: string, path?: string) {
    const out = await t
      .iam()
      .send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name, Path: path }));
    const device = out.VirtualMFADevice!;
    return {
      serial: device.SerialNumber!,
      seed: base32Decode(Buffer.from(device.Base32StringSeed!).toString('ascii')),
      device,
    };
  }

  async function newUser(name: string) {
    await t.iam().send(new CreateUserCommand({ UserName: name }));
  }

  /** Two consecutive codes whose second is the current step's. */
  const codes = (seed: Buffer, at = step()) => ({
    AuthenticationCode1: hotp(seed, at - 1),
    AuthenticationCode2: hotp(seed, at),
  });

  const verify = (serial: string, code: string, userId?: string) =>
    t.server.store.write(ACCOUNT, (repos) =>
      verifyMfaCode(repos, ACCOUNT, serial, code, now, { sealer: t.server.services.sealer, userId }),
    );

  it('creates a device under a path: ARN serial, Base32 seed and a PNG QR code', async () => {
    const { serial, seed, device } = await newDevice('phone-1', '/team/');
    expect(serial).toBe(`arn:aws:iam::${ACCOUNT}:mfa/team/phone-1`);
    expect(Buffer.from(device.Base32StringSeed!).toString('ascii')).toMatch(/^[A-Z2-7]{64}$/);
    expect(seed).toHaveLength(40);
    expect([...Buffer.from(device.QRCodePNG!).subarray(0, 8)]).toEqual(PNG_MAGIC);
    const base32 = Buffer.from(device.Base32StringSeed!).toString('ascii');
    expect(qrCodeText(device.QRCodePNG!)).toBe(
      `otpauth://totp/Tessera:phone-1%40${ACCOUNT}?secret=${base32}&issuer=Tessera`,
    );
    const list = await t.iam().send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }));
    expect(list.VirtualMFADevices).toEqual([{ SerialNumber: serial }]);
  });

  it('keeps the seed sealed at rest', async () => {
    const { seed, device } = await newDevice('sealed-seed');
    const rows = JSON.stringify(await t.server.store.rawRows('mfa_devices'));
    expect(rows).not.toContain(Buffer.from(device.Base32StringSeed!).toString('ascii'));
    expect(rows).not.toContain(seed.toString('base64'));
    expect(rows).not.toContain(seed.toString('hex'));
    expect(rows).toContain('v1.');
  });

  it('refuses a second device at the same path whose name differs only in case', async () => {
    const e = await awsError(() =>
      t.iam().send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'PHONE-1', Path: '/team/' })),
    );
    expect(e).toMatchObject({
      code: 'EntityAlreadyExists',
      status: 409,
      message: 'MFADevice entity at the same path and name already exists.',
    });
  });

  it('keeps devices unique by path and name, not by name alone, as their ARNs are', async () => {
    // the ARN is arn:aws:iam::ACCOUNT:mfa/PATH/NAME: the same name under another path is another device
    const root = await newDevice('shared-name');
    const team = await newDevice('shared-name', '/team/');
    const other = await newDevice('SHARED-NAME', '/other/');
    expect(root.serial).toBe(`arn:aws:iam::${ACCOUNT}:mfa/shared-name`);
    expect(team.serial).toBe(`arn:aws:iam::${ACCOUNT}:mfa/team/shared-name`);
    expect(other.serial).toBe(`arn:aws:iam::${ACCOUNT}:mfa/other/SHARED-NAME`);
    const all = await t.iam().send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Any' }));
    const serials = all.VirtualMFADevices?.map((d) => d.SerialNumber);
    expect(serials).toEqual(expect.arrayContaining([root.serial, team.serial, other.serial]));
    for (const [name, path] of [
      ['shared-name', undefined],
      ['Shared-Name', '/team/'],
    ] as const) {
      const e = await awsError(() =>
        t.iam().send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name, Path: path })),
      );
      expect(e).toMatchObject({
        code: 'EntityAlreadyExists',
        status: 409,
        message: 'MFADevice entity at the same path and name already exists.',
      });
    }
    for (const d of [root, team, other])
      await t.iam().send(new DeleteVirtualMFADeviceCommand({ SerialNumber: d.serial }));
  });

  it('enables a device for a user with two consecutive codes and lists it', async () => {
    await newUser('alice');
    const { serial, seed } = await newDevice('alice-phone');
    await t
      .iam()
      .send(new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: serial, ...codes(seed) }));

    const mine = await t.iam().send(new ListMFADevicesCommand({ UserName: 'alice' }));
    expect(mine.MFADevices).toEqual([{ UserName: 'alice', SerialNumber: serial, EnableDate: now }]);
    const assigned = await t.iam().send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }));
    expect(assigned.VirtualMFADevices).toHaveLength(1);
    expect(assigned.VirtualMFADevices?.[0]).toMatchObject({
      SerialNumber: serial,
      EnableDate: now,
      User: { UserName: 'alice', Path: '/', Arn: `arn:aws:iam::${ACCOUNT}:user/alice` },
    });
    expect(assigned.VirtualMFADevices?.[0]?.User?.UserId).toMatch(/^AIDA/);
    const unassigned = await t
      .iam()
      .send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }));
    expect(unassigned.VirtualMFADevices?.map((d) => d.SerialNumber)).not.toContain(serial);
  });

  it('refuses codes that are wrong, not consecutive, or from another time', async () => {
    await newUser('bob');
    const { serial, seed } = await newDevice('bob-phone');
    const attempts = [
      { AuthenticationCode1: '000000', AuthenticationCode2: '111111' },
      { AuthenticationCode1: hotp(seed, step() - 2), AuthenticationCode2: hotp(seed, step()) },
      { AuthenticationCode1: hotp(seed, step()), AuthenticationCode2: hotp(seed, step() - 1) },
      codes(seed, step() + 3),
      codes(seed, step() - 3),
    ];
    for (const attempt of attempts) {
      const e = await awsError(() =>
        t.iam().send(new EnableMFADeviceCommand({ UserName: 'bob', SerialNumber: serial, ...attempt })),
      );
      expect(e).toMatchObject({
        code: 'InvalidAuthenticationCode',
        status: 403,
        message: 'Authentication code for device is not valid.',
      });
    }
    const list = await t.iam().send(new ListMFADevicesCommand({ UserName: 'bob' }));
    expect(list.MFADevices).toEqual([]);
  });

  it('accepts enabling codes one step either side of now', async () => {
    await newUser('carol');
    const { serial, seed } = await newDevice('carol-phone');
    await t
      .iam()
      .send(
        new EnableMFADeviceCommand({ UserName: 'carol', SerialNumber: serial, ...codes(seed, step() + 1) }),
      );
    const list = await t.iam().send(new ListMFADevicesCommand({ UserName: 'carol' }));
    expect(list.MFADevices?.map((d) => d.SerialNumber)).toEqual([serial]);
  });

  it('refuses to enable a device that is already in use', async () => {
    await newUser('dave');
    const { serial, seed } = await newDevice('shared-phone');
    await t
      .iam()
      .send(new EnableMFADeviceCommand({ UserName: 'dave', SerialNumber: serial, ...codes(seed) }));
    const e = await awsError(() =>
      t.iam().send(new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: serial, ...codes(seed) })),
    );
    expect(e).toMatchObject({
      code: 'EntityAlreadyExists',
      status: 409,
      message: 'MFA Device is already in use.',
    });
  });

  it('answers NoSuchEntity for an unknown user or device', async () => {
    const { serial, seed } = await newDevice('orphan-phone');
    const noUser = await awsError(() =>
      t.iam().send(new EnableMFADeviceCommand({ UserName: 'nobody', SerialNumber: serial, ...codes(seed) })),
    );
    expect(noUser).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The user with name nobody cannot be found.',
    });
    const missing = `arn:aws:iam::${ACCOUNT}:mfa/missing`;
    const calls = [
      () => t.iam().send(new DeleteVirtualMFADeviceCommand({ SerialNumber: missing })),
      () => t.iam().send(new DeactivateMFADeviceCommand({ UserName: 'alice', SerialNumber: missing })),
      () =>
        t
          .iam()
          .send(new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: missing, ...codes(seed) })),
      () => t.iam().send(new ListMFADeviceTagsCommand({ SerialNumber: missing })),
    ];
    for (const call of calls)
      expect(await awsError(call)).toMatchObject({
        code: 'NoSuchEntity',
        status: 404,
        message: `MFA Device with serial number ${missing} does not exist.`,
      });
  });

  it('refuses to delete an enabled device, or a user that has one', async () => {
    const [serial] = (await t.iam().send(new ListMFADevicesCommand({ UserName: 'alice' }))).MFADevices!.map(
      (d) => d.SerialNumber!,
    );
    const device = await awsError(() =>
      t.iam().send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial })),
    );
    expect(device).toMatchObject({
      code: 'DeleteConflict',
      status: 409,
      message: 'MFA VirtualDevice in use. Must deactivate first.',
    });
    const user = await awsError(() => t.iam().send(new DeleteUserCommand({ UserName: 'alice' })));
    expect(user).toMatchObject({
      code: 'DeleteConflict',
      status: 409,
      message: 'Cannot delete entity, must delete MFA device first.',
    });
  });

  it('deactivates a device, which can then be deleted, and the user with it', async () => {
    await newUser('erin');
    const { serial, seed } = await newDevice('erin-phone');
    await t
      .iam()
      .send(new EnableMFADeviceCommand({ UserName: 'erin', SerialNumber: serial, ...codes(seed) }));
    const wrongUser = await awsError(() =>
      t.iam().send(new DeactivateMFADeviceCommand({ UserName: 'bob', SerialNumber: serial })),
    );
    expect(wrongUser).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'MFA Device invalid for user.',
    });

    await t.iam().send(new DeactivateMFADeviceCommand({ UserName: 'erin', SerialNumber: serial }));
    expect((await t.iam().send(new ListMFADevicesCommand({ UserName: 'erin' }))).MFADevices).toEqual([]);
    const unassigned = await t
      .iam()
      .send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }));
    expect(unassigned.VirtualMFADevices?.find((d) => d.SerialNumber === serial)).toEqual({
      SerialNumber: serial,
    });

    await t.iam().send(new DeleteUserCommand({ UserName: 'erin' }));
    await t.iam().send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }));
    const any = await t.iam().send(new ListVirtualMFADevicesCommand({}));
    expect(any.VirtualMFADevices?.map((d) => d.SerialNumber)).not.toContain(serial);
  });

  it('tags, lists and untags a device', async () => {
    const { serial } = await newDevice('tagged-phone');
    await t.iam().send(
      new TagMFADeviceCommand({
        SerialNumber: serial,
        Tags: [
          { Key: 'owner', Value: 'ops' },
          { Key: 'Kind', Value: 'virtual' },
        ],
      }),
    );
    await t.iam().send(new UntagMFADeviceCommand({ SerialNumber: serial, TagKeys: ['OWNER'] }));
    const tags = await t.iam().send(new ListMFADeviceTagsCommand({ SerialNumber: serial }));
    expect(tags.Tags).toEqual([{ Key: 'Kind', Value: 'virtual' }]);
    const created = await t.iam().send(
      new CreateVirtualMFADeviceCommand({
        VirtualMFADeviceName: 'born-tagged',
        Tags: [{ Key: 'team', Value: 'core' }],
      }),
    );
    const bornTags = await t
      .iam()
      .send(new ListMFADeviceTagsCommand({ SerialNumber: created.VirtualMFADevice!.SerialNumber! }));
    expect(bornTags.Tags).toEqual([{ Key: 'team', Value: 'core' }]);
  });

  it('pages through virtual MFA devices by serial number', async () => {
    const serials: string[] = [];
    let marker: string | undefined;
    do {
      const page = await t.iam().send(new ListVirtualMFADevicesCommand({ MaxItems: 2, Marker: marker }));
      expect(page.VirtualMFADevices!.length).toBeLessThanOrEqual(2);
      serials.push(...page.VirtualMFADevices!.map((d) => d.SerialNumber!));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    expect(serials.length).toBeGreaterThan(4);
    expect(serials).toEqual([...serials].sort());
    expect(new Set(serials).size).toBe(serials.length);
  });

  it('lists no devices for the root caller when UserName is omitted', async () => {
    const list = await t.iam().send(new ListMFADevicesCommand({}));
    expect(list.MFADevices).toEqual([]);
  });

  it('gets a device enabled for a user (or the caller) with GetMFADevice, NoSuchEntity otherwise', async () => {
    await newUser('hana');
    const { serial, seed } = await newDevice('hana-phone', '/hana/');
    await t
      .iam()
      .send(new EnableMFADeviceCommand({ UserName: 'hana', SerialNumber: serial, ...codes(seed) }));
    const got = await t.iam().send(new GetMFADeviceCommand({ UserName: 'hana', SerialNumber: serial }));
    expect(got.UserName).toBe('hana');
    expect(got.SerialNumber).toBe(serial);
    expect(got.EnableDate).toEqual(now);
    // a virtual device has no FIDO certifications
    expect(got.Certifications).toBeUndefined();

    // without UserName, the device must be the calling user's
    await t.iam().send(
      new PutUserPolicyCommand({
        UserName: 'hana',
        PolicyName: 'own-mfa',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iam:GetMFADevice', Resource: '*' }],
        }),
      }),
    );
    const key = (await t.iam().send(new CreateAccessKeyCommand({ UserName: 'hana' }))).AccessKey!;
    const hana = t.iam({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    const mine = await hana.send(new GetMFADeviceCommand({ SerialNumber: serial }));
    expect(mine).toMatchObject({ UserName: 'hana', SerialNumber: serial, EnableDate: now });

    const unassigned = await newDevice('spare-phone');
    const unknown = `arn:aws:iam::${ACCOUNT}:mfa/hana/nothing`;
    for (const [input, message] of [
      [
        { UserName: 'hana', SerialNumber: unknown },
        `MFA Device with serial number ${unknown} does not exist.`,
      ],
      [{ UserName: 'hana', SerialNumber: unassigned.serial }, 'MFA Device invalid for user.'],
      [{ UserName: 'alice', SerialNumber: serial }, 'MFA Device invalid for user.'],
      // the root has no MFA devices through this API
      [{ SerialNumber: serial }, 'MFA Device invalid for user.'],
      [{ UserName: 'nobody', SerialNumber: serial }, 'The user with name nobody cannot be found.'],
    ] as const) {
      const e = await awsError(() => t.iam().send(new GetMFADeviceCommand(input)));
      expect(e).toMatchObject({ code: 'NoSuchEntity', status: 404, message });
    }
  });

  itWithCli('v1')('gets an enabled device with AWS CLI v1 (get-mfa-device)', async () => {
    const aws = await awsCli('v1', t.url, t.root);
    const serial = `arn:aws:iam::${ACCOUNT}:mfa/hana/hana-phone`;
    const out = await aws.json(['iam', 'get-mfa-device', '--user-name', 'hana', '--serial-number', serial]);
    expect(out).toEqual({ UserName: 'hana', SerialNumber: serial, EnableDate: expect.any(String) });
    const missing = await aws.run(['iam', 'get-mfa-device', '--serial-number', `${serial}-gone`]);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain('NoSuchEntity');
  });

  describe('codes given to STS', () => {
    let serial: string;
    let seed: Buffer;
    let userId: string;

    beforeAll(async () => {
      const user = await t.iam().send(new CreateUserCommand({ UserName: 'frank' }));
      userId = user.User!.UserId!;
      ({ serial, seed } = await newDevice('frank-phone'));
      await t
        .iam()
        .send(new EnableMFADeviceCommand({ UserName: 'frank', SerialNumber: serial, ...codes(seed) }));
    });

    it('accepts the current code once and refuses it the second time', async () => {
      advanceSteps(1);
      const code = hotp(seed, step());
      expect(await verify(serial, code, userId)).toBe(true);
      expect(await verify(serial, code, userId)).toBe(false);
    });

    it('accepts a code one step either side of now, but not two', async () => {
      advanceSteps(3);
      expect(await verify(serial, hotp(seed, step() + 2))).toBe(false);
      expect(await verify(serial, hotp(seed, step() - 2))).toBe(false);
      expect(await verify(serial, hotp(seed, step() - 1))).toBe(true);
      advanceSteps(2);
      expect(await verify(serial, hotp(seed, step() + 1))).toBe(true);
    });

    it('refuses a code from a step before the last one accepted', async () => {
      advanceSteps(3);
      expect(await verify(serial, hotp(seed, step() + 1))).toBe(true);
      expect(await verify(serial, hotp(seed, step()))).toBe(false);
    });

    it('refuses the codes that enabled the device', async () => {
      await newUser('gina');
      const other = await newDevice('gina-phone');
      const enabling = codes(other.seed);
      await t
        .iam()
        .send(new EnableMFADeviceCommand({ UserName: 'gina', SerialNumber: other.serial, ...enabling }));
      expect(await verify(other.serial, enabling.AuthenticationCode2)).toBe(false);
      expect(await verify(other.serial, enabling.AuthenticationCode1)).toBe(false);
    });

    it("refuses another user's device, an unassigned device and an unknown serial", async () => {
      expect(await verify(serial, hotp(seed, step()), 'AIDAOTHERUSER00000000')).toBe(false);
      const loose = await newDevice('loose-phone');
      expect(await verify(loose.serial, hotp(loose.seed, step()))).toBe(false);
      expect(await verify(`arn:aws:iam::${ACCOUNT}:mfa/none`, '123456')).toBe(false);
    });

    it('follows a drifted device after ResyncMFADevice, and refuses resync with bad codes', async () => {
      const drift = 20; // the device's clock runs ten minutes ahead
      expect(await verify(serial, hotp(seed, step() + drift))).toBe(false);
      const bad = await awsError(() =>
        t.iam().send(
          new ResyncMFADeviceCommand({
            UserName: 'frank',
            SerialNumber: serial,
            AuthenticationCode1: hotp(seed, step() + drift),
            AuthenticationCode2: hotp(seed, step() + drift + 2),
          }),
        ),
      );
      expect(bad).toMatchObject({ code: 'InvalidAuthenticationCode', status: 403 });
      await t.iam().send(
        new ResyncMFADeviceCommand({
          UserName: 'frank',
          SerialNumber: serial,
          ...codes(seed, step() + drift),
        }),
      );
      advanceSteps(1);
      expect(await verify(serial, hotp(seed, step() + drift))).toBe(true);
      expect(await verify(serial, hotp(seed, step() + 1))).toBe(false);
    });

    it('refuses to resync a device for a user it is not enabled for', async () => {
      const e = await awsError(() =>
        t.iam().send(new ResyncMFADeviceCommand({ UserName: 'bob', SerialNumber: serial, ...codes(seed) })),
      );
      expect(e).toMatchObject({ code: 'NoSuchEntity', status: 404, message: 'MFA Device invalid for user.' });
    });
  });
});
