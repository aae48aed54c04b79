// The README's first use of the console, in Chromium against a real server on both backends: the root
// (given a password by `tessera accounts set-root-password`) signs in, creates a user, attaches
// AdministratorAccess, gives it a console password and a virtual MFA device from the QR code shown;
// the new administrator then signs in with a code of that device.
import { ListAttachedUserPoliciesCommand, ListMFADevicesCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, hotp, timeStep } from '../../src/crypto/totp.ts';
import {
  faultsOf,
  launchConsoleBrowser,
  screenshot,
  submitUserSignIn,
  type ConsoleBrowser,
  waitForSignedIn,
} from '../support/console-browser.ts';
import { skipWithout } from '../support/external-programs.ts';
import { qrCodeText } from '../support/qr-code.ts';
import { runTessera } from '../support/tessera-cli.ts';
import { BACKENDS, startTestServer, type Backend, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const ROOT_PASSWORD = 'Root-Password-99';
const ADMIN_PASSWORD = 'Admin-Password-42';
const STEP_MS = 30_000;

describe.skipIf(skipWithout('chromium')).each(BACKENDS)(
  'the console’s first use in Chromium on %s',
  (backend: Backend) => {
    let t: TestServer;
    let browser: ConsoleBrowser;
    // the SDK signs with the real clock: the server's starts there and moves on only minutes
    let now = new Date();

    beforeAll(async () => {
      t = await startTestServer(backend, { clock: { now: () => now } });
      const set = await runTessera(
        ['accounts', 'set-root-password', ACCOUNT],
        t.config.dataDir,
        t.config.databaseUrl ?? '',
        ROOT_PASSWORD,
      );
      expect(set.status).toBe(0);
      browser = await launchConsoleBrowser();
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await t?.destroy();
    });

    it('root signs in and makes an administrator with a password and MFA, who then signs in with a code', async () => {
      const page = await browser.open(t.url);
      await page.getByRole('button', { name: 'Sign in as root user' }).click();
      await page.getByLabel('Root user sign-in identifier').fill(`root@${ACCOUNT}`);
      await page.getByLabel('Password', { exact: true }).fill(ROOT_PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByText(`arn:aws:iam::${ACCOUNT}:root`, { exact: true }).waitFor();

      // a user, created and opened from the Users page
      await page.getByLabel('User name', { exact: true }).fill('admin');
      await page.getByRole('button', { name: 'Create user' }).click();
      await page.getByRole('link', { name: 'admin', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'admin' }).waitFor();

      // AdministratorAccess attached through the page
      await page.getByLabel('Policy ARN').fill('arn:aws:iam::aws:policy/AdministratorAccess');
      await page.getByRole('button', { name: 'Attach policy' }).click();
      await page.getByRole('cell', { name: 'AdministratorAccess' }).first().waitFor();
      await screenshot(page, backend, 'first-use-policy-attached');
      const attached = await t.iam().send(new ListAttachedUserPoliciesCommand({ UserName: 'admin' }));
      expect(attached.AttachedPolicies?.map((p) => p.PolicyName)).toEqual(['AdministratorAccess']);

      // a console password
      await page.getByLabel('Console password').fill(ADMIN_PASSWORD);
      await page.getByRole('button', { name: 'Set password' }).click();
      await page.getByText('Console password set.').waitFor();

      // a virtual MFA device from the QR code on the page, enabled with two consecutive codes
      await page.getByRole('button', { name: 'Assign MFA device' }).click();
      const qr = page.getByRole('img', { name: 'QR code for the virtual MFA device' });
      await qr.waitFor();
      const src = (await qr.getAttribute('src'))!;
      expect(src).toMatch(/^data:image\/png;base64,/);
      const uri = new URL(qrCodeText(Buffer.from(src.slice(src.indexOf(',') + 1), 'base64'))!);
      expect(uri.protocol).toBe('otpauth:');
      const seed = base32Decode(uri.searchParams.get('secret')!);
      const code = (offset = 0) => hotp(seed, timeStep(new Date(now.getTime() + offset * STEP_MS)));
      await page.getByLabel('MFA code 1').fill(code(-1));
      await page.getByLabel('MFA code 2').fill(code(0));
      await screenshot(page, backend, 'first-use-assign-mfa');
      await page.getByRole('button', { name: 'Assign MFA', exact: true }).click();
      await page.getByText('MFA device assigned.').waitFor();
      const devices = await t.iam().send(new ListMFADevicesCommand({ UserName: 'admin' }));
      expect(devices.MFADevices?.map((d) => d.SerialNumber)).toEqual([`arn:aws:iam::${ACCOUNT}:mfa/admin`]);
      expect(faultsOf(page)).toEqual([]);

      // the administrator signs in with the password and a fresh code of that device
      await page.getByRole('button', { name: 'Sign out' }).click();
      now = new Date(now.getTime() + 2 * STEP_MS);
      const status = await submitUserSignIn(page, {
        account: ACCOUNT,
        userName: 'admin',
        password: ADMIN_PASSWORD,
      });
      expect(status).toBe(200);
      await page.getByLabel('MFA code').fill(code(0));
      await page.getByRole('button', { name: 'Submit' }).click();
      await waitForSignedIn(page, `arn:aws:iam::${ACCOUNT}:user/admin`);
      // with AdministratorAccess, the user's own page reads its MFA device
      await page.getByRole('cell', { name: `arn:aws:iam::${ACCOUNT}:mfa/admin`, exact: true }).waitFor();
      await screenshot(page, backend, 'first-use-admin-signed-in');
      expect(faultsOf(page)).toEqual([]);
    });
  },
);
