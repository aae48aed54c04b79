// Groups in the console, in Chromium against a real server on both backends: a group created on the
// Groups page, a user added and removed, a managed policy attached and detached — each change made
// through the page and read back through the IAM API.
import {
  ListAttachedGroupPoliciesCommand,
  ListGroupsForUserCommand,
  CreateUserCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { faultsOf, screenshot, useConsoleFixture } from '../support/console-browser.ts';
import { consoleUser } from '../support/console-users.ts';
import { skipWithout } from '../support/external-programs.ts';
import { BACKENDS, type Backend } from '../support/test-server.ts';

describe.skipIf(skipWithout('chromium')).each(BACKENDS)(
  'groups in the console in Chromium on %s',
  (backend: Backend) => {
    const c = useConsoleFixture(backend, async (t) => {
      await consoleUser(t, 'admin', 'arn:aws:iam::aws:policy/AdministratorAccess');
      await t.iam().send(new CreateUserCommand({ UserName: 'alice' }));
    });

    it('creates a group, adds and removes a member, attaches and detaches a policy', async () => {
      const page = await c.signedIn('admin');
      await page.getByRole('link', { name: 'Groups', exact: true }).click();
      await page.getByLabel('Group name').fill('devs');
      await page.getByRole('button', { name: 'Create group' }).click();
      await page.getByRole('link', { name: 'devs', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'devs' }).waitFor();

      // "Add users": the account's users in a dialog, chosen by their checkboxes
      await page.getByRole('button', { name: 'Add users' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add users to devs' });
      await dialog.getByLabel('Search users').fill('ali');
      await dialog.getByRole('checkbox', { name: 'alice' }).check();
      await dialog.getByRole('button', { name: 'Add selected users' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('link', { name: 'alice', exact: true }).waitFor();
      const groups = async () =>
        (await c.t.iam().send(new ListGroupsForUserCommand({ UserName: 'alice' }))).Groups?.map(
          (g) => g.GroupName,
        );
      expect(await groups()).toEqual(['devs']);

      await page.getByLabel('Policy ARN').fill('arn:aws:iam::aws:policy/ReadOnlyAccess');
      await page.getByRole('button', { name: 'Attach policy' }).click();
      await page.getByRole('cell', { name: 'ReadOnlyAccess', exact: true }).waitFor();
      const attached = async () =>
        (
          await c.t.iam().send(new ListAttachedGroupPoliciesCommand({ GroupName: 'devs' }))
        ).AttachedPolicies?.map((p) => p.PolicyName);
      expect(await attached()).toEqual(['ReadOnlyAccess']);
      await screenshot(page, backend, 'group');

      // a policy that is not there: IAM's NoSuchEntity, in its words
      await page.getByLabel('Policy ARN').fill('arn:aws:iam::aws:policy/NoSuchPolicy');
      await page.getByRole('button', { name: 'Attach policy' }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toBe('Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable.');

      await page.getByRole('button', { name: 'Remove alice' }).click();
      await page.getByText('No users in this group.').waitFor();
      expect(await groups()).toEqual([]);
      await page.getByRole('button', { name: 'Detach ReadOnlyAccess' }).click();
      await page.getByText('No managed policies attached.').waitFor();
      expect(await attached()).toEqual([]);
      expect(faultsOf(page)).toEqual([]);
    });
  },
);
