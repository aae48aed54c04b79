// The root's MFA in the console, in Chromium against a real server on both backends: with
// TESSERA_CONSOLE_REQUIRE_MFA=root a root without a device assigns one at sign-in from the QR code
// shown (wrong codes refused in EnableMFADevice's words), and later, on "My security credentials",
// removes it and assigns another — the root's MFA, which AWS lets the root manage only in its console.
import { ListMFADevicesCommand } from '@aws-sdk/client-iam';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/crypto/password-hash.ts';
import { base32Decode, hotp, timeStep } from '../../src/crypto/totp.ts';
import { faultsOf, screenshot, useConsoleFixture, waitForSignedIn } from '../support/console-browser.ts';
import { skipWithout } from '../support/external-programs.ts';
import { qrCodeText } from '../support/qr-code.ts';
import { BACKENDS, type Backend } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const ROOT_ARN = `arn:aws:iam::${ACCOUNT}:root`;
const ROOT_SIGN_IN = 'owner@example.com';
const ROOT_PASSWORD = 'Root-Password-99';
const STEP_MS = 30_000;

/** The otpauth secret of the QR code the page shows under `name`. */
async function secretOfQrCode(page: Page, name: string): Promise<string> {
  const src = (await page.getByRole('img', { name }).getAttribute('src'))!;
  const uri = new URL(qrCodeText(Buffer.from(src.slice(src.indexOf(',') + 1), 'base64'))!);
  return uri.searchParams.get('secret')!;
}

describe.skipIf(skipWithout('chromium')).each(BACKENDS)(
  'the root’s MFA in Chromium on %s',
  (backend: Backend) => {
    // the server's clock, which the test moves past the codes it used (the SDK signs with the real one)
    const clock = { at: new Date() };
    const nextCodes = () => void (clock.at = new Date(clock.at.getTime() + 2 * STEP_MS));
    const codeOf = (secret: string, offset = 0) =>
      hotp(base32Decode(secret), timeStep(new Date(clock.at.getTime() + offset * STEP_MS)));

    const c = useConsoleFixture(
      backend,
      async (t) => {
        const hash = await hashPassword(ROOT_PASSWORD);
        await t.server.services.store.writeRecords((r) =>
          r.consoleSessions.setRootPassword({
            account_id: ACCOUNT,
            sign_in_name: ROOT_SIGN_IN,
            password_hash: hash,
            set_at: clock.at.toISOString(),
          }),
        );
      },
      { clock: { now: () => clock.at }, config: { consoleRequireMfa: 'root' } },
    );

    const rootSignIn = async (page: Page) => {
      await page.getByRole('button', { name: 'Sign in as root user' }).click();
      await page.getByLabel('Root user sign-in identifier').fill(ROOT_SIGN_IN);
      await page.getByLabel('Password', { exact: true }).fill(ROOT_PASSWORD);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    };
    const rootDevices = async () =>
      (await c.t.iam().send(new ListMFADevicesCommand({}))).MFADevices!.map((d) => d.SerialNumber);

    it('has the root assign a device at sign-in, then replace it on its security credentials page', async () => {
      const page = await c.browser.open(c.t.url);
      await rootSignIn(page);
      await page.getByRole('heading', { level: 1, name: 'Assign an MFA device' }).waitFor();
      const secret = await secretOfQrCode(page, 'QR code for your virtual MFA device');
      // the secret key offered instead of the QR code is the same one
      await page.getByText('Show the secret key instead').click();
      expect(await page.locator('.mfa-secret').textContent()).toBe(secret);
      await screenshot(page, backend, 'root-mfa-enrol');

      await page.getByLabel('MFA code 1').fill('000000');
      await page.getByLabel('MFA code 2').fill('000000');
      await page.getByRole('button', { name: 'Assign MFA' }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toBe('Authentication code for device is not valid.');
      await page.getByLabel('MFA code 1').fill(codeOf(secret, -1));
      await page.getByLabel('MFA code 2').fill(codeOf(secret, 0));
      await page.getByRole('button', { name: 'Assign MFA' }).click();
      await waitForSignedIn(page, ROOT_ARN);
      const first = `arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`;
      expect(await rootDevices()).toEqual([first]);

      // the security credentials page: the device removed, another assigned from its QR code
      await page.getByRole('link', { name: 'My security credentials' }).click();
      await page.getByRole('heading', { level: 1, name: 'My security credentials' }).waitFor();
      await page.getByRole('cell', { name: first, exact: true }).waitFor();
      await page.getByRole('button', { name: `Remove ${first}` }).click();
      await page.getByRole('button', { name: 'Remove device' }).click();
      await page.getByText('No MFA device.').waitFor();
      expect(await rootDevices()).toEqual([]);

      nextCodes();
      await page.getByLabel('Device name').fill('root-phone');
      await page.getByRole('button', { name: 'Assign MFA device' }).click();
      const second = await secretOfQrCode(page, 'QR code for the virtual MFA device');
      await page.getByLabel('MFA code 1').fill(codeOf(second, -1));
      await page.getByLabel('MFA code 2').fill(codeOf(second, 0));
      await page.getByRole('button', { name: 'Assign MFA', exact: true }).click();
      await page.getByText('MFA device assigned.').waitFor();
      const replaced = `arn:aws:iam::${ACCOUNT}:mfa/root-phone`;
      await page.getByRole('cell', { name: replaced, exact: true }).waitFor();
      await screenshot(page, backend, 'root-mfa-replaced');
      expect(await rootDevices()).toEqual([replaced]);
      expect(faultsOf(page)).toEqual([]);

      // the next root sign-in asks for the new device's code
      nextCodes();
      const again = await c.browser.open(c.t.url);
      await rootSignIn(again);
      await again.getByLabel('MFA code').fill(codeOf(second));
      await again.getByRole('button', { name: 'Submit' }).click();
      await waitForSignedIn(again, ROOT_ARN);
      expect(faultsOf(again)).toEqual([]);
    });
  },
);
