// Virtual MFA devices: creation (a sealed TOTP seed, shown once), enabling for a user with two
// consecutive codes, resynchronising a drifted clock, deactivation, deletion of unassigned devices,
// listings, and the single-use code check STS relies on (RFC 6238, ±1 time step). Every code check
// goes through the credential lockout: wrong codes in a row lock the device (and, for STS, the caller).
// A device is enabled for its owner: an IAM user, or the account's root, whose devices AWS lets only
// the console enable (here: enrolment at console sign-in); a device's owner id is the principal's id
// (the user's id, the account id for the root).
import { type Sealer, base32Encode, findStep, newSeed, timeStep } from '../crypto/index.ts';
import type { Quotas } from '../config/index.ts';
import { alreadyExists, AwsError, deleteConflict, limitExceeded, noSuchEntity } from '../errors.ts';
import {
  onUniqueViolation,
  type AccountRow,
  type Change,
  type ReadRepos,
  type Repos,
  type MfaAssignment,
  type MfaDeviceRow,
  type UserRow,
} from '../store/index.ts';
import { iamArn } from './arns.ts';
import {
  credentialLockout,
  DEFAULT_LOCKOUT_POLICY,
  guardAttempt,
  lockoutKeys,
  type CredentialLockout,
  type LockoutKey,
} from './credential-lockout.ts';
import type { Principal } from './principal.ts';
import { addTags, type Tag } from './tags.ts';
import { getUserRow } from './users.ts';

/** The purpose a seed is sealed under. */
export const MFA_SEED_PURPOSE = 'mfa-seed';
/** MFA devices one IAM user, or the root, may have enabled (AWS: 8). */
export const MFA_DEVICES_PER_USER = 8;
/** Time steps either side of now in which a code is accepted (RFC 6238 §5.2 recommends one). */
export const CODE_WINDOW_STEPS = 1;
/** The name AWS's console gave the root's device: arn:aws:iam::ACCOUNT:mfa/root-account-mfa-device. */
export const ROOT_DEVICE_NAME = 'root-account-mfa-device';
/** How far ResyncMFADevice looks for a drifted device's codes: 60 steps, half an hour, either side. */
export const RESYNC_WINDOW_STEPS = 60;

export interface NewVirtualMfaDevice {
  VirtualMFADeviceName: string;
  Path?: string;
  Tags?: Tag[];
}

/** A device with the user it is assigned to, if any, or the root's account when the root has it. */
export interface MfaDeviceEntry {
  row: MfaDeviceRow;
  user?: UserRow;
  root?: AccountRow;
}

/** A device enabled for a user. */
export interface EnabledMfaDevice {
  row: MfaDeviceRow;
  /** The owner's name as ListMFADevices gives it: the user's, or the account id for the root's. */
  userName: string;
}

/** Whose devices a call is about: a user, or the account's root (owner id = account id). */
interface DeviceOwner {
  ownerId: string;
  userName: string;
}

/** A created device and its seed in Base32: the only time the seed leaves the store unsealed. */
export interface CreatedMfaDevice {
  row: MfaDeviceRow;
  base32Seed: string;
}

/** The answer to wrong codes for a device, and to any code while the device is locked. */
export const invalidAuthenticationCode = () =>
  new AwsError('InvalidAuthenticationCode', 'Authentication code for device is not valid.', { status: 403 });
const notFound = (serialNumber: string) =>
  noSuchEntity(`MFA Device with serial number ${serialNumber} does not exist.`);
const invalidForUser = () => noSuchEntity('MFA Device invalid for user.');
/** AWS's answer to a second device at the same path with the same name (in any case). */
const deviceExists = () => alreadyExists('MFADevice entity at the same path and name already exists.');

/** The change a device's tags are recorded under (the feed has no entity of its own for devices). */
export const deviceChange = (row: MfaDeviceRow): Change => ({
  accountId: row.account_id,
  entity: 'user',
  ...(row.user_id ? { id: row.user_id } : {}),
});

export async function getMfaDevice(
  repos: ReadRepos,
  accountId: string,
  serialNumber: string,
): Promise<MfaDeviceRow> {
  const row = await repos.mfaDevices.get(accountId, serialNumber);
  if (!row) throw notFound(serialNumber);
  return row;
}

function openSeed(sealer: Sealer, row: MfaDeviceRow): Buffer {
  return Buffer.from(sealer.open(row.seed_sealed, MFA_SEED_PURPOSE), 'base64');
}

/** CreateVirtualMFADevice; with `seed`, the device gets that seed (one shown before) instead of a new one. */
export async function createVirtualMfaDevice(
  repos: Repos,
  sealer: Sealer,
  accountId: string,
  input: NewVirtualMfaDevice,
  quotas: Quotas,
  now: Date,
  seed: Buffer = newSeed(),
): Promise<CreatedMfaDevice> {
  const name = input.VirtualMFADeviceName;
  const path = input.Path ?? '/';
  if (await repos.mfaDevices.byPathAndName(accountId, path, name)) throw deviceExists();
  // AWS: virtual MFA devices, assigned or not, are limited to the account's user quota.
  if ((await repos.mfaDevices.count(accountId)) >= quotas.usersPerAccount)
    throw limitExceeded(`Cannot exceed quota for VirtualMFADevicesPerAccount: ${quotas.usersPerAccount}`);
  const row: MfaDeviceRow = {
    serial_number: iamArn(accountId, 'mfa', path, name),
    account_id: accountId,
    device_name: name,
    name_key: name.toLowerCase(),
    path,
    seed_sealed: sealer.seal(seed.toString('base64'), MFA_SEED_PURPOSE),
    created_at: now.toISOString(),
    user_id: null,
    enabled_at: null,
    last_step: null,
    drift_steps: 0,
  };
  await onUniqueViolation(repos.mfaDevices.insert(row), deviceExists);
  if (input.Tags?.length)
    await addTags(
      repos,
      deviceChange(row),
      'mfa-device',
      row.serial_number,
      input.Tags,
      quotas.tagsPerResource,
    );
  return { row, base32Seed: base32Encode(seed) };
}

/**
 * The time step of `code2` when `code1` and `code2` are the codes of two consecutive steps and the
 * second lies within `window` steps of `center`; undefined otherwise.
 */
function consecutiveCodes(
  seed: Buffer,
  code1: string,
  code2: string,
  center: number,
  window: number,
): number | undefined {
  const second = findStep(seed, code2, center - window, center + window);
  if (second === undefined) return undefined;
  return findStep(seed, code1, second - 1, second - 1) === undefined ? undefined : second;
}

export interface AuthenticationCodes {
  AuthenticationCode1: string;
  AuthenticationCode2: string;
}

/**
 * EnableMFADevice: assigns an unassigned device to a user once two consecutive codes prove it. Wrong
 * codes count against the device's lockout; false when they are refused (wrong, or the device is
 * locked), and the caller answers invalidAuthenticationCode() once the write has committed the count.
 */
export async function enableMfaDevice(
  repos: Repos,
  sealer: Sealer,
  accountId: string,
  input: { UserName: string; SerialNumber: string } & AuthenticationCodes,
  now: Date,
  lockout: CredentialLockout,
): Promise<boolean> {
  const user = await getUserRow(repos, accountId, input.UserName);
  return enableMfaDeviceFor(repos, sealer, accountId, user.user_id, input, now, lockout);
}

/**
 * The root's own device enabled, as AWS allows only from its console: EnableMFADevice's rules, with
 * the account id as the owner; false when the codes are refused, as enableMfaDevice answers.
 */
export function enableRootMfaDevice(
  repos: Repos,
  sealer: Sealer,
  accountId: string,
  input: { SerialNumber: string } & AuthenticationCodes,
  now: Date,
  lockout: CredentialLockout,
): Promise<boolean> {
  return enableMfaDeviceFor(repos, sealer, accountId, accountId, input, now, lockout);
}

/** EnableMFADevice's rules for the device's owner: a user's id, or the account id for its root. */
async function enableMfaDeviceFor(
  repos: Repos,
  sealer: Sealer,
  accountId: string,
  ownerId: string,
  input: { SerialNumber: string } & AuthenticationCodes,
  now: Date,
  lockout: CredentialLockout,
): Promise<boolean> {
  const device = await getMfaDevice(repos, accountId, input.SerialNumber);
  if (device.user_id !== null) throw alreadyExists('MFA Device is already in use.');
  if ((await repos.mfaDevices.count(accountId, ownerId)) >= MFA_DEVICES_PER_USER)
    throw limitExceeded(`Cannot exceed quota for MFADevicesPerUser: ${MFA_DEVICES_PER_USER}`);
  let step: number | undefined;
  const accepted = await guardAttempt(lockout, [lockoutKeys.mfaDevice(device.serial_number)], async () => {
    step = consecutiveCodes(
      openSeed(sealer, device),
      input.AuthenticationCode1,
      input.AuthenticationCode2,
      timeStep(now),
      CODE_WINDOW_STEPS,
    );
    return step !== undefined;
  });
  if (!accepted || step === undefined) return false;
  // Both codes are spent: the device's first use must come from a later step.
  await repos.mfaDevices.assign(device, ownerId, now.toISOString(), step, 0);
  return true;
}

/** A virtual MFA device a principal enrols at console sign-in: its name (at path /) and its seed. */
export interface MfaEnrolment {
  deviceName: string;
  seed: Buffer;
}

/**
 * A new enrolment: a new seed, and the name of the device: ROOT_DEVICE_NAME for the root, the user's
 * name for a user, with -2, -3… when the account already has a device so named at path /.
 */
export async function newEnrolment(
  repos: ReadRepos,
  accountId: string,
  owner: { userName?: string },
): Promise<MfaEnrolment> {
  const base = owner.userName ?? ROOT_DEVICE_NAME;
  let deviceName = base;
  for (let n = 2; await repos.mfaDevices.byPathAndName(accountId, '/', deviceName); n++)
    deviceName = `${base}-${n}`;
  return { deviceName, seed: newSeed() };
}

/**
 * A principal's first virtual MFA device, enrolled at console sign-in: CreateVirtualMFADevice (with the
 * seed shown at the password step) and EnableMFADevice (two consecutive codes) for `ownerId`, in the
 * caller's write. Wrong codes leave no device behind but stay counted against its serial number, as
 * EnableMFADevice counts them; the device, or undefined when the codes are refused.
 */
export async function enrolVirtualMfaDevice(
  repos: Repos,
  sealer: Sealer,
  accountId: string,
  ownerId: string,
  enrolment: MfaEnrolment & AuthenticationCodes,
  quotas: Quotas,
  now: Date,
  lockout: CredentialLockout,
): Promise<MfaDeviceRow | undefined> {
  const { row } = await createVirtualMfaDevice(
    repos,
    sealer,
    accountId,
    { VirtualMFADeviceName: enrolment.deviceName },
    quotas,
    now,
    enrolment.seed,
  );
  const input = { SerialNumber: row.serial_number, ...enrolment };
  if (await enableMfaDeviceFor(repos, sealer, accountId, ownerId, input, now, lockout)) return row;
  await deleteVirtualMfaDevice(repos, accountId, row.serial_number);
  return undefined;
}

/**
 * ResyncMFADevice: learns how far the user's device clock has drifted from two consecutive codes.
 * Like enableMfaDevice, counts wrong codes against the device and answers false when refused.
 */
export async function resyncMfaDevice(
  repos: Repos,
  sealer: Sealer,
  accountId: string,
  input: { UserName: string; SerialNumber: string } & AuthenticationCodes,
  now: Date,
  lockout: CredentialLockout,
): Promise<boolean> {
  const user = await getUserRow(repos, accountId, input.UserName);
  const device = await getMfaDevice(repos, accountId, input.SerialNumber);
  if (device.user_id !== user.user_id) throw invalidForUser();
  const nowStep = timeStep(now);
  let step: number | undefined;
  const accepted = await guardAttempt(lockout, [lockoutKeys.mfaDevice(device.serial_number)], async () => {
    step = consecutiveCodes(
      openSeed(sealer, device),
      input.AuthenticationCode1,
      input.AuthenticationCode2,
      nowStep,
      RESYNC_WINDOW_STEPS,
    );
    // codes already spent do not resynchronise
    return step !== undefined && (device.last_step === null || step - 1 > device.last_step);
  });
  if (!accepted || step === undefined) return false;
  await repos.mfaDevices.resync(device, step, step - nowStep);
  return true;
}

/**
 * Whose devices a request is about: the named user, or the caller — a user, or the root, whose devices
 * are stored with the account id as their owner and named by it.
 */
async function resolveDeviceOwner(
  repos: ReadRepos,
  accountId: string,
  caller: Principal,
  userName: string | undefined,
): Promise<DeviceOwner> {
  if (userName !== undefined) {
    const user = await getUserRow(repos, accountId, userName);
    return { ownerId: user.user_id, userName: user.user_name };
  }
  if (caller.type === 'root') return { ownerId: accountId, userName: accountId };
  if (caller.type !== 'user')
    throw new AwsError('ValidationError', 'Must specify userName when calling with non-User credentials');
  const user = await repos.users.byId(caller.id);
  if (!user) throw noSuchEntity(`The user with name ${caller.userName} cannot be found.`);
  return { ownerId: user.user_id, userName: user.user_name };
}

/** DeactivateMFADevice: detaches a device from the user (or root) it is enabled for; the device remains. */
export async function deactivateMfaDevice(
  repos: Repos,
  accountId: string,
  caller: Principal,
  input: { UserName?: string; SerialNumber: string },
): Promise<void> {
  const owner = await resolveDeviceOwner(repos, accountId, caller, input.UserName);
  const device = await getMfaDevice(repos, accountId, input.SerialNumber);
  // without UserName, the root deactivates a device of its own (AWS: in an AssumeRoot session)
  if (device.user_id !== owner.ownerId) throw invalidForUser();
  await repos.mfaDevices.unassign(device);
}

/**
 * GetMFADevice: a device enabled for the named user (or the caller); NoSuchEntity for a device that
 * does not exist or is not enabled for that user.
 */
export async function getUserMfaDevice(
  repos: ReadRepos,
  accountId: string,
  caller: Principal,
  input: { UserName?: string; SerialNumber: string },
): Promise<EnabledMfaDevice> {
  const owner = await resolveDeviceOwner(repos, accountId, caller, input.UserName);
  const row = await getMfaDevice(repos, accountId, input.SerialNumber);
  if (row.user_id !== owner.ownerId) throw invalidForUser();
  return { row, userName: owner.userName };
}

/** DeleteVirtualMFADevice: only an unassigned device can go, and its tags with it. */
export async function deleteVirtualMfaDevice(
  repos: Repos,
  accountId: string,
  serialNumber: string,
): Promise<void> {
  const device = await getMfaDevice(repos, accountId, serialNumber);
  if (device.user_id !== null) throw deleteConflict('MFA VirtualDevice in use. Must deactivate first.');
  await repos.tags.removeAll('mfa-device', device.serial_number);
  await repos.mfaDevices.delete(device);
}

/** ListMFADevices: the devices enabled for a user, or for the caller (a user, or the root). */
export async function listUserMfaDevices(
  repos: ReadRepos,
  accountId: string,
  caller: Principal,
  userName: string | undefined,
): Promise<EnabledMfaDevice[]> {
  const owner = await resolveDeviceOwner(repos, accountId, caller, userName);
  const rows = await repos.mfaDevices.listForUser(owner.ownerId);
  return rows.map((row) => ({ row, userName: owner.userName }));
}

/**
 * ListVirtualMFADevices' rows, `limit` of them after the marker, with the users assigned ones belong
 * to (or the account, for the root's).
 */
export async function listVirtualMfaDevices(
  repos: ReadRepos,
  accountId: string,
  assignment: MfaAssignment,
  page: { after?: string; limit: number },
): Promise<MfaDeviceEntry[]> {
  const rows = await repos.mfaDevices.list(accountId, page, assignment);
  return Promise.all(
    rows.map(async (row) => {
      if (row.user_id === accountId) {
        const root = await repos.accounts.get(accountId);
        return root ? { row, root } : { row };
      }
      const user = row.user_id ? await repos.users.byId(row.user_id) : undefined;
      return user ? { row, user } : { row };
    }),
  );
}

/** Adds tags to a device (TagMFADevice). */
export async function tagMfaDevice(
  repos: Repos,
  accountId: string,
  serialNumber: string,
  tags: readonly Tag[],
  quotas: Quotas,
): Promise<void> {
  const device = await getMfaDevice(repos, accountId, serialNumber);
  await addTags(
    repos,
    deviceChange(device),
    'mfa-device',
    device.serial_number,
    tags,
    quotas.tagsPerResource,
  );
}

/**
 * Checks an MFA code given to STS (SerialNumber + TokenCode): true when the device exists in the
 * account, is enabled (for `userId`, when given), and `code` is its code within ±1 time step of
 * `now` (shifted by the drift ResyncMFADevice learnt) and later than any code accepted before.
 * An accepted code is remembered, so the same code, or an earlier one, is refused afterwards.
 *
 * Every check goes through the credential lockout (`lockout`, or one with the documented defaults):
 * a wrong code counts against the device and against `principalKey` (the caller), and while either
 * is locked every code is refused. A device the caller may not use is not checked and counts
 * against the caller only, so that naming another's device cannot lock it. Call this inside
 * `store.write`, and let the write commit even when the answer is false, so that the count is kept.
 */
export async function verifyMfaCode(
  repos: Repos,
  accountId: string,
  serialNumber: string,
  code: string,
  now: Date,
  options: { sealer: Sealer; userId?: string; lockout?: CredentialLockout; principalKey?: LockoutKey },
): Promise<boolean> {
  const lockout = options.lockout ?? credentialLockout(repos, accountId, DEFAULT_LOCKOUT_POLICY, now);
  const callerKeys = options.principalKey !== undefined ? [options.principalKey] : [];
  const device = await repos.mfaDevices.get(accountId, serialNumber);
  const usable =
    device !== undefined &&
    device.user_id !== null &&
    (options.userId === undefined || device.user_id === options.userId);
  if (!usable) return guardAttempt(lockout, callerKeys, () => Promise.resolve(false));
  return guardAttempt(lockout, [...callerKeys, lockoutKeys.mfaDevice(device.serial_number)], async () => {
    if (!/^\d{6}$/.test(code)) return false;
    const center = timeStep(now) + device.drift_steps;
    const from = Math.max(center - CODE_WINDOW_STEPS, (device.last_step ?? -1) + 1);
    const step = findStep(openSeed(options.sealer, device), code, from, center + CODE_WINDOW_STEPS);
    return step !== undefined && repos.mfaDevices.acceptStep(device, step);
  });
}

/** The label of a device's otpauth URI: DEVICE@ACCOUNT, the account named by its alias if it has one. */
export async function otpauthLabel(repos: ReadRepos, accountId: string, deviceName: string): Promise<string> {
  return `${deviceName}@${(await repos.accountAliases.ofAccount(accountId)) ?? accountId}`;
}
