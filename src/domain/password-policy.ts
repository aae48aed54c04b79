// The account password policy: AWS's defaults for UpdateAccountPasswordPolicy, its storage as the
// PasswordPolicy structure, and the check every new password passes (CreateLoginProfile,
// UpdateLoginProfile, ChangePassword). Without a custom policy AWS's default policy applies.
import { AwsError, noSuchEntity } from '../errors.ts';
import type { ReadRepos, Repos } from '../store/index.ts';
import { verifyPassword } from '../crypto/index.ts';

/**
 * An account's custom password policy, stored as JSON under AWS's names for its settings (the
 * PasswordPolicy structure).
 */
export interface PasswordPolicySettings {
  MinimumPasswordLength?: number;
  RequireSymbols?: boolean;
  RequireNumbers?: boolean;
  RequireUppercaseCharacters?: boolean;
  RequireLowercaseCharacters?: boolean;
  AllowUsersToChangePassword?: boolean;
  ExpirePasswords?: boolean;
  /** Days a password stays valid; absent when passwords do not expire. */
  MaxPasswordAge?: number;
  /** How many earlier passwords a new one must differ from. */
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

/** What UpdateAccountPasswordPolicy sets: every setting it takes, each optional. */
export interface PasswordPolicyInput {
  MinimumPasswordLength?: number;
  RequireSymbols?: boolean;
  RequireNumbers?: boolean;
  RequireUppercaseCharacters?: boolean;
  RequireLowercaseCharacters?: boolean;
  AllowUsersToChangePassword?: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

/** The non-alphanumeric characters AWS counts as symbols: ! @ # $ % ^ & * ( ) _ + - = [ ] { } | ' */
const SYMBOLS = new Set("!@#$%^&*()_+-=[]{}|'");

/** AWS's message for any password the policy refuses. */
export const PASSWORD_POLICY_VIOLATION = 'Password does not conform to the account password policy.';

/** The policy UpdateAccountPasswordPolicy stores: every omitted parameter takes AWS's default. */
export function buildPasswordPolicy(input: PasswordPolicyInput): PasswordPolicySettings {
  const maxAge = input.MaxPasswordAge ?? 0;
  return {
    MinimumPasswordLength: input.MinimumPasswordLength ?? 6,
    RequireSymbols: input.RequireSymbols ?? false,
    RequireNumbers: input.RequireNumbers ?? false,
    RequireUppercaseCharacters: input.RequireUppercaseCharacters ?? false,
    RequireLowercaseCharacters: input.RequireLowercaseCharacters ?? false,
    AllowUsersToChangePassword: input.AllowUsersToChangePassword ?? false,
    ExpirePasswords: maxAge > 0,
    ...(maxAge > 0 ? { MaxPasswordAge: maxAge } : {}),
    ...(input.PasswordReusePrevention ? { PasswordReusePrevention: input.PasswordReusePrevention } : {}),
    ...(input.HardExpiry !== undefined ? { HardExpiry: input.HardExpiry } : {}),
  };
}

/** The account's custom password policy, if it has one. */
export async function findPasswordPolicy(
  repos: ReadRepos,
  accountId: string,
): Promise<PasswordPolicySettings | undefined> {
  const json = await repos.loginProfiles.getPasswordPolicy(accountId);
  return json === undefined ? undefined : (JSON.parse(json) as PasswordPolicySettings);
}

export async function getPasswordPolicy(
  repos: ReadRepos,
  accountId: string,
): Promise<PasswordPolicySettings> {
  const policy = await findPasswordPolicy(repos, accountId);
  if (!policy) throw noSuchEntity(`The Password Policy with domain name ${accountId} cannot be found.`);
  return policy;
}

export async function putPasswordPolicy(
  repos: Repos,
  accountId: string,
  input: PasswordPolicyInput,
): Promise<void> {
  await repos.loginProfiles.putPasswordPolicy(accountId, JSON.stringify(buildPasswordPolicy(input)));
}

export async function deletePasswordPolicy(repos: Repos, accountId: string): Promise<void> {
  if (!(await repos.loginProfiles.getPasswordPolicy(accountId)))
    throw noSuchEntity('The account policy with name PasswordPolicy cannot be found.');
  await repos.loginProfiles.deletePasswordPolicy(accountId);
}

interface CharacterClasses {
  upper: boolean;
  lower: boolean;
  number: boolean;
  symbol: boolean;
}

function classesOf(password: string): CharacterClasses {
  const c: CharacterClasses = { upper: false, lower: false, number: false, symbol: false };
  for (const ch of password) {
    if (ch >= 'A' && ch <= 'Z') c.upper = true;
    else if (ch >= 'a' && ch <= 'z') c.lower = true;
    else if (ch >= '0' && ch <= '9') c.number = true;
    else if (SYMBOLS.has(ch)) c.symbol = true;
  }
  return c;
}

/**
 * Whether a password satisfies the policy. With no custom policy, AWS's default password policy
 * applies: at least 8 characters and at least three of uppercase, lowercase, numbers and symbols.
 */
export function passwordConforms(password: string, policy: PasswordPolicySettings | undefined): boolean {
  const c = classesOf(password);
  const length = [...password].length;
  if (!policy) {
    const kinds = [c.upper, c.lower, c.number, c.symbol].filter(Boolean).length;
    return length >= 8 && kinds >= 3;
  }
  if (length < (policy.MinimumPasswordLength ?? 6)) return false;
  if (policy.RequireUppercaseCharacters && !c.upper) return false;
  if (policy.RequireLowercaseCharacters && !c.lower) return false;
  if (policy.RequireNumbers && !c.number) return false;
  if (policy.RequireSymbols && !c.symbol) return false;
  return true;
}

/** Refuses a new password with PasswordPolicyViolation, as AWS does. */
export function checkNewPassword(password: string, policy: PasswordPolicySettings | undefined): void {
  if (!passwordConforms(password, policy))
    throw new AwsError('PasswordPolicyViolation', PASSWORD_POLICY_VIOLATION);
}

/**
 * Refuses a password equal to the current one or to one of the `PasswordReusePrevention` before
 * it. `hashes` are the current hash followed by earlier ones, newest first.
 */
export async function checkPasswordReuse(
  password: string,
  policy: PasswordPolicySettings | undefined,
  hashes: readonly string[],
): Promise<void> {
  const n = policy?.PasswordReusePrevention ?? 0;
  if (n <= 0) return;
  for (const h of hashes.slice(0, n))
    if (await verifyPassword(password, h))
      throw new AwsError(
        'PasswordPolicyViolation',
        'Policy constraint violation with password reuse prevention during password change.',
      );
}
