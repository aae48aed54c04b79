// Identity Center's sign-in pages over HTTP, on both backends: the cookie's attributes, a wrong
// password and a wrong or replayed TOTP code refused, a user locked after repeated failures (and the
// right password refused while locked), the password change an administrator's password forces, CSRF
// tokens required on every form, no redirect off the server, the portal's roles and command-line
// credentials (a real role session, in the audit trail with the person's identity), a user changing
// their own password, the PKCE authorization page, and sign-out ending the session server-side.
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  identityCenterFixture,
  MEMBER,
  PERMISSION_SET,
  type IdentityCenterFixture,
} from '../support/identity-center-fixture.ts';
import { runTessera } from '../support/tessera-cli.ts';
import { BACKENDS, startTestServer, type Backend, type TestServer } from '../support/test-server.ts';

/** A browser-like client: keeps the session cookie, follows nothing on its own. */
class Visitor {
  cookie = '';
  constructor(private readonly base: string) {}
  async get(path: string) {
    return this.request('GET', path);
  }
  async post(path: string, form: Record<string, string>) {
    return this.request('POST', path, new URLSearchParams(form).toString());
  }
  private async request(method: string, path: string, body?: string) {
    const res = await fetch(this.base + path, {
      method,
      redirect: 'manual',
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(body !== undefined ? { body } : {}),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    return {
      status: res.status,
      location: res.headers.get('location'),
      setCookie: set,
      text: await res.text(),
    };
  }
  /** The CSRF token of the last page's forms. */
  static csrf(html: string): string {
    return /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  }
}

describe.each(BACKENDS)('Identity Center sign-in pages on %s', (backend: Backend) => {
  let t: TestServer;
  let idc: IdentityCenterFixture;

  beforeAll(async () => {
    t = await startTestServer(backend, { config: { lockoutThreshold: 3, lockoutSeconds: 300 } });
    idc = await identityCenterFixture(t);
  });
  afterAll(() => t.destroy());

  const signIn = async (v: Visitor, password = idc.password) =>
    v.post('/sso/signin', {
      store: idc.identityStoreId,
      next: `/start/${idc.identityStoreId}`,
      username: idc.userName,
      password,
    });

  it('sends a visitor of the start URL to sign in, and sets an HttpOnly, SameSite=Strict cookie', async () => {
    const v = new Visitor(t.url);
    const start = await v.get(`/start/${idc.identityStoreId}`);
    expect(start.status).toBe(303);
    expect(start.location).toBe(
      `/sso/signin?store=${idc.identityStoreId}&next=${encodeURIComponent(`/start/${idc.identityStoreId}`)}`,
    );
    const first = await signIn(v);
    expect(first.status).toBe(303);
    expect(first.location).toMatch(/^\/sso\/mfa\?next=/);
    expect(first.setCookie).toMatch(
      /^tessera_sso=tss_[\w-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800$/,
    );
    // not signed in until the code is given
    expect((await v.get(`/start/${idc.identityStoreId}`)).status).toBe(303);
  });

  it('refuses a wrong code, accepts the right one once, and shows the portal with a role', async () => {
    const v = new Visitor(t.url);
    await signIn(v);
    const mfa = await v.get(`/sso/mfa?next=/start/${idc.identityStoreId}`);
    const csrf = Visitor.csrf(mfa.text);
    const wrong = await v.post('/sso/mfa', {
      csrf,
      next: '/',
      code: idc.totp() === '000000' ? '111111' : '000000',
    });
    expect(wrong.status).toBe(401);
    // one code for both sign-ins: a second idc.totp() could fall in the next 30-second step
    const code = idc.totp();
    const right = await v.post('/sso/mfa', { csrf, next: `/start/${idc.identityStoreId}`, code });
    expect(right.status).toBe(303);
    const portal = await v.get(`/start/${idc.identityStoreId}`);
    expect(portal.status).toBe(200);
    expect(portal.text).toContain(`data-account="${MEMBER}" data-role="${PERMISSION_SET}"`);
    // the same code again, in a second sign-in, is refused: a code is accepted once
    const other = new Visitor(t.url);
    await signIn(other);
    const replay = await other.post('/sso/mfa', {
      csrf: Visitor.csrf((await other.get('/sso/mfa')).text),
      next: '/',
      code,
    });
    expect(replay.status).toBe(401);
  });

  it('gives command-line credentials that are a real session of the AWSReservedSSO role', async () => {
    const v = new Visitor(t.url);
    await signIn(v);
    await v.post('/sso/mfa', {
      csrf: Visitor.csrf((await v.get('/sso/mfa')).text),
      next: '/',
      code: idc.totp(new Date(Date.now() + 30_000)),
    });
    const portal = await v.get(`/start/${idc.identityStoreId}`);
    const creds = await v.post('/sso/credentials', {
      csrf: Visitor.csrf(portal.text),
      account: MEMBER,
      role: PERMISSION_SET,
    });
    expect(creds.status).toBe(200);
    const value = (name: string) => new RegExp(`export ${name}="([^"]+)"`).exec(creds.text)?.[1] ?? '';
    const sts = new STSClient({
      endpoint: t.url,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: {
        accessKeyId: value('AWS_ACCESS_KEY_ID'),
        secretAccessKey: value('AWS_SECRET_ACCESS_KEY'),
        sessionToken: value('AWS_SESSION_TOKEN'),
      },
    });
    const who = await sts.send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toMatch(
      new RegExp(`:assumed-role/AWSReservedSSO_${PERMISSION_SET}_[0-9a-f]{16}/${idc.userName}$`),
    );
    // the credentials and the sign-in are in the audit trail, with the person's Identity Center identity
    await t.server.services.audit?.flush();
    const events = async (accountId: string, eventName: string) =>
      (
        await t.server.services.store.read((r) =>
          r.auditEvents.lookup({ accountId, attribute: { key: 'EventName', value: eventName }, limit: 50 }),
        )
      ).map((e) => JSON.parse(e.record) as { userIdentity: Record<string, unknown>; errorCode?: string });
    const taken = await events(MEMBER, 'GetRoleCredentials');
    expect(taken.length).toBeGreaterThan(0);
    expect(taken[0]!.userIdentity).toMatchObject({
      type: 'Unknown',
      userName: idc.userName,
      onBehalfOf: {
        identityStoreArn: `arn:aws:identitystore::123456789012:identitystore/${idc.identityStoreId}`,
      },
    });
    const signIns = await events('123456789012', 'UserAuthentication');
    expect(signIns.some((e) => e.userIdentity.userName === idc.userName && e.errorCode === undefined)).toBe(
      true,
    );
    expect(JSON.stringify(signIns)).not.toContain(idc.password);
    // a role the user has no assignment for is refused
    const refused = await v.post('/sso/credentials', {
      csrf: Visitor.csrf(portal.text),
      account: MEMBER,
      role: 'Admin',
    });
    expect(refused.status).toBe(403);
    // a form without the CSRF token is refused
    expect((await v.post('/sso/credentials', { account: MEMBER, role: PERMISSION_SET })).status).toBe(403);
    // sign-out ends the session on the server: the old cookie no longer signs in
    const cookie = v.cookie;
    expect((await v.post('/sso/signout', { csrf: Visitor.csrf(portal.text) })).status).toBe(200);
    v.cookie = cookie;
    expect((await v.get(`/start/${idc.identityStoreId}`)).status).toBe(303);
  });

  it('never redirects off the server after sign-in', async () => {
    const v = new Visitor(t.url);
    const res = await v.post('/sso/signin', {
      store: idc.identityStoreId,
      next: '//evil.example/steal',
      username: idc.userName,
      password: idc.password,
    });
    expect(res.location).toMatch(/^\/sso\/mfa\?next=%2Fstart%2Fd-/);
  });

  it('forces a new password after an administrator set one, then signs in with it', async () => {
    const user = 'bob';
    const bob = await identityCenterFixtureUser(t, idc, user);
    const v = new Visitor(t.url);
    const first = await v.post('/sso/signin', {
      store: idc.identityStoreId,
      next: '/',
      username: user,
      password: bob,
    });
    expect(first.location).toMatch(/^\/sso\/password\?next=/);
    const form = await v.get('/sso/password?next=/');
    const weak = await v.post('/sso/password', {
      csrf: Visitor.csrf(form.text),
      next: '/',
      password: 'short',
      confirm: 'short',
    });
    expect(weak.status).toBe(400);
    const chosen = 'Bobs-New-Passw0rd!';
    const ok = await v.post('/sso/password', {
      csrf: Visitor.csrf(form.text),
      next: `/start/${idc.identityStoreId}`,
      password: chosen,
      confirm: chosen,
    });
    expect(ok.status).toBe(303);
    expect((await v.get(`/start/${idc.identityStoreId}`)).status).toBe(200);
    const again = new Visitor(t.url);
    const second = await again.post('/sso/signin', {
      store: idc.identityStoreId,
      next: '/x',
      username: user,
      password: chosen,
    });
    expect(second.location).toBe('/x');
  });

  it('lets a signed-in user change their own password, checking the current one', async () => {
    const user = 'dave';
    const password = await identityCenterFixtureUser(t, idc, user, true);
    const v = new Visitor(t.url);
    await v.post('/sso/signin', { store: idc.identityStoreId, next: '/', username: user, password });
    const portal = await v.get(`/start/${idc.identityStoreId}`);
    expect(portal.text).toContain('Change password');
    const chosen = 'Daves-0wn-choice!';
    const wrong = await v.post('/sso/change-password', {
      csrf: Visitor.csrf(portal.text),
      current: 'Not-the-one-1!',
      password: chosen,
      confirm: chosen,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('The current password is not right.');
    const ok = await v.post('/sso/change-password', {
      csrf: Visitor.csrf(portal.text),
      current: password,
      password: chosen,
      confirm: chosen,
    });
    expect(ok.status).toBe(200);
    const old = await new Visitor(t.url).post('/sso/signin', {
      store: idc.identityStoreId,
      next: '/',
      username: user,
      password,
    });
    expect(old.status).toBe(401);
    const fresh = await new Visitor(t.url).post('/sso/signin', {
      store: idc.identityStoreId,
      next: '/x',
      username: user,
      password: chosen,
    });
    expect(fresh.location).toBe('/x');
  });

  it('runs the PKCE authorization page: sign-in, Allow, back to the loopback with a code', async () => {
    const user = 'erin';
    const password = await identityCenterFixtureUser(t, idc, user, true);
    const redirectUri = 'http://127.0.0.1:45678/oauth/callback';
    const oidc = new SSOOIDCClient({ endpoint: t.url, region: 'us-east-1', maxAttempts: 1 });
    const client = await oidc.send(
      new RegisterClientCommand({
        clientName: 'newer-cli',
        clientType: 'public',
        scopes: ['sso:account:access'],
        grantTypes: ['authorization_code', 'refresh_token'],
        redirectUris: [redirectUri],
        issuerUrl: idc.startUrl,
      }),
    );
    const verifier = 'pkce-verifier-'.padEnd(60, 'x');
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: client.clientId!,
      redirect_uri: redirectUri,
      state: 'st4te',
      code_challenge_method: 'S256',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      scopes: 'sso:account:access',
    });
    const v = new Visitor(t.url);
    const entry = await v.get(`/authorize?${query}`);
    expect(entry.location).toBe(`/sso/authorize?${query}`);
    const toSignIn = await v.get(entry.location!);
    expect(toSignIn.location).toMatch(new RegExp(`^/sso/signin\\?store=${idc.identityStoreId}&next=`));
    const signedIn = await v.post('/sso/signin', {
      store: idc.identityStoreId,
      next: decodeURIComponent(/next=(.*)$/.exec(toSignIn.location!)![1]!),
      username: user,
      password,
    });
    const page = await v.get(signedIn.location!);
    expect(page.text).toContain('newer-cli');
    const allowed = await v.post(`/sso/authorize?${query}`, {
      csrf: Visitor.csrf(page.text),
      decision: 'allow',
    });
    const back = new URL(allowed.location!);
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe('st4te');
    const token = await oidc.send(
      new CreateTokenCommand({
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        grantType: 'authorization_code',
        code: back.searchParams.get('code')!,
        redirectUri,
        codeVerifier: verifier,
      }),
    );
    expect(token.accessToken).toMatch(/^tsa_/);
    const denied = await v.post(`/sso/authorize?${query}`, {
      csrf: Visitor.csrf(page.text),
      decision: 'deny',
    });
    expect(new URL(denied.location!).searchParams.get('error')).toBe('access_denied');
  });

  it('locks a user after repeated wrong passwords, refusing even the right one while locked', async () => {
    const user = 'carol';
    const password = await identityCenterFixtureUser(t, idc, user, true);
    const attempt = (p: string) =>
      new Visitor(t.url).post('/sso/signin', {
        store: idc.identityStoreId,
        next: '/',
        username: user,
        password: p,
      });
    for (let i = 0; i < 3; i++) expect((await attempt('Wrong-passw0rd!')).status).toBe(401);
    expect((await attempt(password)).status).toBe(401);
  });
});

/** A second user of the fixture's identity store with an administrator's password; returns it. */
async function identityCenterFixtureUser(
  t: TestServer,
  idc: IdentityCenterFixture,
  userName: string,
  permanent = false,
): Promise<string> {
  const { CreateUserCommand, IdentitystoreClient } = await import('@aws-sdk/client-identitystore');
  await new IdentitystoreClient({
    endpoint: t.url,
    region: 'us-east-1',
    credentials: t.root,
    maxAttempts: 1,
  }).send(
    new CreateUserCommand({
      IdentityStoreId: idc.identityStoreId,
      UserName: userName,
      DisplayName: userName,
      Name: { GivenName: userName, FamilyName: 'Example' },
    }),
  );
  const password = `${userName}-Admin-Set-1!`;
  const r = await runTessera(
    [
      'identity-center',
      'set-password',
      userName,
      '--password',
      password,
      ...(permanent ? ['--permanent'] : []),
    ],
    t.config.dataDir,
    t.config.databaseUrl ?? '',
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return password;
}
