// A role's page in the console, in Chromium against a real server on both backends: its summary, its
// trust policy checked as typed and saved, a managed policy attached through the page, and "Revoke
// active sessions" as AWS's console does it — a session issued before is then refused.
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { faultsOf, screenshot, useConsoleFixture } from '../support/console-browser.ts';
import { consoleUser } from '../support/console-users.ts';
import { skipWithout } from '../support/external-programs.ts';
import { BACKENDS, type Backend } from '../support/test-server.ts';

const ACCOUNT = '123456789012';

const trust = (action: string | string[]) =>
  JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: action }],
    },
    null,
    2,
  );

describe.skipIf(skipWithout('chromium')).each(BACKENDS)(
  'a role’s page in Chromium on %s',
  (backend: Backend) => {
    const c = useConsoleFixture(backend, async (t) => {
      await consoleUser(t, 'admin', 'arn:aws:iam::aws:policy/AdministratorAccess');
      await t.iam().send(
        new CreateRoleCommand({
          RoleName: 'deployer',
          Description: 'Deploys things',
          AssumeRolePolicyDocument: trust('sts:AssumeRole'),
        }),
      );
    });

    it('edits the trust policy, attaches a policy and revokes the sessions issued before', async () => {
      const page = await c.signedIn('admin');
      await page.getByRole('link', { name: 'Roles', exact: true }).click();
      await page.getByRole('link', { name: 'deployer', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'deployer' }).waitFor();
      await page.getByText(`arn:aws:iam::${ACCOUNT}:role/deployer`, { exact: true }).waitFor();
      await page.getByText('Deploys things', { exact: true }).waitFor();

      // the trust policy: a misspelt action is a finding on its text; the corrected one is saved
      const editor = page.getByLabel('Trust policy');
      expect(JSON.parse(await editor.inputValue())).toEqual(JSON.parse(trust('sts:AssumeRole')));
      await editor.fill(trust('sts:AssumeRol'));
      const mark = page.locator('.finding-mark.finding-error');
      await mark.waitFor();
      expect(await mark.textContent()).toContain('sts:AssumeRol');
      await editor.fill(trust(['sts:AssumeRole', 'sts:TagSession']));
      await page
        .getByRole('region', { name: 'Policy findings' })
        .getByText('No findings: the policy is valid.')
        .waitFor();
      await page.getByRole('button', { name: 'Update trust policy' }).click();
      await page.getByText('Trust policy updated.').waitFor();
      const saved = await c.t.iam().send(new GetRoleCommand({ RoleName: 'deployer' }));
      expect(
        JSON.parse(decodeURIComponent(saved.Role!.AssumeRolePolicyDocument!)).Statement[0].Action,
      ).toEqual(['sts:AssumeRole', 'sts:TagSession']);

      // a managed policy through the page: a session of the role may then list users
      await page.getByLabel('Policy ARN').fill('arn:aws:iam::aws:policy/IAMReadOnlyAccess');
      await page.getByRole('button', { name: 'Attach policy' }).click();
      await page.getByRole('cell', { name: 'IAMReadOnlyAccess', exact: true }).waitFor();
      // the root may not assume roles: admin's own key does
      const key = (await c.t.iam().send(new CreateAccessKeyCommand({ UserName: 'admin' }))).AccessKey!;
      const assumed = await c.t
        .sts({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! })
        .send(
          new AssumeRoleCommand({
            RoleArn: `arn:aws:iam::${ACCOUNT}:role/deployer`,
            RoleSessionName: 'before',
          }),
        );
      const session = {
        accessKeyId: assumed.Credentials!.AccessKeyId!,
        secretAccessKey: assumed.Credentials!.SecretAccessKey!,
        sessionToken: assumed.Credentials!.SessionToken!,
      };
      await c.t.iam(session).send(new ListUsersCommand({}));

      // revoked: AWS's inline policy, and the session issued before is refused
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await page.getByRole('button', { name: 'Revoke active sessions' }).click();
      await page.getByRole('button', { name: 'Revoke sessions', exact: true }).click();
      await page.getByText('Every session issued before now is denied.').waitFor();
      await screenshot(page, backend, 'role-revoked');
      const inline = await c.t
        .iam()
        .send(new GetRolePolicyCommand({ RoleName: 'deployer', PolicyName: 'AWSRevokeOlderSessions' }));
      expect(JSON.parse(decodeURIComponent(inline.PolicyDocument!)).Statement[0]).toMatchObject({
        Effect: 'Deny',
        Action: ['*'],
        Resource: ['*'],
        Condition: { DateLessThan: { 'aws:TokenIssueTime': expect.any(String) } },
      });
      await expect(c.t.iam(session).send(new ListUsersCommand({}))).rejects.toMatchObject({
        name: 'AccessDenied',
      });
      expect(faultsOf(page)).toEqual([]);
    });
  },
);
