// Account settings in the console, in Chromium against a real server on both backends: an alias set
// on the page signs people in instead of the account ID, and a password policy saved on the page
// is IAM's (a console password set afterwards must meet it, refused in IAM's words).
import { CreateUserCommand, GetAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import {
  faultsOf,
  screenshot,
  submitUserSignIn,
  useConsoleFixture,
  waitForSignedIn,
} from '../support/console-browser.ts';
import { CONSOLE_PASSWORD, consoleUser } from '../support/console-users.ts';
import { skipWithout } from '../support/external-programs.ts';
import { BACKENDS, type Backend } from '../support/test-server.ts';

const ACCOUNT = '123456789012';

describe.skipIf(skipWithout('chromium')).each(BACKENDS)(
  'account settings in Chromium on %s',
  (backend: Backend) => {
    const c = useConsoleFixture(backend, async (t) => {
      await consoleUser(t, 'admin', 'arn:aws:iam::aws:policy/AdministratorAccess');
      await t.iam().send(new CreateUserCommand({ UserName: 'bob' }));
    });

    it('sets an alias people sign in with, and a password policy IAM then applies', async () => {
      const page = await c.signedIn('admin');
      await page.getByRole('link', { name: 'Account settings' }).click();
      await page.getByRole('heading', { level: 1, name: 'Account settings' }).waitFor();
      await page.getByLabel('Alias', { exact: true }).fill('example-co');
      await page.getByRole('button', { name: 'Create alias' }).click();
      await page.getByText('Alias example-co set.').waitFor();

      await page.getByLabel('Minimum password length').fill('14');
      await page.getByLabel('Require at least one symbol').check();
      await page.getByRole('button', { name: 'Save password policy' }).click();
      await page.getByText('Password policy saved.').waitFor();
      await screenshot(page, backend, 'account-settings');
      const policy = (await c.t.iam().send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy!;
      expect([policy.MinimumPasswordLength, policy.RequireSymbols, policy.RequireNumbers]).toEqual([
        14,
        true,
        false,
      ]);

      // a console password under the policy: refused in IAM's words
      await page.goto(`${c.t.url}/console/#/users/bob`);
      await page.getByLabel('Console password').fill('Short-1');
      await page.getByRole('button', { name: 'Set password' }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toBe('Password does not conform to the account password policy.');
      expect(faultsOf(page)).toEqual([]);

      // the alias signs in instead of the account ID
      const other = await c.browser.open(c.t.url);
      expect(
        await submitUserSignIn(other, {
          account: 'example-co',
          userName: 'admin',
          password: CONSOLE_PASSWORD,
        }),
      ).toBe(200);
      await waitForSignedIn(other, `arn:aws:iam::${ACCOUNT}:user/admin`);
    });
  },
);
