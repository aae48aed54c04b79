// The SSO portal's listing with the real @aws-sdk/client-sso on both backends, unsigned as AWS serves
// it (the SSO OIDC access token is the credential): ListAccounts and ListAccountRoles paged, and the
// portal's own error, InvalidRequestException (400), for a bad nextToken or maxResults.
import {
  CreateAccountAssignmentCommand,
  CreatePermissionSetCommand,
  SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { ListAccountRolesCommand, ListAccountsCommand, SSOClient } from '@aws-sdk/client-sso';
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerDeviceAuthorization, pendingDeviceAuthorization } from '../../src/domain/index.ts';
import {
  identityCenterFixture,
  MEMBER,
  PERMISSION_SET,
  type IdentityCenterFixture,
} from '../support/identity-center-fixture.ts';
import {
  awsError,
  BACKENDS,
  startTestServer,
  type Backend,
  type TestServer,
} from '../support/test-server.ts';

describe.each(BACKENDS)('SSO portal listing on %s', (backend: Backend) => {
  let t: TestServer;
  let idc: IdentityCenterFixture;
  let accessToken = '';
  const portal = () => new SSOClient({ endpoint: t.url, region: 'us-east-1', maxAttempts: 1 });

  /** An access token for the fixture's user, from the device flow approved through the domain. */
  async function signedIn(): Promise<string> {
    const oidc = new SSOOIDCClient({ endpoint: t.url, region: 'us-east-1', maxAttempts: 1 });
    const c = await oidc.send(
      new RegisterClientCommand({
        clientName: 'portal-test',
        clientType: 'public',
        scopes: ['sso:account:access'],
      }),
    );
    const auth = await oidc.send(
      new StartDeviceAuthorizationCommand({
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        startUrl: idc.startUrl,
      }),
    );
    await t.server.services.store.write('', async (repos) => {
      const pending = await pendingDeviceAuthorization(repos, auth.userCode!, new Date());
      await answerDeviceAuthorization(
        repos,
        pending!.row,
        { identity_store_id: idc.identityStoreId, user_id: idc.userId },
        true,
      );
    });
    const token = await oidc.send(
      new CreateTokenCommand({
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        grantType: 'urn:ietf:params:oauth:grant-type:device_code',
        deviceCode: auth.deviceCode,
      }),
    );
    return token.accessToken!;
  }

  beforeAll(async () => {
    t = await startTestServer(backend);
    idc = await identityCenterFixture(t, 'alice', { mfa: false });
    // a second role for the user in the member account, so that its roles take two pages of one
    const admin = new SSOAdminClient({
      endpoint: t.url,
      region: 'us-east-1',
      credentials: t.root,
      maxAttempts: 1,
    });
    const ps = (
      await admin.send(new CreatePermissionSetCommand({ InstanceArn: idc.instanceArn, Name: 'Auditor' }))
    ).PermissionSet!;
    await admin.send(
      new CreateAccountAssignmentCommand({
        InstanceArn: idc.instanceArn,
        TargetType: 'AWS_ACCOUNT',
        TargetId: MEMBER,
        PermissionSetArn: ps.PermissionSetArn,
        PrincipalType: 'USER',
        PrincipalId: idc.userId,
      }),
    );
    accessToken = await signedIn();
  });
  afterAll(() => t.destroy());

  it('lists the accounts and pages the roles of one, a page of one at a time', async () => {
    const accounts = await portal().send(new ListAccountsCommand({ accessToken }));
    expect(accounts.accountList?.map((a) => a.accountId)).toEqual([MEMBER]);
    expect(accounts.nextToken).toBeUndefined();
    const first = await portal().send(
      new ListAccountRolesCommand({ accessToken, accountId: MEMBER, maxResults: 1 }),
    );
    expect(first.roleList).toHaveLength(1);
    expect(first.nextToken).toBeDefined();
    const second = await portal().send(
      new ListAccountRolesCommand({
        accessToken,
        accountId: MEMBER,
        maxResults: 1,
        nextToken: first.nextToken,
      }),
    );
    expect(second.nextToken).toBeUndefined();
    expect([...first.roleList!, ...second.roleList!].map((r) => r.roleName).sort()).toEqual(
      ['Auditor', PERMISSION_SET].sort(),
    );
  });

  it('answers a bad nextToken or maxResults with InvalidRequestException (400), as the portal does', async () => {
    const invalid = { name: 'InvalidRequestException', status: 400 };
    expect(
      await awsError(() => portal().send(new ListAccountsCommand({ accessToken, nextToken: 'not-a-token' }))),
    ).toMatchObject(invalid);
    expect(
      await awsError(() =>
        portal().send(
          new ListAccountRolesCommand({ accessToken, accountId: MEMBER, nextToken: 'not-a-token' }),
        ),
      ),
    ).toMatchObject(invalid);
    // a token of another service's paging is no token of the portal's
    const foreign = Buffer.from('1').toString('base64url');
    expect(
      await awsError(() => portal().send(new ListAccountsCommand({ accessToken, nextToken: foreign }))),
    ).toMatchObject(invalid);
    // out of the model's range (1 to 100): refused before the handler, still as the portal refuses
    for (const maxResults of [0, 101])
      expect(
        await awsError(() => portal().send(new ListAccountsCommand({ accessToken, maxResults }))),
      ).toMatchObject(invalid);
  });
});
