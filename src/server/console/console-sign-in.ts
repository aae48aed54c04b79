// Signing in to the web console, as AWS's sign-in page does it: an IAM user by account (id or alias),
// user name and password, then the code of the user's MFA device when it has one; an account root by
// its sign-in identifier and the password `tessera accounts set-root-password` gave it. Wrong answers
// are all the same "Your authentication information is incorrect", slowed down, and counted: repeated
// failures lock the password (and the MFA device) for a while, during which even the right one is
// refused. A password the administrator reset, or one older than the password policy's
// MaxPasswordAge, must be changed before the session starts (with HardExpiry, only the administrator
// can). Each attempt is a ConsoleLogin event. A signed-in session acts with credentials of its own,
// as GetSessionToken's (MFA-authenticated when a code was given), sealed in the session's row.
import type { IncomingMessage } from 'node:http';
import type { Services } from '../../api/index.ts';
import { recordConsoleLogin } from '../../audit/index.ts';
import { verifyPassword } from '../../crypto/index.ts';
import { AwsError } from '../../errors.ts';
import { hashPassword } from '../../crypto/index.ts';
import {
  checkNewPassword,
  checkPasswordChange,
  checkPasswordReuse,
  findPasswordPolicy,
  passwordHistory,
  updateLoginProfile,
  credentialLockout,
  guardSlowAttempt,
  lockoutKeys,
  lockoutPolicy,
  rootArn,
  verifyCurrentPassword,
  verifyMfaCode,
  type Principal,
} from '../../domain/index.ts';
import { mintCredentials } from '../../sts/index.ts';
import type { ConsoleSessionRow } from '../../store/index.ts';
import {
  CONSOLE_SESSION_MAX_SECONDS,
  MFA_STEP_SECONDS,
  newToken,
  sealCredentials,
  tokenHash,
} from './console-sessions.ts';

/** A sign-in refused: the console shows the message. */
export class ConsoleError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const wrong = () =>
  new ConsoleError(
    401,
    'InvalidCredentials',
    'Your authentication information is incorrect. Please try again.',
  );
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

/** Where a sign-in step leaves the person: signed in (the cookie's token), or asked for an MFA code. */
export type SignInResult =
  | { next: 'done'; token: string }
  | { next: 'mfa'; ticket: string; devices: string[] }
  | { next: 'change-password'; ticket: string };

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

/** The first step for an IAM user: the password, then (when the user has a device) the MFA step. */
export async function signInUser(c: SignInContext, input: UserSignIn): Promise<SignInResult> {
  const { services, now } = c;
  const accountId = (await accountOf(services, input.account.trim())) ?? '';
  const found = accountId
    ? await services.store.read(async (r) => {
        const user = await r.users.byName(accountId, input.userName);
        const profile = user ? await r.loginProfiles.get(user.user_id) : undefined;
        const devices = user ? await r.mfaDevices.listForUser(user.user_id) : [];
        return user && profile ? { user, profile, devices } : undefined;
      })
    : undefined;
  if (!found) return refuse(c, accountId, input.userName, false);
  const { user, profile, devices } = found;
  const principal: Principal = {
    type: 'user',
    accountId,
    arn: user.arn,
    id: user.user_id,
    userName: user.user_name,
    path: user.path,
  };
  const ok = await verifyCurrentPassword(services.store, accountId, profile, input.password, {
    policy: lockoutPolicy(services),
    now,
  });
  if (!ok) return refuse(c, accountId, user.user_name, false, principal);
  const row = baseRow(accountId, 'user', user.arn, user.user_id, now);
  if (devices.length > 0) {
    const ticket = await ticketFor(c, row, 'MFA', false);
    // the devices to choose among, by serial number (AWS's sign-in page asks for one when there are several)
    return { next: 'mfa', ticket, devices: devices.map((d) => d.serial_number) };
  }
  return nextAfterMfa(c, row, principal, false);
}

/** Stores a step of a sign-in under a new ticket, for five minutes; the ticket. */
async function ticketFor(
  c: SignInContext,
  row: ConsoleSessionRow,
  stage: 'MFA' | 'PASSWORD_CHANGE',
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

/** A step's row by its ticket, while it is that step and not expired. */
async function stepOf(
  c: SignInContext,
  ticket: string,
  stage: 'MFA' | 'PASSWORD_CHANGE',
): Promise<ConsoleSessionRow & { user_id: string }> {
  const row = await c.services.store.read((r) => r.consoleSessions.session(tokenHash(ticket)));
  if (!row || row.stage !== stage || row.expires_at <= c.now.toISOString() || row.user_id === null)
    throw new ConsoleError(401, 'SignInExpired', 'Your sign-in has expired. Sign in again.');
  return row as ConsoleSessionRow & { user_id: string };
}

/** The password change a sign-in needs: the new password, under the account's password policy. */
export async function signInNewPassword(
  c: SignInContext,
  ticket: string,
  newPassword: string,
): Promise<SignInResult> {
  const { services, now } = c;
  const row = await stepOf(c, ticket, 'PASSWORD_CHANGE');
  const user = await services.store.read((r) => r.users.byId(row.user_id));
  if (!user) throw new ConsoleError(401, 'SignInExpired', 'Your sign-in has expired. Sign in again.');
  try {
    const { profile, policy } = await services.store.read((r) =>
      checkPasswordChange(r, row.account_id, user.user_name, undefined),
    );
    checkNewPassword(newPassword, policy);
    await checkPasswordReuse(newPassword, policy, passwordHistory(profile));
    const hash = await hashPassword(newPassword);
    await services.store.write(row.account_id, (r) =>
      updateLoginProfile(
        r,
        row.account_id,
        {
          userName: user.user_name,
          password: { clear: newPassword, hash, expectedHash: profile.password_hash },
          resetRequired: false,
        },
        now,
      ),
    );
  } catch (err) {
    if (err instanceof AwsError) throw new ConsoleError(400, err.code, err.message);
    throw err;
  }
  await services.store.writeRecords((r) => r.consoleSessions.deleteSession(row.token_hash));
  const principal: Principal = {
    type: 'user',
    accountId: row.account_id,
    arn: user.arn,
    id: user.user_id,
    userName: user.user_name,
    path: user.path,
  };
  return signedIn(c, { ...row, stage: 'SIGNED_IN' }, principal, row.mfa_used === 1);
}

/**
 * The MFA step: the code of one of the user's devices (the one named by serial number, else the first),
 * within five minutes of the password.
 */
export async function signInMfa(
  c: SignInContext,
  ticket: string,
  code: string,
  serialNumber?: string,
): Promise<SignInResult> {
  const { services, now } = c;
  const row = await stepOf(c, ticket, 'MFA');
  const userId = row.user_id;
  const found = await services.store.read(async (r) => {
    const user = await r.users.byId(userId);
    const devices = await r.mfaDevices.listForUser(userId);
    return user ? { user, devices } : undefined;
  });
  if (!found || found.devices.length === 0) return refuse(c, row.account_id, '', true);
  const { user, devices } = found;
  const device =
    serialNumber === undefined ? devices[0] : devices.find((d) => d.serial_number === serialNumber);
  const principal: Principal = {
    type: 'user',
    accountId: row.account_id,
    arn: user.arn,
    id: user.user_id,
    userName: user.user_name,
    path: user.path,
  };
  // a serial number not among the user's devices is checked as a wrong code is (slowed, counted)
  const ok = await services.store.write(row.account_id, (repos) =>
    verifyMfaCode(repos, row.account_id, device?.serial_number ?? '', code, now, {
      sealer: services.sealer,
      userId,
      lockout: credentialLockout(repos, row.account_id, lockoutPolicy(services), now),
      principalKey: lockoutKeys.mfaPrincipal(principal),
    }),
  );
  if (!ok) return refuse(c, row.account_id, user.user_name, true, principal);
  await services.store.writeRecords((r) => r.consoleSessions.deleteSession(row.token_hash));
  return nextAfterMfa(c, baseRow(row.account_id, 'user', user.arn, userId, now), principal, true);
}

/** An account root: its sign-in identifier and console password. */
export async function signInRoot(c: SignInContext, input: RootSignIn): Promise<SignInResult> {
  const { services, now } = c;
  const name = input.root.trim().toLowerCase();
  const stored = await services.store.read((r) => r.consoleSessions.rootPassword(name));
  if (!stored) return refuse(c, '', name, false);
  const accountId = stored.account_id;
  const principal: Principal = { type: 'root', accountId, arn: rootArn(accountId), id: accountId };
  const ok = await guardSlowAttempt(
    services.store,
    accountId,
    lockoutPolicy(services),
    now,
    [lockoutKeys.password(`root:${accountId}`)],
    () => verifyPassword(input.password, stored.password_hash),
  );
  if (!ok) return refuse(c, accountId, 'root', false, principal);
  return signedIn(c, baseRow(accountId, 'root', principal.arn, null, now), principal, false);
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
  audit(
    c,
    principal.accountId,
    principal.type === 'user' ? principal.userName : 'root',
    true,
    mfaUsed,
    principal,
  );
  return { next: 'done', token };
}
