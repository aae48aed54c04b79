// The README's first use of the console, in Chromium against a real server on both backends: the root
// (given a password by `tessera accounts set-root-password`) signs in, creates a user and attaches
// AdministratorAccess through the pages.
import { ListAttachedUserPoliciesCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  faultsOf,
  launchConsoleBrowser,
  screenshot,
  type ConsoleBrowser,
} from '../support/console-browser.ts';
import { skipWithout } from '../support/external-programs.ts';
import { runTessera } from '../support/tessera-cli.ts';
import { BACKENDS, startTestServer, type Backend, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const ROOT_PASSWORD = 'Root-Password-99';

describe.skipIf(skipWithout('chromium')).each(BACKENDS)(
  'the console’s first use in Chromium on %s',
  (backend: Backend) => {
    let t: TestServer;
    let browser: ConsoleBrowser;

    beforeAll(async () => {
      t = await startTestServer(backend);
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

    it('root signs in, creates a user and attaches AdministratorAccess to it', async () => {
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
      expect(faultsOf(page)).toEqual([]);
    });
  },
);
