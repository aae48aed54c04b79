// Access Analyzer's findings and the who-can-reach-admin graph in the console, in Chromium against a
// real server on both backends: an account analyzer created from the findings page reports a role
// that another account may assume, the finding is archived in place and listed under Archived; the
// graph page draws who can reach admin and lists the paths, and a role asked about by name.
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { faultsOf, screenshot, useConsoleFixture } from '../support/console-browser.ts';
import { consoleUser } from '../support/console-users.ts';
import {
  createEscalationPrincipals,
  ESCALATION_ACCOUNT as ACCOUNT,
} from '../support/escalation-principals.ts';
import { skipWithout } from '../support/external-programs.ts';
import { BACKENDS, type Backend } from '../support/test-server.ts';

const PARTNER_ROLE = `arn:aws:iam::${ACCOUNT}:role/partner`;

describe.skipIf(skipWithout('chromium')).each(BACKENDS)(
  'findings and the escalation graph in Chromium on %s',
  (backend: Backend) => {
    const c = useConsoleFixture(backend, async (t) => {
      await createEscalationPrincipals(t);
      await t.iam().send(
        new CreateRoleCommand({
          RoleName: 'partner',
          AssumeRolePolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: '*' },
                Action: 'sts:AssumeRole',
              },
            ],
          }),
        }),
      );
      await consoleUser(t, 'boss', 'arn:aws:iam::aws:policy/AdministratorAccess');
    });

    it('creates an analyzer, shows its finding for a role anyone may assume, and archives it', async () => {
      const page = await c.signedIn('boss');
      await page.getByRole('link', { name: 'Access findings' }).click();
      await page.getByRole('heading', { level: 1, name: 'Access Analyzer findings' }).waitFor();
      await page.getByLabel('Analyzer name').fill('console');
      await page.getByRole('button', { name: 'Create analyzer' }).click();

      const active = page.getByRole('table', { name: 'Active findings of console' });
      const row = active.getByRole('row').filter({ hasText: PARTNER_ROLE });
      await row.waitFor();
      expect(await row.textContent()).toContain('AWS::IAM::Role');
      expect(await row.textContent()).toContain('AWS: *');
      await screenshot(page, backend, 'findings');
      await row.getByRole('button', { name: `Archive the finding for ${PARTNER_ROLE}` }).click();
      await page.getByText(`Finding for ${PARTNER_ROLE} archived.`).waitFor();
      await row.waitFor({ state: 'detached' });

      await page.getByLabel('Status').selectOption('ARCHIVED');
      const archived = page.getByRole('table', { name: 'Archived findings of console' });
      await archived.getByRole('row').filter({ hasText: PARTNER_ROLE }).waitFor();
      expect(faultsOf(page)).toEqual([]);
    });

    it('draws who can reach admin and lists the paths, then those to a role', async () => {
      const page = await c.signedIn('boss');
      await page.getByRole('link', { name: 'Who can reach admin' }).click();
      const picture = page.getByRole('img', { name: /^Escalation graph of account 123456789012: / });
      await picture.waitFor();
      expect(await picture.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
      const paths = page.getByRole('list', { name: 'Paths to admin' });
      // alice may rewrite her own policies: one step from admin
      await paths.getByText('user/alice → admin').waitFor();
      await screenshot(page, backend, 'graph');

      await page.getByLabel('Role name or ARN').fill('deployer');
      await page.getByRole('button', { name: 'Draw graph' }).click();
      const toRole = page.getByRole('list', { name: 'Paths to role/deployer' });
      await toRole.getByText('user/ci → role/deployer').waitFor();
      expect(faultsOf(page)).toEqual([]);
    });
  },
);
