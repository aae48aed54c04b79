// Signing in as an Identity Center user: the password (Identity Center's rules: 8–64 characters with
// upper and lower case letters, a digit and a symbol; set by an administrator, who may require a change
// at the next sign-in, or changed by the user), the TOTP device (a code accepted once, one step of
// drift either side), failed attempts counted and locked by the credential lockouts, and the pages'
// sign-in sessions (a cookie token, stored as its hash, moving MFA → PASSWORD_CHANGE → SIGNED_IN).
import {
  base32Decode,
  bearerTokenHash,
  findStep,
  hashPassword,
  newBearerToken,
  type Sealer,
  timeStep,
  verifyPassword,
} from '../../crypto/index.ts';
import type { ReadRepos, Repos, SignInUserRow, SsoWebSessionRow, Store } from '../../store/index.ts';
import { guardSlowAttempt, type LockoutPolicy } from '../credential-lockout.ts';
import { invalidInput } from '../../errors.ts';

/** The purpose an Identity Center user's TOTP secret is sealed under. */
export const IDC_MFA_PURPOSE = 'idc-mfa-seed';

/** Steps of clock drift either side of now in which a TOTP code is accepted. */
const CODE_WINDOW_STEPS = 1;

/** Identity Center's password rules; the reason a password breaks them, or undefined. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 8 || password.length > 64) return 'The password must be 8 to 64 characters long.';
  if (!/[a-z]/.test(password)) return 'The password must contain a lower-case letter.';
  if (!/[A-Z]/.test(password)) return 'The password must contain an upper-case letter.';
  if (!/[0-9]/.test(password)) return 'The password must contain a digit.';
  if (!/[^A-Za-z0-9]/.test(password)) return 'The password must contain a symbol.';
  return undefined;
}

/** Sets a user's password (an administrator's, or the user's own change); InvalidInput if it breaks the rules. */
export async function setSignInPassword(
  repos: Repos,
  user: SignInUserRow,
  password: string,
  now: Date,
  options: { resetRequired: boolean },
): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw invalidInput(problem);
  await repos.ssoSignIn.setCredentials(user.identity_store_id, user.user_id, {
    password_hash: await hashPassword(password),
    password_set_at: now.toISOString(),
    password_reset_required: options.resetRequired ? 1 : 0,
  });
}

/** Registers a TOTP device (its base32 secret), replacing any earlier one. */
export async function registerTotp(
  repos: Repos,
  sealer: Sealer,
  user: SignInUserRow,
  secretBase32: string,
  now: Date,
): Promise<void> {
  await repos.ssoSignIn.setCredentials(user.identity_store_id, user.user_id, {
    mfa_secret: sealer.seal(secretBase32, IDC_MFA_PURPOSE),
    mfa_registered_at: now.toISOString(),
    mfa_last_step: null,
  });
}

/** The lockout keys of a user's password and of its TOTP codes. */
const passwordKey = (u: SignInUserRow) => `password:idc:${u.identity_store_id}:${u.user_id}` as const;
const codeKey = (u: SignInUserRow) => `mfa-principal:idc:${u.identity_store_id}:${u.user_id}` as const;

export interface SignInAttempt {
  store: Store;
  /** The account the identity store belongs to: where lockout counts are written. */
  accountId: string;
  policy: LockoutPolicy;
  now: Date;
}

/**
 * Checks a user name and password: the user when right (enabled, with a password), undefined otherwise
 * — an unknown user, a wrong password and a locked one look the same to the caller.
 */
export async function checkPassword(
  attempt: SignInAttempt,
  identityStoreId: string,
  userName: string,
  password: string,
): Promise<SignInUserRow | undefined> {
  const user = await attempt.store.read((r) => r.ssoSignIn.signInUser(identityStoreId, userName));
  if (!user || user.status === 'DISABLED' || user.password_hash === null) {
    // the same work as a real check, so the time taken does not tell which names exist
    await verifyPassword(password, DUMMY_HASH);
    return undefined;
  }
  const hash = user.password_hash;
  const ok = await guardSlowAttempt(
    attempt.store,
    attempt.accountId,
    attempt.policy,
    attempt.now,
    [passwordKey(user)],
    () => verifyPassword(password, hash),
  );
  return ok ? user : undefined;
}

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** Checks a TOTP code of the user's device; a code is accepted once, and wrong ones count toward a lock. */
export async function checkTotp(
  attempt: SignInAttempt,
  sealer: Sealer,
  user: SignInUserRow,
  code: string,
): Promise<boolean> {
  if (user.mfa_secret === null || !/^\d{6}$/.test(code)) return false;
  const secret = base32Decode(sealer.open(user.mfa_secret, IDC_MFA_PURPOSE));
  const now = timeStep(attempt.now);
  let step: number | undefined;
  const ok = await guardSlowAttempt(
    attempt.store,
    attempt.accountId,
    attempt.policy,
    attempt.now,
    [codeKey(user)],
    async () => {
      step = findStep(secret, code, now - CODE_WINDOW_STEPS, now + CODE_WINDOW_STEPS);
      return step !== undefined && (user.mfa_last_step === null || step > user.mfa_last_step);
    },
  );
  if (!ok || step === undefined) return false;
  const spent = step;
  // spent even if another node accepted a later one meanwhile: the highest step wins
  await attempt.store.write(attempt.accountId, async (repos) => {
    const current = await repos.ssoSignIn.signInUserById(user.identity_store_id, user.user_id);
    if (current && (current.mfa_last_step === null || current.mfa_last_step < spent))
      await repos.ssoSignIn.setCredentials(user.identity_store_id, user.user_id, { mfa_last_step: spent });
  });
  return true;
}

/** A new sign-in session at `stage`: the cookie's token and the stored row. */
export function newWebSession(
  user: SignInUserRow,
  stage: SsoWebSessionRow['stage'],
  now: Date,
  lifetimeSeconds: number,
): { token: string; row: SsoWebSessionRow } {
  const token = newBearerToken('tss_');
  return {
    token,
    row: {
      token_hash: bearerTokenHash(token),
      identity_store_id: user.identity_store_id,
      user_id: user.user_id,
      stage,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + lifetimeSeconds * 1000).toISOString(),
    },
  };
}

/** The session a cookie's token names, unless it has expired. */
export async function webSessionOf(
  repos: ReadRepos,
  token: string | undefined,
  now: Date,
): Promise<SsoWebSessionRow | undefined> {
  if (!token) return undefined;
  const row = await repos.ssoSignIn.webSession(bearerTokenHash(token));
  return row && row.expires_at > now.toISOString() ? row : undefined;
}

/** The stage that follows a right password: the code when the user has a device, then a new password if due. */
export function stageAfterPassword(user: SignInUserRow): SsoWebSessionRow['stage'] {
  if (user.mfa_secret !== null) return 'MFA';
  return user.password_reset_required ? 'PASSWORD_CHANGE' : 'SIGNED_IN';
}

/** The stage that follows a right code. */
export const stageAfterMfa = (user: SignInUserRow): SsoWebSessionRow['stage'] =>
  user.password_reset_required ? 'PASSWORD_CHANGE' : 'SIGNED_IN';
