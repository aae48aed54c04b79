// SSO OIDC with the real @aws-sdk/client-sso-oidc on both backends, unsigned as AWS serves it: client
// registration, the device flow (pending, slow down, approved, denied, expired, redeemed once),
// refresh tokens rotated on use (a replayed one revokes its family), the PKCE authorization-code grant,
// and AWS's OAuth errors. The device approval here goes through the domain; the pages have their own test.
import { createHash } from 'node:crypto';
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerDeviceAuthorization,
  enableForOrganization,
  newAuthorizationCode,
  pendingDeviceAuthorization,
  tokenSubject,
} from '../../src/domain/index.ts';
import { orgFixture } from '../support/org-fixture.ts';
import { BACKENDS, startTestServer, type Backend, type TestServer } from '../support/test-server.ts';

const DEVICE = 'urn:ietf:params:oauth:grant-type:device_code';

/** The SDK's error, with the OAuth `error` member SSO OIDC's errors carry. */
async function awsError(
  fn: () => Promise<unknown>,
): Promise<{ name: string; code?: string; status: number; error?: string }> {
  try {
    await fn();
  } catch (err) {
    const e = err as {
      name: string;
      code?: string;
      error?: string;
      message?: string;
      $metadata?: { httpStatusCode?: number };
    };
    return {
      name: e.name,
      status: e.$metadata?.httpStatusCode ?? 0,
      ...(e.code ? { code: e.code } : {}),
      ...(e.error ? { error: e.error } : {}),
    };
  }
  throw new Error('expected an error');
}

describe.each(BACKENDS)('SSO OIDC on %s', (backend: Backend) => {
  let t: TestServer;
  let now = new Date();
  let storeId: string;
  const user = () => ({ identity_store_id: storeId, user_id: 'u-1' });
  const oidc = () =>
    new SSOOIDCClient({
      endpoint: t.url,
      region: 'us-east-1',
      maxAttempts: 1,
      // unsigned: the SDK sends no credentials for these operations
    });
  const register = async (scopes?: string[]) =>
    oidc().send(
      new RegisterClientCommand({
        clientName: 'test-cli',
        clientType: 'public',
        ...(scopes ? { scopes } : {}),
      }),
    );
  const startUrl = () => `${t.url}/start/${storeId}`;
  const approve = async (userCode: string, yes = true) =>
    t.server.services.store.write('', async (repos) => {
      const pending = await pendingDeviceAuthorization(repos, userCode, now);
      expect(pending).toBeDefined();
      await answerDeviceAuthorization(repos, pending!.row, user(), yes);
    });

  beforeAll(async () => {
    t = await startTestServer(backend, { clock: { now: () => now } });
    await orgFixture(t);
    const instance = await t.server.services.store.write('123456789012', (repos) =>
      enableForOrganization(repos, '123456789012', now),
    );
    storeId = instance!.identity_store_id;
  });
  afterAll(() => t.destroy());

  it('registers a public client with a secret that expires in 90 days', async () => {
    const c = await register(['sso:account:access']);
    expect(c.clientId).toMatch(/^[\w-]{22}$/);
    expect(c.clientSecret).toMatch(/^tsc_/);
    expect(c.clientSecretExpiresAt! - c.clientIdIssuedAt!).toBe(90 * 86_400);
    expect(
      await awsError(() =>
        oidc().send(new RegisterClientCommand({ clientName: 'x', clientType: 'confidential' })),
      ),
    ).toMatchObject({ name: 'InvalidRequestException', status: 400 });
  });

  it('runs the device flow: pending, slow down, approved, redeemed once, with a refresh token', async () => {
    const c = await register(['sso:account:access']);
    const auth = await oidc().send(
      new StartDeviceAuthorizationCommand({
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        startUrl: startUrl(),
      }),
    );
    expect(auth.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(auth.verificationUriComplete).toBe(`${t.url}/sso/device?user_code=${auth.userCode}`);
    expect(auth).toMatchObject({ expiresIn: 600, interval: 1 });
    const poll = () =>
      oidc().send(
        new CreateTokenCommand({
          clientId: c.clientId,
          clientSecret: c.clientSecret,
          grantType: DEVICE,
          deviceCode: auth.deviceCode,
        }),
      );
    expect(await awsError(poll)).toMatchObject({
      name: 'AuthorizationPendingException',
      status: 400,
      error: 'authorization_pending',
    });
    expect(await awsError(poll)).toMatchObject({ name: 'SlowDownException', error: 'slow_down' });
    now = new Date(now.getTime() + 2000);
    await approve(auth.userCode!);
    const token = await poll();
    expect(token).toMatchObject({ tokenType: 'Bearer', expiresIn: 8 * 3600 });
    expect(token.accessToken).toMatch(/^tsa_/);
    expect(token.refreshToken).toMatch(/^tsr_/);
    const subject = await t.server.services.store.read((r) => tokenSubject(r, token.accessToken!, now));
    expect(subject).toMatchObject({ identity_store_id: storeId, user_id: 'u-1' });
    expect(await awsError(poll)).toMatchObject({ name: 'InvalidGrantException', error: 'invalid_grant' });
  });

  it('rotates refresh tokens, and a replayed one revokes the whole sign-in', async () => {
    const c = await register(['sso:account:access']);
    const auth = await oidc().send(
      new StartDeviceAuthorizationCommand({
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        startUrl: startUrl(),
      }),
    );
    await approve(auth.userCode!);
    const first = await oidc().send(
      new CreateTokenCommand({
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        grantType: DEVICE,
        deviceCode: auth.deviceCode,
      }),
    );
    const refresh = (refreshToken: string) =>
      oidc().send(
        new CreateTokenCommand({
          clientId: c.clientId,
          clientSecret: c.clientSecret,
          grantType: 'refresh_token',
          refreshToken,
        }),
      );
    const second = await refresh(first.refreshToken!);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(await awsError(() => refresh(first.refreshToken!))).toMatchObject({
      name: 'InvalidGrantException',
    });
    // the replay ended the family: the newest tokens are void too
    expect(await awsError(() => refresh(second.refreshToken!))).toMatchObject({
      name: 'InvalidGrantException',
    });
    expect(
      await awsError(() => t.server.services.store.read((r) => tokenSubject(r, second.accessToken!, now))),
    ).toMatchObject({ code: 'UnauthorizedException' });
  });

  it('answers access_denied when the person denies, and expired_token after ten minutes', async () => {
    const c = await register();
    const start = () =>
      oidc().send(
        new StartDeviceAuthorizationCommand({
          clientId: c.clientId,
          clientSecret: c.clientSecret,
          startUrl: startUrl(),
        }),
      );
    const poll = (deviceCode: string) =>
      oidc().send(
        new CreateTokenCommand({
          clientId: c.clientId,
          clientSecret: c.clientSecret,
          grantType: DEVICE,
          deviceCode,
        }),
      );
    const denied = await start();
    await approve(denied.userCode!, false);
    expect(await awsError(() => poll(denied.deviceCode!))).toMatchObject({
      name: 'AccessDeniedException',
      status: 400,
      error: 'access_denied',
    });
    const late = await start();
    now = new Date(now.getTime() + 601_000);
    expect(await awsError(() => poll(late.deviceCode!))).toMatchObject({
      name: 'ExpiredTokenException',
      error: 'expired_token',
    });
    // a client registered without scopes gets no refresh token
    const fresh = await start();
    await approve(fresh.userCode!);
    expect((await poll(fresh.deviceCode!)).refreshToken).toBeUndefined();
  });

  it('refuses a wrong client secret, an unknown start URL and an unknown grant type', async () => {
    const c = await register();
    expect(
      await awsError(() =>
        oidc().send(
          new StartDeviceAuthorizationCommand({
            clientId: c.clientId,
            clientSecret: 'tsc_wrong',
            startUrl: startUrl(),
          }),
        ),
      ),
    ).toMatchObject({ name: 'InvalidClientException', status: 401, error: 'invalid_client' });
    expect(
      await awsError(() =>
        oidc().send(
          new StartDeviceAuthorizationCommand({
            clientId: c.clientId,
            clientSecret: c.clientSecret,
            startUrl: `${t.url}/start/d-0000000000`,
          }),
        ),
      ),
    ).toMatchObject({ name: 'InvalidRequestException' });
    expect(
      await awsError(() =>
        oidc().send(
          new CreateTokenCommand({
            clientId: c.clientId,
            clientSecret: c.clientSecret,
            grantType: 'password',
          }),
        ),
      ),
    ).toMatchObject({ name: 'UnsupportedGrantTypeException', error: 'unsupported_grant_type' });
  });

  it('redeems an authorization code once, only with the PKCE verifier of its challenge', async () => {
    const redirectUri = 'http://127.0.0.1:43210/oauth/callback';
    const c = await oidc().send(
      new RegisterClientCommand({
        clientName: 'pkce',
        clientType: 'public',
        scopes: ['sso:account:access'],
        grantTypes: ['authorization_code', 'refresh_token'],
        redirectUris: [redirectUri],
      }),
    );
    const verifier = 'v'.repeat(64);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const code = await t.server.services.store.write('', async (repos) =>
      newAuthorizationCode(
        repos,
        (await repos.ssoSignIn.client(c.clientId!))!,
        redirectUri,
        challenge,
        user(),
        ['sso:account:access'],
        now,
      ),
    );
    const redeem = (codeVerifier: string) =>
      oidc().send(
        new CreateTokenCommand({
          clientId: c.clientId,
          clientSecret: c.clientSecret,
          grantType: 'authorization_code',
          code,
          redirectUri,
          codeVerifier,
        }),
      );
    expect(await awsError(() => redeem('w'.repeat(64)))).toMatchObject({ name: 'InvalidGrantException' });
    const token = await redeem(verifier);
    expect(token.accessToken).toMatch(/^tsa_/);
    expect(token.refreshToken).toMatch(/^tsr_/);
    expect(await awsError(() => redeem(verifier))).toMatchObject({ name: 'InvalidGrantException' });
  });
});
