// The console's sign-in in Chromium against a real server, on both backends: an IAM user with a
// password only, one with an MFA device, a wrong password shown as AWS words it and the lock after
// repeated failures, a reset password changed before the session starts, a change refused without
// the CSRF token, and sign-out. Each test leaves a screenshot in test-output/console/.
import { UpdateLoginProfileCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  faultsOf,
  fetchInPage,
  launchConsoleBrowser,
  screenshot,
  submitUserSignIn,
  type ConsoleBrowser,
  waitForSignedIn,
} from '../support/console-browser.ts';
import {
  CONSOLE_PASSWORD,
  consoleUser,
  enabledVirtualMfa,
  type VirtualMfa,
} from '../support/console-users.ts';
import { skipWithout } from '../support/external-programs.ts';
import { BACKENDS, startTestServer, type Backend, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const STEP_MS = 30_000;

describe.skipIf(skipWithout('chromium')).each(BACKENDS)(
  'console sign-in in Chromium on %s',
  (backend: Backend) => {
    let t: TestServer;
    let browser: ConsoleBrowser;
    // the SDK signs with the real clock: the server's starts there and moves on only minutes
    let now = new Date();
    let bob: VirtualMfa;
    const code = (offset = 0) => bob.code(now, offset);

    beforeAll(async () => {
      t = await startTestServer(backend, {
        clock: { now: () => now },
        config: { lockoutThreshold: 3, lockoutSeconds: 300 },
      });
      await consoleUser(t, 'alice');
      await consoleUser(t, 'bob', 'arn:aws:iam::aws:policy/AdministratorAccess');
      await consoleUser(t, 'carol');
      await consoleUser(t, 'dave');
      bob = await enabledVirtualMfa(t, 'bob', 'bob', now);
      const iam = t.iam();
      now = new Date(now.getTime() + 2 * STEP_MS);
      await iam.send(new UpdateLoginProfileCommand({ UserName: 'dave', PasswordResetRequired: true }));
      browser = await launchConsoleBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await t?.destroy();
    });

    it('signs in a user with a password and shows who is signed in', async () => {
      const page = await browser.open(t.url);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Sign in as an IAM user');
      await submitUserSignIn(page, { account: ACCOUNT, userName: 'alice', password: CONSOLE_PASSWORD });
      await waitForSignedIn(page, `arn:aws:iam::${ACCOUNT}:user/alice`);
      await expect.poll(() => page.getByRole('navigation', { name: 'Console' }).isVisible()).toBe(true);
      await screenshot(page, backend, 'sign-in-password');
      // sign-out ends the session: the sign-in form again, and the session is gone server-side
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('IAM user name').waitFor();
      expect((await fetchInPage(page, '/console/api/session')).status).toBe(401);
      expect(faultsOf(page)).toEqual([]);
    });

    it('signs in with the keyboard alone on a narrow window, every field labelled, a refusal in AWS’s words', async () => {
      const page = await browser.open(t.url, { width: 400, height: 800 });
      await page.getByLabel('Account ID or alias').waitFor();
      // the first field has the focus; Tab walks the form in order, Enter submits
      await page.keyboard.type(ACCOUNT);
      await page.keyboard.press('Tab');
      await page.keyboard.type('alice');
      await page.keyboard.press('Tab');
      await page.keyboard.type(CONSOLE_PASSWORD);
      await page.keyboard.press('Enter');
      await waitForSignedIn(page, `arn:aws:iam::${ACCOUNT}:user/alice`);
      // alice may do nothing: the Users page shows IAM's refusal as AWS words it
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toBe(
          `User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${ACCOUNT}:user/ because no identity-based policy allows the iam:ListUsers action`,
        );
      // nothing wider than the window, and every input has a label
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(400);
      const unlabelled = await page.evaluate<string[]>(
        `[...document.querySelectorAll('input, select, textarea')]
          .filter((e) => e.labels?.length === 0 && !e.getAttribute('aria-label'))
          .map((e) => e.outerHTML)`,
      );
      expect(unlabelled).toEqual([]);
      await screenshot(page, backend, 'narrow-signed-in');
      expect(faultsOf(page)).toEqual([]);
    });

    it('asks a user with an MFA device for its code', async () => {
      const page = await browser.open(t.url);
      await submitUserSignIn(page, { account: ACCOUNT, userName: 'bob', password: CONSOLE_PASSWORD });
      await page.getByLabel('MFA code').waitFor();
      await page.getByLabel('MFA code').fill(code(0) === '000000' ? '111111' : '000000');
      await page.getByRole('button', { name: 'Submit' }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toBe('Your authentication information is incorrect. Please try again.');
      await screenshot(page, backend, 'sign-in-mfa-step');
      await page.getByLabel('MFA code').fill(code(0));
      await page.getByRole('button', { name: 'Submit' }).click();
      await waitForSignedIn(page, `arn:aws:iam::${ACCOUNT}:user/bob`);
      const session = await fetchInPage(page, '/console/api/session');
      expect(session.body).toMatchObject({ identity: { name: 'bob' }, mfaUsed: true });
      await screenshot(page, backend, 'sign-in-mfa-signed-in');
      expect(faultsOf(page)).toEqual([]);
    });

    it('lets a user with two MFA devices pick the one whose code is typed', async () => {
      const backup = await enabledVirtualMfa(t, 'bob', 'bob-backup', now);
      const code2 = (offset = 0) => backup.code(now, offset);
      now = new Date(now.getTime() + 2 * STEP_MS);
      const page = await browser.open(t.url);
      await submitUserSignIn(page, { account: ACCOUNT, userName: 'bob', password: CONSOLE_PASSWORD });
      const picker = page.getByLabel('MFA device');
      await picker.waitFor();
      expect(await picker.locator('option').allTextContents()).toEqual(['bob', 'bob-backup']);
      await picker.selectOption({ label: 'bob-backup' });
      await page.getByLabel('MFA code').fill(code2(0));
      await screenshot(page, backend, 'sign-in-mfa-choose-device');
      await page.getByRole('button', { name: 'Submit' }).click();
      await waitForSignedIn(page, `arn:aws:iam::${ACCOUNT}:user/bob`);
      expect(faultsOf(page)).toEqual([]);
    });

    it('shows a wrong password as AWS words it, and refuses even the right one once locked', async () => {
      const page = await browser.open(t.url);
      const refusal = 'Your authentication information is incorrect. Please try again.';
      for (let i = 0; i < 3; i++) {
        expect(
          await submitUserSignIn(page, { account: ACCOUNT, userName: 'carol', password: 'Wrong-Horse-42' }),
        ).toBe(401);
        expect(await page.getByRole('alert').textContent()).toBe(refusal);
      }
      await screenshot(page, backend, 'sign-in-wrong-password');
      // locked: the right password is refused alike (nothing tells a guesser the lock from a miss)
      expect(
        await submitUserSignIn(page, { account: ACCOUNT, userName: 'carol', password: CONSOLE_PASSWORD }),
      ).toBe(401);
      expect(await page.getByRole('alert').textContent()).toBe(refusal);
      expect((await fetchInPage(page, '/console/api/session')).status).toBe(401);
      // the lock ends after its time
      now = new Date(now.getTime() + 301_000);
      expect(
        await submitUserSignIn(page, { account: ACCOUNT, userName: 'carol', password: CONSOLE_PASSWORD }),
      ).toBe(200);
      await waitForSignedIn(page, `arn:aws:iam::${ACCOUNT}:user/carol`);
      expect(faultsOf(page)).toEqual([]);
    });

    it('makes a user whose password was reset choose a new one before the session starts', async () => {
      const page = await browser.open(t.url);
      await submitUserSignIn(page, { account: ACCOUNT, userName: 'dave', password: CONSOLE_PASSWORD });
      await page.getByLabel('New password', { exact: true }).fill('New-Password-77');
      await page.getByLabel('Confirm new password').fill('New-Password-78');
      await page.getByRole('button', { name: 'Set password' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/match/i);
      await page.getByLabel('Confirm new password').fill('New-Password-77');
      await screenshot(page, backend, 'sign-in-change-password');
      await page.getByRole('button', { name: 'Set password' }).click();
      await waitForSignedIn(page, `arn:aws:iam::${ACCOUNT}:user/dave`);
      // the old password no longer signs in; the new one does
      const again = await browser.open(t.url);
      await submitUserSignIn(again, { account: ACCOUNT, userName: 'dave', password: CONSOLE_PASSWORD });
      await expect
        .poll(() => again.getByRole('alert').textContent())
        .toBe('Your authentication information is incorrect. Please try again.');
      await submitUserSignIn(again, { account: ACCOUNT, userName: 'dave', password: 'New-Password-77' });
      await waitForSignedIn(again, `arn:aws:iam::${ACCOUNT}:user/dave`);
      expect(faultsOf(page)).toEqual([]);
    });

    it('refuses a change sent without the session’s CSRF token', async () => {
      const page = await browser.open(t.url);
      await submitUserSignIn(page, { account: ACCOUNT, userName: 'alice', password: CONSOLE_PASSWORD });
      await waitForSignedIn(page, `arn:aws:iam::${ACCOUNT}:user/alice`);
      const call = { service: 'sts', action: 'GetCallerIdentity', input: {} };
      const refused = await fetchInPage(page, '/console/api/call', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: call,
      });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ error: { code: 'InvalidCsrfToken' } });
      const session = (await fetchInPage(page, '/console/api/session')).body as { csrfToken: string };
      const allowed = await fetchInPage(page, '/console/api/call', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: call,
      });
      expect(allowed.body).toMatchObject({ output: { Arn: `arn:aws:iam::${ACCOUNT}:user/alice` } });
      await screenshot(page, backend, 'csrf-refused');
      expect(faultsOf(page)).toEqual([]);
    });
  },
);
