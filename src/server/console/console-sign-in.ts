// Signing in to the web console, as AWS's sign-in page does it: an IAM user by account (id or alias),
// user name and password, an account root by its sign-in identifier and the password `tessera
// accounts set-root-password` gave it; then, when the user or root has MFA devices, the code of the
// one chosen. One who must use MFA (TESSERA_CONSOLE_REQUIRE_MFA) and has no device assigns a virtual
// one first, as AWS's console does: a QR code and its secret shown once, then two consecutive codes
// (CreateVirtualMFADevice + EnableMFADevice). Wrong answers are all the same "Your authentication
// information is incorrect", slowed down, and counted: repeated failures lock the password (and the
// MFA device) for a while, during which even the right one is refused. A password the administrator
// reset, or one older than the password policy's MaxPasswordAge, must be changed before the session
// starts (with HardExpiry, only the administrator can). Each attempt is a ConsoleLogin event. A
// signed-in session acts with credentials of its own, as GetSessionToken's (MFA-authenticated when a
// code was given), sealed in the session's row.
import type { IncomingMessage } from 'node:http';
import type { Services } from '../../api/index.ts';
import { recordConsoleLogin } from '../../audit/index.ts';
import { rootPrincipal, virtualMfaQrCode } from '../../authn/index.ts';
import { base32Encode, hashPassword, verifyPassword } from '../../crypto/index.ts';
import { AwsError } from '../../errors.ts';
import {
  checkNewPassword,
  checkPasswordChange,
  checkPasswordReuse,
  findPasswordPolicy,
  passwordHistory,
  updateLoginProfile,
  credentialLockout,
  enrolVirtualMfaDevice,
  guardSlowAttempt,
  iamArn,
  lockoutKeys,
  lockoutPolicy,
  newEnrolment,
  verifyCurrentPassword,
  verifyMfaCode,
  type Principal,
} from '../../domain/index.ts';
import { mintCredentials } from '../../sts/index.ts';
import type { ConsoleSessionRow, UserRow } from '../../store/index.ts';
import {
  CONSOLE_SESSION_MAX_SECONDS,
  MFA_STEP_SECONDS,
  newToken,
  openEnrolment,
  sealCredentials,
  sealEnrolment,
  tokenHash,
} from './console-sessions.ts';
import { ConsoleError, fromAws } from './console-errors.ts';
import { consoleMfaWrite } from './console-mfa-write.ts';

export { ConsoleError } from './console-errors.ts';

const wrong = () =>
  new ConsoleError(
    401,
    'InvalidCredentials',
    'Your authentication information is incorrect. Please try again.',
  );
const signInExpired = () =>
  new ConsoleError(401, 'SignInExpired', 'Your sign-in has expired. Sign in again.');
/** A wrong answer is given no sooner than this, so guessing is slow even before a lock. */
const FAILURE_DELAY_MS = 400;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface SignInContext {
  services: Services;
  req: IncomingMessage;
  sourceIp: string;
  requestId: string;
  now: Date;
}

/**
 * Where a sign-in step leaves the person: signed in (the cookie's token); asked for the code of one of
 * its MFA devices (by serial number); asked to assign a first virtual MFA device (its QR code as a
 * base64 PNG, and its Base32 secret, shown this once); or asked for a new password.
 */
export type SignInResult =
  | { next: 'done'; token: string }
  | { next: 'mfa'; ticket: string; devices: string[] }
  | { next: 'enrol-mfa'; ticket: string; qrCodePng: string; secret: string }
  | { next: 'change-password'; ticket: string };

/** The steps a ticket stands for. */
type Stage = 'MFA' | 'MFA_ENROLMENT' | 'PASSWORD_CHANGE';

export interface UserSignIn {
  account: string;
  userName: string;
  password: string;
}
export interface RootSignIn {
  root: string;
  password: string;
}

function audit(
  c: SignInContext,
  accountId: string,
  userName: string,
  success: boolean,
  mfaUsed: boolean,
  principal?: Principal,
): void {
  if (!c.services.audit) return;
  const userAgent = c.req.headers['user-agent'];
  recordConsoleLogin(c.services.audit, {
    at: c.now,
    region: c.services.config.region,
    sourceIp: c.sourceIp,
    ...(userAgent ? { userAgent } : {}),
    requestId: c.requestId,
    accountId,
    ...(principal ? { principal } : {}),
    userName,
    mfaUsed,
    success,
  });
}

async function refuse(
  c: SignInContext,
  accountId: string,
  userName: string,
  mfaUsed: boolean,
  principal?: Principal,
): Promise<never> {
  if (accountId) audit(c, accountId, userName, false, mfaUsed, principal);
  await delay(FAILURE_DELAY_MS);
  throw wrong();
}

async function accountOf(services: Services, account: string): Promise<string | undefined> {
  if (/^\d{12}$/.test(account)) {
    const found = await services.store.read((r) => r.accounts.get(account));
    return found ? account : undefined;
  }
  return services.store.read((r) => r.accountAliases.owner(account.toLowerCase()));
}

const userPrincipal = (accountId: string, user: UserRow): Principal => ({
  type: 'user',
  accountId,
  arn: user.arn,
  id: user.user_id,
  userName: user.user_name,
  path: user.path,
});

/** The name a sign-in is recorded under: the user's, or `root`. */
const nameOf = (principal: Principal) => (principal.type === 'user' ? principal.userName : 'root');

/** The first step for an IAM user: the password, then the MFA step or enrolment when due. */
export async function signInUser(c: SignInContext, input: UserSignIn): Promise<SignInResult> {
  const { services, now } = c;
  const accountId = (await accountOf(services, input.account.trim())) ?? '';
  const found = accountId
    ? await services.store.read(async (r) => {
        const user = await r.users.byName(accountId, input.userName);
        const profile = user ? await r.loginProfiles.get(user.user_id) : undefined;
        return user && profile ? { user, profile } : undefined;
      })
    : undefined;
  if (!found) return refuse(c, accountId, input.userName, false);
  const { user, profile } = found;
  const principal = userPrincipal(accountId, user);
  const ok = await verifyCurrentPassword(services.store, accountId, profile, input.password, {
    policy: lockoutPolicy(services),
    now,
  });
  if (!ok) return refuse(c, accountId, user.user_name, false, principal);
  return afterPassword(c, baseRow(accountId, 'user', user.arn, user.user_id, now), principal);
}

/** Whether the configuration makes this principal use MFA at sign-in. */
function mustUseMfa(services: Services, principal: Principal): boolean {
  const required = services.config.consoleRequireMfa;
  return required === 'all' || (required === 'root' && principal.type === 'root');
}

/**
 * After the right password: the MFA step when the principal has devices (their serial numbers to
 * choose among, as AWS's sign-in page asks which device when there are several), enrolment when it
 * must use MFA and has none, else on to a password change or the session.
 */
async function afterPassword(
  c: SignInContext,
  row: ConsoleSessionRow,
  principal: Principal,
): Promise<SignInResult> {
  // a device's owner is the principal's id: the user's, or the account id for the root
  const devices = await c.services.store.read((r) => r.mfaDevices.listForUser(principal.id));
  if (devices.length > 0)
    return {
      next: 'mfa',
      ticket: await ticketFor(c, row, 'MFA', false),
      devices: devices.map((d) => d.serial_number),
    };
  if (mustUseMfa(c.services, principal)) return enrolmentStep(c, row, principal);
  return nextAfterMfa(c, row, principal, false);
}

/**
 * Enrolment's first half: a new virtual device's seed, kept sealed under the ticket, shown once as a
 * QR code and as Base32 text; the device itself is made when two codes prove the app has the seed.
 */
async function enrolmentStep(
  c: SignInContext,
  row: ConsoleSessionRow,
  principal: Principal,
): Promise<SignInResult> {
  const { services } = c;
  const owner = principal.type === 'user' ? { userName: principal.userName } : {};
  const { enrolment, secret, png } = await services.store.read(async (r) => {
    const enrolment = await newEnrolment(r, principal.accountId, owner);
    const secret = base32Encode(enrolment.seed);
    const png = await virtualMfaQrCode(r, principal.accountId, enrolment.deviceName, secret);
    return { enrolment, secret, png };
  });
  const sealed = { ...row, enrolment_sealed: sealEnrolment(services, enrolment) };
  const ticket = await ticketFor(c, sealed, 'MFA_ENROLMENT', false);
  return { next: 'enrol-mfa', ticket, qrCodePng: png.toString('base64'), secret };
}

/** Stores a step of a sign-in under a new ticket, for five minutes; the ticket. */
async function ticketFor(
  c: SignInContext,
  row: ConsoleSessionRow,
  stage: Stage,
  mfaUsed: boolean,
): Promise<string> {
  const ticket = newToken();
  await c.services.store.writeRecords((r) =>
    r.consoleSessions.insertSession(
      {
        ...row,
        token_hash: tokenHash(ticket),
        stage,
        mfa_used: mfaUsed ? 1 : 0,
        expires_at: new Date(c.now.getTime() + MFA_STEP_SECONDS * 1000).toISOString(),
      },
      c.now,
    ),
  );
  return ticket;
}

/** After the password (and the code): a password change when one is due, else the session. */
async function nextAfterMfa(
  c: SignInContext,
  row: ConsoleSessionRow,
  principal: Principal,
  mfaUsed: boolean,
): Promise<SignInResult> {
  if (principal.type === 'user') {
    const due = await c.services.store.read(async (r) => {
      const profile = await r.loginProfiles.get(principal.id);
      const policy = await findPasswordPolicy(r, principal.accountId);
      if (!profile) return { change: false, hard: false };
      const age = policy?.MaxPasswordAge;
      const expired =
        age !== undefined && c.now.getTime() - Date.parse(profile.password_changed_at) > age * 86_400_000;
      return {
        change: profile.password_reset_required === 1 || expired,
        hard: expired && policy?.HardExpiry === true,
      };
    });
    if (due.hard)
      throw new ConsoleError(
        401,
        'PasswordExpired',
        'Your password has expired. Ask your administrator to set a new one.',
      );
    if (due.change)
      return { next: 'change-password', ticket: await ticketFor(c, row, 'PASSWORD_CHANGE', mfaUsed) };
  }
  return signedIn(c, row, principal, mfaUsed);
}

/**
 * A step by its ticket, while it is that step and not expired: its row, and the principal signing in
 * (undefined for a user deleted since).
 */
async function stepOf(
  c: SignInContext,
  ticket: string,
  stage: Stage,
): Promise<{ row: ConsoleSessionRow; principal: Principal | undefined }> {
  const row = await c.services.store.read((r) => r.consoleSessions.session(tokenHash(ticket)));
  if (!row || row.stage !== stage || row.expires_at <= c.now.toISOString()) throw signInExpired();
  if (row.identity_type === 'root') return { row, principal: rootPrincipal(row.account_id) };
  const userId = row.user_id;
  const user = userId === null ? undefined : await c.services.store.read((r) => r.users.byId(userId));
  return { row, principal: user && userPrincipal(row.account_id, user) };
}

/** The password change a sign-in needs: the new password, under the account's password policy. */
export async function signInNewPassword(
  c: SignInContext,
  ticket: string,
  newPassword: string,
): Promise<SignInResult> {
  const { services, now } = c;
  const { row, principal } = await stepOf(c, ticket, 'PASSWORD_CHANGE');
  if (principal?.type !== 'user') throw signInExpired();
  try {
    const { profile, policy } = await services.store.read((r) =>
      checkPasswordChange(r, row.account_id, principal.userName, undefined),
    );
    checkNewPassword(newPassword, policy);
    await checkPasswordReuse(newPassword, policy, passwordHistory(profile));
    const hash = await hashPassword(newPassword);
    await services.store.write(row.account_id, (r) =>
      updateLoginProfile(
        r,
        row.account_id,
        {
          userName: principal.userName,
          password: { clear: newPassword, hash, expectedHash: profile.password_hash },
          resetRequired: false,
        },
        now,
      ),
    );
  } catch (err) {
    if (err instanceof AwsError) throw fromAws(err);
    throw err;
  }
  await services.store.writeRecords((r) => r.consoleSessions.deleteSession(row.token_hash));
  return signedIn(c, { ...row, stage: 'SIGNED_IN' }, principal, row.mfa_used === 1);
}

/**
 * The MFA step: the code of one of the user's (or root's) devices, the one named by serial number,
 * else the first, within five minutes of the password.
 */
export async function signInMfa(
  c: SignInContext,
  ticket: string,
  code: string,
  serialNumber?: string,
): Promise<SignInResult> {
  const { services, now } = c;
  const { row, principal } = await stepOf(c, ticket, 'MFA');
  if (!principal) return refuse(c, row.account_id, '', true);
  const devices = await services.store.read((r) => r.mfaDevices.listForUser(principal.id));
  const device =
    serialNumber === undefined ? devices[0] : devices.find((d) => d.serial_number === serialNumber);
  // a serial number not among the principal's devices is checked as a wrong code is (slowed, counted)
  const ok = await services.store.write(row.account_id, (repos) =>
    verifyMfaCode(repos, row.account_id, device?.serial_number ?? '', code, now, {
      sealer: services.sealer,
      userId: principal.id,
      lockout: credentialLockout(repos, row.account_id, lockoutPolicy(services), now),
      principalKey: lockoutKeys.mfaPrincipal(principal),
    }),
  );
  if (!ok) return refuse(c, row.account_id, nameOf(principal), true, principal);
  await services.store.writeRecords((r) => r.consoleSessions.deleteSession(row.token_hash));
  return nextAfterMfa(c, freshRow(row, principal, now), principal, true);
}

/**
 * Enrolment's second half: two consecutive codes of the app that took the seed. The virtual device is
 * created and enabled for the user or root as CreateVirtualMFADevice and EnableMFADevice do it, with
 * EnableMFADevice's errors (wrong codes: 403 InvalidAuthenticationCode, counted against the device);
 * then the sign-in goes on, MFA used.
 */
export async function signInEnrolMfa(
  c: SignInContext,
  codes: { ticket: string; code1: string; code2: string },
): Promise<SignInResult> {
  const { services, now } = c;
  const { row, principal } = await stepOf(c, codes.ticket, 'MFA_ENROLMENT');
  if (!principal || row.enrolment_sealed === null) throw signInExpired();
  const accountId = row.account_id;
  const enrolment = {
    ...openEnrolment(services, row.enrolment_sealed),
    AuthenticationCode1: codes.code1,
    AuthenticationCode2: codes.code2,
  };
  const quotas = await services.quotas(accountId);
  const serialNumber = iamArn(accountId, 'mfa', '/', enrolment.deviceName);
  await consoleMfaWrite(
    c,
    principal,
    { serialNumber, deviceName: enrolment.deviceName },
    async (repos, lockout) =>
      Boolean(
        await enrolVirtualMfaDevice(
          repos,
          services.sealer,
          accountId,
          principal.id,
          enrolment,
          quotas,
          now,
          lockout,
        ),
      ),
  );
  await services.store.writeRecords((r) => r.consoleSessions.deleteSession(row.token_hash));
  return nextAfterMfa(c, freshRow(row, principal, now), principal, true);
}

/** A new row for the rest of a sign-in whose step `row` was. */
const freshRow = (row: ConsoleSessionRow, principal: Principal, now: Date) =>
  baseRow(row.account_id, row.identity_type, principal.arn, row.user_id, now);

/** An account root: its sign-in identifier and console password, then the MFA step or enrolment when due. */
export async function signInRoot(c: SignInContext, input: RootSignIn): Promise<SignInResult> {
  const { services, now } = c;
  const name = input.root.trim().toLowerCase();
  const stored = await services.store.read((r) => r.consoleSessions.rootPassword(name));
  if (!stored) return refuse(c, '', name, false);
  const accountId = stored.account_id;
  const principal = rootPrincipal(accountId);
  const ok = await guardSlowAttempt(
    services.store,
    accountId,
    lockoutPolicy(services),
    now,
    [lockoutKeys.password(`root:${accountId}`)],
    () => verifyPassword(input.password, stored.password_hash),
  );
  if (!ok) return refuse(c, accountId, 'root', false, principal);
  return afterPassword(c, baseRow(accountId, 'root', principal.arn, null, now), principal);
}

function baseRow(
  accountId: string,
  type: 'user' | 'root',
  arn: string,
  userId: string | null,
  now: Date,
): ConsoleSessionRow {
  return {
    token_hash: '',
    account_id: accountId,
    identity_type: type,
    identity_arn: arn,
    user_id: userId,
    stage: 'SIGNED_IN',
    mfa_used: 0,
    credentials_sealed: null,
    role_sealed: null,
    recent_roles: '[]',
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + CONSOLE_SESSION_MAX_SECONDS * 1000).toISOString(),
    enrolment_sealed: null,
  };
}

/** Issues the session's credentials, stores the session and records the sign-in. */
async function signedIn(
  c: SignInContext,
  row: ConsoleSessionRow,
  principal: Principal,
  mfaUsed: boolean,
): Promise<SignInResult> {
  const { services, now } = c;
  const issuedAt = Math.floor(now.getTime() / 1000);
  const seconds = services.config.consoleSessionSeconds;
  const common = {
    accountId: principal.accountId,
    issuedAt,
    expiresAt: issuedAt + seconds,
    arn: principal.arn,
    userId: principal.id,
    chainDepth: 0,
    console: true,
    ...(mfaUsed ? { mfaAuthenticatedAt: issuedAt } : {}),
  };
  const issued =
    principal.type === 'user'
      ? mintCredentials(services, {
          ...common,
          kind: 'user-session',
          sourceUser: {
            userId: principal.id,
            userName: principal.userName,
            arn: principal.arn,
            path: principal.path,
          },
        })
      : mintCredentials(services, { ...common, kind: 'root-session' });
  const token = newToken();
  await services.store.writeRecords((r) =>
    r.consoleSessions.insertSession(
      {
        ...row,
        expires_at: new Date(now.getTime() + seconds * 1000).toISOString(),
        token_hash: tokenHash(token),
        mfa_used: mfaUsed ? 1 : 0,
        credentials_sealed: sealCredentials(services, {
          AccessKeyId: issued.AccessKeyId,
          SecretAccessKey: issued.SecretAccessKey,
          SessionToken: issued.SessionToken,
          Expiration: issued.Expiration.toISOString(),
        }),
      },
      now,
    ),
  );
  audit(c, principal.accountId, nameOf(principal), true, mfaUsed, principal);
  return { next: 'done', token };
}
