// Login profiles: a user's console password, stored only as a scrypt hash, with its
// PasswordResetRequired flag and earlier hashes (for PasswordReusePrevention). Every new password
// passes the account password policy. The slow hashing runs outside the account's write lock:
// callers validate with a read, hash, then apply in a write that repeats the (cheap) checks. Checks
// of a user's current password go through the credential lockout, per user.
import { verifyPassword } from '../crypto/index.ts';
import { AwsError, alreadyExists, noSuchEntity } from '../errors.ts';
import {
  onUniqueViolation,
  type ReadRepos,
  type Repos,
  type Store,
  type LoginProfileRow,
  type UserRow,
} from '../store/index.ts';
import { guardSlowAttempt, lockoutKeys, type LockoutPolicy } from './credential-lockout.ts';
import { checkNewPassword, findPasswordPolicy, type PasswordPolicySettings } from './password-policy.ts';
import type { Principal } from './principal.ts';
import { getUserRow } from './users.ts';

/** How many earlier hashes are kept: AWS's largest PasswordReusePrevention. */
const HISTORY_LENGTH = 24;

export const loginProfileNotFound = (userName: string) =>
  noSuchEntity(`Login Profile for User ${userName} cannot be found.`);

/** The hashes a new password must differ from under PasswordReusePrevention, newest first. */
export function passwordHistory(row: LoginProfileRow): string[] {
  const earlier = JSON.parse(row.password_history) as unknown;
  return [row.password_hash, ...(Array.isArray(earlier) ? earlier.filter((h) => typeof h === 'string') : [])];
}

export async function getLoginProfile(
  repos: ReadRepos,
  accountId: string,
  userName: string,
): Promise<{ user: UserRow; profile: LoginProfileRow }> {
  const user = await getUserRow(repos, accountId, userName);
  const profile = await repos.loginProfiles.get(user.user_id);
  if (!profile) throw loginProfileNotFound(user.user_name);
  return { user, profile };
}

/** CreateLoginProfile's checks, in AWS's order: the user, no profile yet, then the policy. */
export async function checkCreateLoginProfile(
  repos: ReadRepos,
  accountId: string,
  userName: string,
  password: string,
): Promise<UserRow> {
  const user = await getUserRow(repos, accountId, userName);
  if (await repos.loginProfiles.get(user.user_id))
    throw alreadyExists(`Login Profile for user ${user.user_name} already exists.`);
  checkNewPassword(password, await findPasswordPolicy(repos, accountId));
  return user;
}

export async function createLoginProfile(
  repos: Repos,
  accountId: string,
  input: { userName: string; password: string; passwordHash: string; resetRequired: boolean },
  now: Date,
): Promise<{ user: UserRow; profile: LoginProfileRow }> {
  const user = await checkCreateLoginProfile(repos, accountId, input.userName, input.password);
  const row: LoginProfileRow = {
    user_id: user.user_id,
    password_hash: input.passwordHash,
    password_reset_required: input.resetRequired ? 1 : 0,
    created_at: now.toISOString(),
    password_changed_at: now.toISOString(),
    password_history: '[]',
  };
  await onUniqueViolation(repos.loginProfiles.insert(accountId, row), () =>
    alreadyExists(`Login Profile for user ${user.user_name} already exists.`),
  );
  return { user, profile: row };
}

/** What a password change is checked against: the profile and the account's policy. */
export interface PasswordChangeContext {
  user: UserRow;
  profile: LoginProfileRow;
  policy: PasswordPolicySettings | undefined;
}

/** UpdateLoginProfile/ChangePassword checks that need no hashing: the profile and the policy. */
export async function checkPasswordChange(
  repos: ReadRepos,
  accountId: string,
  userName: string,
  newPassword: string | undefined,
): Promise<PasswordChangeContext> {
  const { user, profile } = await getLoginProfile(repos, accountId, userName);
  const policy = await findPasswordPolicy(repos, accountId);
  if (newPassword !== undefined) checkNewPassword(newPassword, policy);
  return { user, profile, policy };
}

/**
 * Whether `password` is the user's current password (ChangePassword's OldPassword; the console's
 * sign-in later). Wrong passwords in a row lock the user's password checks for a while, during which
 * even the right one is refused (false), as a wrong one is. Runs outside any write: hashing is slow.
 */
export function verifyCurrentPassword(
  store: Store,
  accountId: string,
  profile: LoginProfileRow,
  password: string,
  lockout: { policy: LockoutPolicy; now: Date },
): Promise<boolean> {
  return guardSlowAttempt(
    store,
    accountId,
    lockout.policy,
    lockout.now,
    [lockoutKeys.password(profile.user_id)],
    () => verifyPassword(password, profile.password_hash),
  );
}

/**
 * Applies UpdateLoginProfile or ChangePassword. `expectedHash` is the hash the caller checked reuse
 * (and, for ChangePassword, the old password) against; a change in between is refused rather
 * than silently overwritten.
 */
export async function updateLoginProfile(
  repos: Repos,
  accountId: string,
  input: {
    userName: string;
    password?: { clear: string; hash: string; expectedHash: string };
    resetRequired?: boolean;
  },
  now: Date,
): Promise<void> {
  const { user, profile } = await checkPasswordChange(
    repos,
    accountId,
    input.userName,
    input.password?.clear,
  );
  const patch: Partial<Omit<LoginProfileRow, 'user_id' | 'created_at'>> = {};
  if (input.password) {
    if (profile.password_hash !== input.password.expectedHash)
      throw new AwsError(
        'EntityTemporarilyUnmodifiable',
        `Login Profile for User ${user.user_name} is being modified by another request; try again.`,
      );
    patch.password_hash = input.password.hash;
    patch.password_changed_at = now.toISOString();
    patch.password_history = JSON.stringify(passwordHistory(profile).slice(0, HISTORY_LENGTH));
  }
  if (input.resetRequired !== undefined) patch.password_reset_required = input.resetRequired ? 1 : 0;
  if (Object.keys(patch).length > 0) await repos.loginProfiles.update(accountId, user.user_id, patch);
}

export async function deleteLoginProfile(repos: Repos, accountId: string, userName: string): Promise<void> {
  const { user } = await getLoginProfile(repos, accountId, userName);
  await repos.loginProfiles.delete(accountId, user.user_id);
}

/**
 * The user a login-profile request is about: UserName, or the calling IAM user when omitted. The
 * root's own password is reached only from an AssumeRoot session, and Tessera's account roots have
 * none: such a session is told so in AWS's words (it names no user).
 */
export function loginProfileUserName(caller: Principal, userName: string | undefined): string {
  if (userName !== undefined) return userName;
  if (caller.type === 'user') return caller.userName;
  if (caller.session?.kind === 'root-session' && caller.session.assumedRoot)
    throw new AwsError('NoSuchEntity', 'Login Profile for User null cannot be found.');
  throw new AwsError('ValidationError', 'Must specify userName when calling with non-User credentials');
}

/** Password is optional in AWS's model only for AssumeRoot sessions; everyone else must send it. */
export function requirePassword(password: string | undefined): string {
  if (password === undefined)
    throw new AwsError(
      'ValidationError',
      "1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null",
    );
  return password;
}
