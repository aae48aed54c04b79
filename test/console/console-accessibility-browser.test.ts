// Every console page checked for accessibility in Chromium: axe-core's WCAG 2 A and AA rules
// (labels, names, contrast, landmarks, headings, ARIA) on each page of an account with something on
// it, at 1280×800 and on a 400-pixel window, where nothing may be wider than the window either.
// Pages look the same on either backend, so this runs on SQLite only.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import {
  CreateGroupCommand,
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
} from '@aws-sdk/client-iam';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { faultsOf, useConsoleFixture } from '../support/console-browser.ts';
import { consoleUser } from '../support/console-users.ts';
import { skipWithout } from '../support/external-programs.ts';

const ACCOUNT = '123456789012';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Each page by its hash, and its <h1>. */
const PAGES: readonly [string, string][] = [
  ['#/users', 'Users'],
  ['#/users/admin', 'admin'],
  ['#/groups', 'Groups'],
  ['#/groups/devs', 'devs'],
  ['#/roles', 'Roles'],
  ['#/roles/deployer', 'deployer'],
  ['#/policies', 'Policies'],
  [`#/policies/${encodeURIComponent('arn:aws:iam::aws:policy/ReadOnlyAccess')}`, 'ReadOnlyAccess'],
  ['#/identity-providers', 'Identity providers'],
  ['#/account-settings', 'Account settings'],
  ['#/credential-report', 'Credential report'],
  ['#/policy-editor', 'Policy editor'],
  ['#/audit', 'Audit trail'],
  ['#/findings', 'Access Analyzer findings'],
  ['#/graph', 'Who can reach admin'],
  ['#/switch-role', 'Switch role'],
  ['#/security-credentials', 'My security credentials'],
];

interface Violation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's WCAG 2 A/AA violations on the page as it is (axe evaluated in the page, CSP aside). */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const found = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  )) as Violation[];
  return found.map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Opens a page and waits for its heading and for its tables and text to finish loading. */
async function openPage(page: Page, baseUrl: string, hash: string, heading: string): Promise<void> {
  await page.goto(`${baseUrl}/console/${hash}`);
  await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
  await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
  await expect.poll(() => page.getByText('Loading…').count()).toBe(0);
}

describe.skipIf(skipWithout('chromium'))('the console’s accessibility in Chromium', () => {
  const c = useConsoleFixture('sqlite', async (t) => {
    await consoleUser(t, 'admin', 'arn:aws:iam::aws:policy/AdministratorAccess');
    const iam = t.iam();
    await iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'deployer',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' },
          ],
        }),
      }),
    );
    await iam.send(
      new CreateOpenIDConnectProviderCommand({
        Url: 'https://token.actions.githubusercontent.com',
        ClientIDList: ['sts.amazonaws.com'],
      }),
    );
  });

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 400, height: 800 },
  ]) {
    it(`finds no WCAG 2 A/AA violation on any page at ${viewport.width}×${viewport.height}`, async () => {
      // the sign-in page itself
      const signIn = await c.browser.open(c.t.url, viewport);
      expect(await violations(signIn)).toEqual([]);
      const page = await c.signedIn('admin', viewport);
      const found: Record<string, string[]> = {};
      for (const [hash, heading] of PAGES) {
        await openPage(page, c.t.url, hash, heading);
        const problems = await violations(page);
        const width = await page.evaluate('document.documentElement.scrollWidth');
        if (width !== viewport.width) problems.push(`the page is ${String(width)} pixels wide`);
        if (problems.length > 0) found[hash] = problems;
      }
      expect(found).toEqual({});
      expect(faultsOf(page)).toEqual([]);
    });
  }
});
