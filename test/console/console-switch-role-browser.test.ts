// Switch Role in Chromium against a real server, on both backends: an IAM user switches into a role
// of another account (account, role, display name, colour), acts there with the role's permissions
// (the header shows the role session on its colour), switches back, and finds the role among the
// recent ones. A role the user may not assume is refused with AWS's AssumeRole message.
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAccount } from '../../src/domain/index.ts';
import {
  faultsOf,
  fetchInPage,
  launchConsoleBrowser,
  screenshot,
  submitUserSignIn,
  type ConsoleBrowser,
  waitForSignedIn,
} from '../support/console-browser.ts';
import { CONSOLE_PASSWORD, consoleUser } from '../support/console-users.ts';
import { skipWithout } from '../support/external-programs.ts';
import { BACKENDS, startTestServer, type Backend, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const OTHER = '210987654321';

describe.skipIf(skipWithout('chromium')).each(BACKENDS)(
  'console Switch Role in Chromium on %s',
  (backend: Backend) => {
    let t: TestServer;
    let browser: ConsoleBrowser;

    beforeAll(async () => {
      t = await startTestServer(backend);
      const iam = t.iam();
      await consoleUser(t, 'alice');
      await iam.send(
        new PutUserPolicyCommand({
          UserName: 'alice',
          PolicyName: 'switch',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${OTHER}:role/*` },
            ],
          }),
        }),
      );
      // the other account: a role trusting alice's account, able to read IAM, and a user of its own
      const otherRoot = {
        accessKeyId: 'AKIAOTHERROOT0000001',
        secretAccessKey: 'otherrootsecretotherrootsecretotherroot0',
      };
      await ensureAccount(t.server.services.store, t.server.services.sealer, OTHER, new Date(), otherRoot);
      const other = t.iam(otherRoot);
      await other.send(
        new CreateRoleCommand({
          RoleName: 'ops',
          AssumeRolePolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
                Action: 'sts:AssumeRole',
              },
            ],
          }),
        }),
      );
      await other.send(
        new AttachRolePolicyCommand({
          RoleName: 'ops',
          PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess',
        }),
      );
      await other.send(new CreateUserCommand({ UserName: 'zed-in-other-account' }));
      browser = await launchConsoleBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await t?.destroy();
    });

    it('switches into a role of another account, acts there, and switches back', async () => {
      const page = await browser.open(t.url);
      expect(
        await submitUserSignIn(page, { account: ACCOUNT, userName: 'alice', password: CONSOLE_PASSWORD }),
      ).toBe(200);
      await page.getByRole('link', { name: 'Switch role' }).click();
      await page.getByRole('heading', { level: 1, name: 'Switch role' }).waitFor();

      // a role whose trust policy does not name alice's account: AWS's AssumeRole refusal
      await page.getByLabel('Account', { exact: true }).fill(OTHER);
      await page.getByLabel('Role', { exact: true }).fill('nosuchrole');
      await page.getByRole('button', { name: 'Switch role' }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toBe(
          `User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${OTHER}:role/nosuchrole`,
        );

      await page.getByLabel('Role', { exact: true }).fill('ops');
      await page.getByLabel('Display name').fill('Ops (other)');
      await page.getByText('Green', { exact: true }).click();
      await screenshot(page, backend, 'switch-role-form');
      await page.getByRole('button', { name: 'Switch role' }).click();

      // the header shows the role session on its colour, with the way back
      const badge = page.locator('.role-badge');
      await expect.poll(() => badge.textContent()).toBe('Ops (other)');
      expect(
        await page.evaluate<string>(
          "getComputedStyle(document.querySelector('.role-badge')).backgroundColor",
        ),
      ).toBe('rgb(183, 202, 157)');
      await page.getByText(`arn:aws:sts::${OTHER}:assumed-role/ops/alice`, { exact: true }).waitFor();
      // the Users page now lists the other account's users, read with the role's permissions
      await page.getByRole('link', { name: 'Users', exact: true }).click();
      await page.getByRole('link', { name: 'zed-in-other-account' }).waitFor();
      await screenshot(page, backend, 'switch-role-switched');
      const who = await fetchInPage(page, '/console/api/session');
      expect(who.body).toMatchObject({
        role: { arn: `arn:aws:sts::${OTHER}:assumed-role/ops/alice`, displayName: 'Ops (other)' },
      });

      await page.getByRole('button', { name: 'Back to alice' }).click();
      await waitForSignedIn(page, `arn:aws:iam::${ACCOUNT}:user/alice`);
      expect(await page.locator('.role-badge').count()).toBe(0);
      // the role is remembered among the recent ones, one click away
      await page.getByRole('link', { name: 'Switch role' }).click();
      const recent = page.getByRole('button', { name: /Ops \(other\)/ });
      await recent.waitFor();
      await screenshot(page, backend, 'switch-role-recent');
      await recent.click();
      await expect.poll(() => page.locator('.role-badge').textContent()).toBe('Ops (other)');
      expect(faultsOf(page)).toEqual([]);
    });
  },
);
