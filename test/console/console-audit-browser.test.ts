// The console's audit trail page in Chromium against a real server, on both backends: an auditor
// finds another user's refused call among the events (denied only, by user and by event name) and
// opens its CloudTrail record, which names the refusal and holds no secret.
import { CreateAccessKeyCommand, CreateUserCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { faultsOf, screenshot, useConsoleFixture } from '../support/console-browser.ts';
import { consoleUser } from '../support/console-users.ts';
import { skipWithout } from '../support/external-programs.ts';
import { BACKENDS, type Backend } from '../support/test-server.ts';

describe.skipIf(skipWithout('chromium')).each(BACKENDS)(
  'the console’s audit trail in Chromium on %s',
  (backend: Backend) => {
    let secret = '';

    const c = useConsoleFixture(backend, async (t) => {
      const iam = t.iam();
      await consoleUser(t, 'auditor', 'arn:aws:iam::aws:policy/ReadOnlyAccess');
      // mallory may do nothing, and tries
      await iam.send(new CreateUserCommand({ UserName: 'mallory' }));
      const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'mallory' }))).AccessKey!;
      secret = key.SecretAccessKey!;
      await expect(
        t
          .iam({ accessKeyId: key.AccessKeyId!, secretAccessKey: secret })
          .send(new CreateUserCommand({ UserName: 'intruder' })),
      ).rejects.toMatchObject({ name: 'AccessDenied' });
      await t.server.services.audit!.flush();
    });

    it('finds a refused call by user, event name and denied-only, and shows its record', async () => {
      const page = await c.signedIn('auditor');
      await page.getByRole('link', { name: 'Audit trail' }).click();
      await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();

      await page.getByLabel('Denied only').check();
      await page.getByRole('button', { name: 'Look up events' }).click();
      const table = page.getByRole('table', { name: 'Events, newest first' });
      await table.waitFor();
      const rows = table.getByRole('row');
      await expect.poll(() => rows.count()).toBe(2);
      expect(await rows.nth(1).textContent()).toMatch(/CreateUser.*mallory.*AccessDenied/);

      // the same event by user name and event name together, denied or not
      await page.getByLabel('Denied only').uncheck();
      await page.getByLabel('User name').fill('mallory');
      await page.getByLabel('Event name').fill('CreateUser');
      await page.getByRole('button', { name: 'Look up events' }).click();
      await expect.poll(() => rows.count()).toBe(2);
      await rows
        .nth(1)
        .getByRole('button', { name: /View event/ })
        .click();
      const record = page.getByLabel('Event record');
      await record.waitFor();
      const json = JSON.parse((await record.textContent())!) as Record<string, unknown>;
      expect(json).toMatchObject({
        eventName: 'CreateUser',
        eventSource: 'iam.amazonaws.com',
        errorCode: 'AccessDenied',
        userIdentity: { type: 'IAMUser', userName: 'mallory' },
        requestParameters: { userName: 'intruder' },
      });
      expect(await record.textContent()).not.toContain(secret);
      await screenshot(page, backend, 'audit-event');

      // nobody else matches
      await page.getByLabel('User name').fill('nobody');
      await page.getByRole('button', { name: 'Look up events' }).click();
      await table.getByText('No events match.').waitFor();
      expect(faultsOf(page)).toEqual([]);
    });
  },
);
