// The console's policy editor in Chromium against a real server, on both backends: Access Analyzer's
// finding for a draft is marked on exactly the offending text and listed with its line and column;
// choosing it selects that text; the corrected draft has no findings, simulates, and is saved with
// its description.
import { GetPolicyCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { faultsOf, screenshot, useConsoleFixture } from '../support/console-browser.ts';
import { consoleUser } from '../support/console-users.ts';
import { skipWithout } from '../support/external-programs.ts';
import { BACKENDS, type Backend } from '../support/test-server.ts';

const ACCOUNT = '123456789012';

const draft = (action: string) =>
  `{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "${action}",\n      "Resource": "*"\n    }\n  ]\n}\n`;

describe.skipIf(skipWithout('chromium')).each(BACKENDS)(
  'the console’s policy editor in Chromium on %s',
  (backend: Backend) => {
    const c = useConsoleFixture(backend, async (t) => {
      await consoleUser(t, 'author', 'arn:aws:iam::aws:policy/AdministratorAccess');
    });

    it('marks a finding on the offending text, then simulates and saves the corrected draft', async () => {
      const page = await c.signedIn('author');
      await page.getByRole('link', { name: 'Policy editor' }).click();
      await page.getByRole('heading', { level: 1, name: 'Policy editor' }).waitFor();

      const editor = page.getByLabel('Policy document');
      const bad = draft('iam:GetUsr');
      await editor.fill(bad);
      const mark = page.locator('.finding-mark.finding-error');
      await mark.waitFor();
      // the mark covers exactly the action IAM does not know, where the draft has it
      const text = await mark.textContent();
      expect(text).toContain('iam:GetUsr');
      const start = Number(await mark.getAttribute('data-offset-start'));
      const end = Number(await mark.getAttribute('data-offset-end'));
      expect(bad.slice(start, end)).toBe(text);
      expect(start).toBeGreaterThanOrEqual(bad.indexOf('"iam:GetUsr"'));
      expect(end).toBeLessThanOrEqual(bad.indexOf('"iam:GetUsr"') + '"iam:GetUsr"'.length);
      const findings = page.getByRole('region', { name: 'Policy findings' });
      const listed = findings.getByRole('button', { name: /INVALID_ACTION/ });
      await expect.poll(() => listed.textContent()).toBe('ERROR INVALID_ACTION (line 6, column 17)');
      await screenshot(page, backend, 'policy-editor-finding');
      // choosing the finding selects its text in the editor
      await listed.click();
      const selected = await page.evaluate<string>(
        '(() => { const e = document.activeElement; return e.value.slice(e.selectionStart, e.selectionEnd); })()',
      );
      expect(selected).toBe(text);

      await editor.fill(draft('iam:GetUser'));
      await findings.getByText('No findings: the policy is valid.').waitFor();
      expect(await page.locator('.finding-mark').count()).toBe(0);

      await page.getByLabel('Actions').fill('iam:GetUser iam:CreateUser');
      await page.getByRole('button', { name: 'Simulate' }).click();
      const results = page.getByRole('table', { name: 'Simulation results' });
      await results.waitFor();
      expect(await results.getByRole('row').allTextContents()).toEqual([
        expect.stringContaining('Action'),
        expect.stringMatching(/iam:GetUser.*allowed/),
        expect.stringMatching(/iam:CreateUser.*implicitDeny/),
      ]);

      await page.getByLabel('Policy name').fill('read-users');
      await page.getByLabel('Description').fill('Reads users');
      await page.getByRole('button', { name: 'Create policy' }).click();
      await expect
        .poll(() => page.getByRole('status').last().textContent())
        .toBe(`Created arn:aws:iam::${ACCOUNT}:policy/read-users.`);
      await screenshot(page, backend, 'policy-editor-saved');
      const saved = await c.t
        .iam()
        .send(new GetPolicyCommand({ PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/read-users` }));
      expect(saved.Policy?.PolicyName).toBe('read-users');
      expect(saved.Policy?.Description).toBe('Reads users');
      expect(faultsOf(page)).toEqual([]);
    });
  },
);
