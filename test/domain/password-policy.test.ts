// The account password policy as the domain applies it, against a SQLite store: AWS's defaults for
// omitted parameters, AWS's default policy when the account has none, minimum length and each
// character class on CreateLoginProfile and UpdateLoginProfile (PasswordPolicyViolation, no change),
// reuse prevention over the kept hashes, the change time that expiry counts from, and the policy
// being the account's own. (Expiry, hard expiry and AllowUsersToChangePassword apply at console
// sign-in, which the web console's issue builds.)
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_QUOTAS } from '../../src/config/defaults.ts';
import { hashPassword } from '../../src/crypto/password-hash.ts';
import {
  checkPasswordChange,
  createLoginProfile,
  getLoginProfile,
  passwordHistory,
  updateLoginProfile,
} from '../../src/domain/login-profiles.ts';
import {
  buildPasswordPolicy,
  checkPasswordReuse,
  deletePasswordPolicy,
  findPasswordPolicy,
  getPasswordPolicy,
  passwordConforms,
  putPasswordPolicy,
} from '../../src/domain/password-policy.ts';
import { createUser } from '../../src/domain/users.ts';
import type { Repos } from '../../src/store/index.ts';
import { NOW, openDomainStore, type DomainStore } from '../support/domain-store.ts';

/** What UpdateAccountPasswordPolicy takes. */
type PolicyInput = Parameters<typeof buildPasswordPolicy>[0];

const VIOLATION = {
  code: 'PasswordPolicyViolation',
  message: 'Password does not conform to the account password policy.',
};
const REUSE = {
  code: 'PasswordPolicyViolation',
  message: 'Policy constraint violation with password reuse prevention during password change.',
};
const LATER = new Date(NOW.getTime() + 10 * 86_400_000);

describe('password policy', () => {
  let db: DomainStore;
  let acct: string;
  beforeAll(async () => {
    db = await openDomainStore('password-policy');
  });
  beforeEach(async () => {
    acct = await db.newAccount();
    await db.write(acct, (r) => createUser(r, acct, { UserName: 'alice' }, DEFAULT_QUOTAS, NOW));
  });
  afterAll(() => db.close());

  const setPolicy = (input: PolicyInput) => db.write(acct, (r) => putPasswordPolicy(r, acct, input));
  const createProfile =
    (password: string, passwordHash = 'scrypt$not-checked-here') =>
    (r: Repos) =>
      createLoginProfile(r, acct, { userName: 'alice', password, passwordHash, resetRequired: false }, NOW);
  const profile = () => db.read((r) => getLoginProfile(r, acct, 'alice')).then((p) => p.profile);

  describe('the stored policy', () => {
    it('takes AWS’s default for every parameter UpdateAccountPasswordPolicy omits', async () => {
      await setPolicy({});
      expect(await db.read((r) => getPasswordPolicy(r, acct))).toEqual({
        MinimumPasswordLength: 6,
        RequireSymbols: false,
        RequireNumbers: false,
        RequireUppercaseCharacters: false,
        RequireLowercaseCharacters: false,
        AllowUsersToChangePassword: false,
        ExpirePasswords: false,
      });
    });

    it('expires passwords exactly when MaxPasswordAge is above zero, and keeps HardExpiry as given', () => {
      expect(buildPasswordPolicy({ MaxPasswordAge: 90, HardExpiry: true })).toMatchObject({
        ExpirePasswords: true,
        MaxPasswordAge: 90,
        HardExpiry: true,
      });
      const noAge = buildPasswordPolicy({ MaxPasswordAge: 0, HardExpiry: false });
      expect(noAge).toMatchObject({ ExpirePasswords: false, HardExpiry: false });
      expect(noAge).not.toHaveProperty('MaxPasswordAge');
      expect(buildPasswordPolicy({ PasswordReusePrevention: 0 })).not.toHaveProperty(
        'PasswordReusePrevention',
      );
    });

    it('replaces the whole policy on each update: an omitted parameter returns to its default', async () => {
      await setPolicy({ MinimumPasswordLength: 20, RequireSymbols: true, MaxPasswordAge: 30 });
      await setPolicy({ RequireNumbers: true });
      expect(await db.read((r) => getPasswordPolicy(r, acct))).toMatchObject({
        MinimumPasswordLength: 6,
        RequireSymbols: false,
        RequireNumbers: true,
        ExpirePasswords: false,
      });
    });

    it('answers NoSuchEntity for an account without a policy, to Get and to Delete', async () => {
      expect(await db.refuses(acct, (r) => getPasswordPolicy(r, acct))).toEqual({
        code: 'NoSuchEntity',
        message: `The Password Policy with domain name ${acct} cannot be found.`,
      });
      expect(await db.refuses(acct, (r) => deletePasswordPolicy(r, acct))).toEqual({
        code: 'NoSuchEntity',
        message: 'The account policy with name PasswordPolicy cannot be found.',
      });
    });

    it('belongs to its account: another account keeps AWS’s default policy', async () => {
      await setPolicy({ MinimumPasswordLength: 30 });
      const other = await db.newAccount();
      expect(await db.read((r) => findPasswordPolicy(r, other))).toBeUndefined();
    });
  });

  describe('AWS’s default policy, when the account has none', () => {
    it.each([
      ['eight characters of three kinds', 'Abcdef1x', true],
      ['lower, upper and symbol', 'Abcdefg!', true],
      ['seven characters of four kinds', 'Abc12!x', false],
      ['long, but only two kinds', 'abcdefghij12345', false],
    ])('%s: %s conforms: %s', (_what, password, ok) => {
      expect(passwordConforms(password, undefined)).toBe(ok);
    });

    it('refuses CreateLoginProfile with a password of two kinds, and creates no profile', async () => {
      expect(await db.refuses(acct, createProfile('onlylowercase123'))).toEqual(VIOLATION);
      await db.write(acct, createProfile('Mixed-Case-9'));
    });

    it('stops applying once the account sets a policy of its own', async () => {
      await setPolicy({ MinimumPasswordLength: 6 });
      await db.write(acct, createProfile('simple'));
    });
  });

  describe('each rule of a custom policy', () => {
    const rules: [string, PolicyInput, string, string][] = [
      ['MinimumPasswordLength', { MinimumPasswordLength: 12 }, 'elevenchars', 'twelve-chars'],
      ['RequireUppercaseCharacters', { RequireUppercaseCharacters: true }, 'no-upper-1', 'One-Upper'],
      ['RequireLowercaseCharacters', { RequireLowercaseCharacters: true }, 'NO-LOWER-1', 'ONE-LOWEr'],
      ['RequireNumbers', { RequireNumbers: true }, 'no-numbers', 'one-number-1'],
      ['RequireSymbols', { RequireSymbols: true }, 'NoSymbols1', 'one_symbol'],
    ];

    it.each(rules)(
      '%s: CreateLoginProfile refuses %j’s breach and takes a password that meets it',
      async (_rule, input, bad, good) => {
        await setPolicy(input);
        expect(await db.refuses(acct, createProfile(bad))).toEqual(VIOLATION);
        await db.write(acct, createProfile(good));
      },
    );

    it.each(rules)(
      '%s: UpdateLoginProfile refuses a breaching password and keeps the old one',
      async (_rule, input, bad) => {
        await db.write(acct, createProfile('Before-Policy-1', 'hash-before'));
        await setPolicy(input);
        expect(
          await db.refuses(acct, (r) =>
            updateLoginProfile(
              r,
              acct,
              { userName: 'alice', password: { clear: bad, hash: 'hash-bad', expectedHash: 'hash-before' } },
              LATER,
            ),
          ),
        ).toEqual(VIOLATION);
        expect((await profile()).password_hash).toBe('hash-before');
      },
    );

    it("counts only AWS’s symbols as symbols: ! @ # $ % ^ & * ( ) _ + - = [ ] { } | '", () => {
      const policy = buildPasswordPolicy({ RequireSymbols: true });
      for (const symbol of "!@#$%^&*()_+-=[]{}|'")
        expect(passwordConforms(`abcdef${symbol}`, policy)).toBe(true);
      for (const other of ['~', '`', '.', ',', '?', '/', ' ', 'é', '€'])
        expect(passwordConforms(`abcdef${other}`, policy), other).toBe(false);
    });

    it('counts length in characters, not bytes', () => {
      const policy = buildPasswordPolicy({ MinimumPasswordLength: 8 });
      expect(passwordConforms('ééééééé', policy)).toBe(false);
      expect(passwordConforms('éééééééé', policy)).toBe(true);
    });

    it('changes PasswordResetRequired alone without checking the policy', async () => {
      await db.write(acct, createProfile('Before-Policy-1', 'hash-before'));
      await setPolicy({ MinimumPasswordLength: 128 });
      await db.write(acct, (r) =>
        updateLoginProfile(r, acct, { userName: 'alice', resetRequired: true }, LATER),
      );
      expect((await profile()).password_reset_required).toBe(1);
    });
  });

  describe('PasswordReusePrevention', () => {
    // real scrypt hashes: the rule compares a new password with each kept hash
    let hashes: Record<'first' | 'second' | 'third', string>;
    const PASSWORDS = { first: 'First-Pass-1', second: 'Second-Pass-2', third: 'Third-Pass-3' };
    beforeAll(async () => {
      hashes = {
        first: await hashPassword(PASSWORDS.first),
        second: await hashPassword(PASSWORDS.second),
        third: await hashPassword(PASSWORDS.third),
      };
    });

    /** Creates alice's profile with the first password, then changes it to the second and third. */
    async function threePasswords(): Promise<string[]> {
      await db.write(acct, createProfile(PASSWORDS.first, hashes.first));
      const change = (from: 'first' | 'second', to: 'second' | 'third') =>
        db.write(acct, (r) =>
          updateLoginProfile(
            r,
            acct,
            {
              userName: 'alice',
              password: { clear: PASSWORDS[to], hash: hashes[to], expectedHash: hashes[from] },
            },
            LATER,
          ),
        );
      await change('first', 'second');
      await change('second', 'third');
      return passwordHistory(await profile());
    }

    it('keeps the current hash and the earlier ones, newest first', async () => {
      expect(await threePasswords()).toEqual([hashes.third, hashes.second, hashes.first]);
    });

    it('refuses the last N passwords, the current one included, and takes one older than that', async () => {
      const history = await threePasswords();
      const policy = buildPasswordPolicy({ PasswordReusePrevention: 2 });
      const refused = (password: string) =>
        checkPasswordReuse(password, policy, history).then(
          () => undefined,
          (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
        );
      expect(await refused(PASSWORDS.third)).toEqual(REUSE);
      expect(await refused(PASSWORDS.second)).toEqual(REUSE);
      expect(await refused(PASSWORDS.first)).toBeUndefined();
      expect(await refused('Brand-New-4')).toBeUndefined();
    });

    it('allows reusing any earlier password when the policy does not prevent reuse', async () => {
      const history = await threePasswords();
      await checkPasswordReuse(PASSWORDS.third, buildPasswordPolicy({}), history);
      await checkPasswordReuse(PASSWORDS.third, undefined, history);
    });
  });

  describe('the password change', () => {
    it('records when the password changed, which expiry counts from, and not on a flag-only change', async () => {
      await db.write(acct, createProfile('Before-Policy-1', 'hash-before'));
      expect((await profile()).password_changed_at).toBe(NOW.toISOString());
      await db.write(acct, (r) =>
        updateLoginProfile(
          r,
          acct,
          {
            userName: 'alice',
            password: { clear: 'After-Change-2', hash: 'hash-after', expectedHash: 'hash-before' },
          },
          LATER,
        ),
      );
      expect((await profile()).password_changed_at).toBe(LATER.toISOString());
      const evenLater = new Date(LATER.getTime() + 86_400_000);
      await db.write(acct, (r) =>
        updateLoginProfile(r, acct, { userName: 'alice', resetRequired: true }, evenLater),
      );
      expect((await profile()).password_changed_at).toBe(LATER.toISOString());
    });

    it('refuses a change checked against a hash that has since been replaced', async () => {
      await db.write(acct, createProfile('Before-Policy-1', 'hash-now'));
      expect(
        await db.refuses(acct, (r) =>
          updateLoginProfile(
            r,
            acct,
            {
              userName: 'alice',
              password: { clear: 'After-Change-2', hash: 'h2', expectedHash: 'hash-then' },
            },
            LATER,
          ),
        ),
      ).toEqual({
        code: 'EntityTemporarilyUnmodifiable',
        message: 'Login Profile for User alice is being modified by another request; try again.',
      });
    });

    it('gives ChangePassword’s checks the account’s policy with the profile', async () => {
      await db.write(acct, createProfile('Before-Policy-1'));
      await setPolicy({ PasswordReusePrevention: 3, MinimumPasswordLength: 10 });
      const context = await db.read((r) => checkPasswordChange(r, acct, 'alice', undefined));
      expect(context.policy).toMatchObject({ PasswordReusePrevention: 3, MinimumPasswordLength: 10 });
      expect(await db.refuses(acct, (r) => checkPasswordChange(r, acct, 'alice', 'short'))).toEqual(
        VIOLATION,
      );
    });
  });
});
