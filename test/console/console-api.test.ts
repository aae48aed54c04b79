// The web console's JSON API over HTTP, on both backends (docs/console-api.md): an IAM user signs in
// with a password (and the code of an MFA device when it has one), an account root with the password
// `tessera accounts set-root-password` gave it; wrong answers are refused alike and lock after
// repeated failures; the session cookie's attributes; every call is the IAM/STS action authorized as
// the signed-in user (AccessDenied with AWS's message); CSRF tokens required; Switch Role and back;
// sign-out ends the session server-side; ConsoleLogin events in the audit trail; secrets never in
// the browser's answers.
import {
  AttachUserPolicyCommand,
  CreateLoginProfileCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeleteAccountPasswordPolicyCommand,
  EnableMFADeviceCommand,
  PutUserPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
  UpdateLoginProfileCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, hotp, timeStep } from '../../src/crypto/totp.ts';
import { CONSOLE_CSP } from '../../src/server/console/console-static.ts';
import { ConsoleClient, consoleLoginEvents } from '../support/console-client.ts';
import { runTessera } from '../support/tessera-cli.ts';
import { BACKENDS, startTestServer, type Backend, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const PASSWORD = 'Correct-Horse-42';
const STEP_MS = 30_000;

describe.each(BACKENDS)('the web console API on %s', (backend: Backend) => {
  let t: TestServer;
  // the SDK signs with the real clock: the server's starts there and moves on only minutes
  let now = new Date();
  let seed: Buffer;
  let serial = '';
  const code = (offset = 0) => hotp(seed, timeStep(new Date(now.getTime() + offset * STEP_MS)));

  beforeAll(async () => {
    t = await startTestServer(backend, {
      clock: { now: () => now },
      config: { lockoutThreshold: 3, lockoutSeconds: 300 },
    });
    const iam = t.iam();
    // alice: a password, may list users and nothing else
    await iam.send(new CreateUserCommand({ UserName: 'alice' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: PASSWORD }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'read',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['iam:ListUsers', 'iam:GetUser'], Resource: '*' },
            { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${ACCOUNT}:role/admin` },
          ],
        }),
      }),
    );
    // bob: a password and an MFA device, an administrator
    await iam.send(new CreateUserCommand({ UserName: 'bob' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'bob', Password: PASSWORD }));
    await iam.send(
      new AttachUserPolicyCommand({
        UserName: 'bob',
        PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      }),
    );
    const device = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'bob' })))
      .VirtualMFADevice!;
    serial = device.SerialNumber!;
    seed = base32Decode(Buffer.from(device.Base32StringSeed!).toString('ascii'));
    await iam.send(
      new EnableMFADeviceCommand({
        UserName: 'bob',
        SerialNumber: serial,
        AuthenticationCode1: code(-1),
        AuthenticationCode2: code(0),
      }),
    );
    now = new Date(now.getTime() + 2 * STEP_MS);
    // a role alice may switch into
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'admin',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' },
          ],
        }),
      }),
    );
    await iam
      .send(
        new AttachUserPolicyCommand({
          UserName: 'alice',
          PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess',
        }),
      )
      .catch(() => undefined);
  });
  afterAll(() => t.destroy());

  const signIn = (b: ConsoleClient, userName: string, password = PASSWORD) =>
    b.send('POST', '/console/api/sign-in', { account: ACCOUNT, userName, password });

  it('signs a user in with a password, in an HttpOnly SameSite=Strict cookie, and calls as that user', async () => {
    const b = new ConsoleClient(t.url);
    expect((await b.session()).status).toBe(401);
    const signedIn = await signIn(b, 'alice');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toEqual({ next: 'done' });
    expect(signedIn.setCookie).toMatch(
      /^tessera_console=[A-Za-z0-9_-]{43}; Path=\/console; HttpOnly; SameSite=Strict; Max-Age=43200$/,
    );
    const session = await b.session();
    expect(session.body).toMatchObject({
      account: { id: ACCOUNT },
      identity: { type: 'user', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, name: 'alice' },
      mfaUsed: false,
      recentRoles: [],
    });
    // nothing the browser gets holds the session's credentials
    expect(session.text).not.toMatch(/ASIA|SecretAccessKey|SessionToken/);

    const users = await b.call('iam', 'ListUsers');
    expect(users.status).toBe(200);
    expect(users.body.output!.Users!.map((u) => u.UserName)).toEqual(['alice', 'bob']);
    const who = await b.call('sts', 'GetCallerIdentity');
    expect(who.body.output!.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/alice`);

    const denied = await b.call('iam', 'CreateUser', { UserName: 'mallory' });
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({
      error: {
        code: 'AccessDenied',
        message: `User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${ACCOUNT}:user/mallory because no identity-based policy allows the iam:CreateUser action`,
      },
    });
    const invalid = await b.call('iam', 'GetUser', { UserName: 'x'.repeat(129) });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error!.code).toBe('ValidationError');
  });

  it('refuses a change without the CSRF token, and with another session’s', async () => {
    const a = new ConsoleClient(t.url);
    await signIn(a, 'alice');
    await a.session();
    const noToken = await a.send('POST', '/console/api/call', {
      service: 'iam',
      action: 'ListUsers',
      input: {},
    });
    expect(noToken.status).toBe(403);
    expect(noToken.body.error!.code).toBe('InvalidCsrfToken');
    const other = new ConsoleClient(t.url);
    await signIn(other, 'alice');
    await other.session();
    a.csrf = other.csrf;
    expect((await a.call('iam', 'ListUsers')).status).toBe(403);
    expect((await a.send('POST', '/console/api/sign-out', {})).status).toBe(403);
  });

  it('asks a user with an MFA device for its code, and records that MFA was used', async () => {
    const b = new ConsoleClient(t.url);
    const first = await signIn(b, 'bob');
    expect(first.body.next).toBe('mfa');
    expect(first.setCookie).toBeNull();
    expect((await b.session()).status).toBe(401);
    const wrongCode = await b.send('POST', '/console/api/sign-in/mfa', {
      ticket: first.body.ticket!,
      code: '000000',
    });
    expect(wrongCode.status).toBe(401);
    expect(wrongCode.body.error!.message).toBe(
      'Your authentication information is incorrect. Please try again.',
    );
    const done = await b.send('POST', '/console/api/sign-in/mfa', {
      ticket: first.body.ticket!,
      code: code(),
    });
    expect(done.body).toEqual({ next: 'done' });
    expect((await b.session()).body.mfaUsed).toBe(true);
    const created = await b.call('iam', 'CreateUser', {
      UserName: 'carol',
      Tags: [{ Key: 'team', Value: 'a' }],
    });
    expect(created.status).toBe(200);
    expect(created.body.output!.User!.Tags).toEqual([{ Key: 'team', Value: 'a' }]);
    // the ticket was used: it cannot sign in again
    const again = await b.send('POST', '/console/api/sign-in/mfa', {
      ticket: first.body.ticket!,
      code: code(1),
    });
    expect(again.body.error!.code).toBe('SignInExpired');

    const logins = await consoleLoginEvents(t, ACCOUNT);
    const bobs = logins.filter((e) => e.userIdentity.userName === 'bob');
    // as AWS records them: a failure by its message alone, no error code
    expect(
      bobs.map((e) => [
        e.responseElements?.ConsoleLogin,
        e.errorCode,
        e.errorMessage,
        e.additionalEventData.MFAUsed,
        e.eventType,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['Success', undefined, undefined, 'Yes', 'AwsConsoleSignIn'],
        ['Failure', undefined, 'Failed authentication', 'Yes', 'AwsConsoleSignIn'],
      ]),
    );
    expect(JSON.stringify(logins)).not.toContain(PASSWORD);
  });

  it('refuses a wrong password, an unknown user and an unknown account alike, and locks after three failures', async () => {
    const b = new ConsoleClient(t.url);
    const refusal = {
      status: 401,
      body: {
        error: {
          code: 'InvalidCredentials',
          message: 'Your authentication information is incorrect. Please try again.',
        },
      },
    };
    const answer = async (r: Promise<{ status: number; body: unknown }>) => {
      const { status, body } = await r;
      return { status, body };
    };
    expect(
      await answer(
        b.send('POST', '/console/api/sign-in', { account: ACCOUNT, userName: 'nobody', password: PASSWORD }),
      ),
    ).toEqual(refusal);
    expect(
      await answer(
        b.send('POST', '/console/api/sign-in', {
          account: '999999999999',
          userName: 'alice',
          password: PASSWORD,
        }),
      ),
    ).toEqual(refusal);
    await iamUser('dave');
    for (let i = 0; i < 3; i++) expect(await answer(signIn(b, 'dave', 'Wrong-password-1'))).toEqual(refusal);
    // locked: the right password is refused too, until the lock ends
    expect(await answer(signIn(b, 'dave'))).toEqual(refusal);
    now = new Date(now.getTime() + 301_000);
    expect((await signIn(b, 'dave')).body).toEqual({ next: 'done' });
  });

  async function iamUser(name: string) {
    await t.iam().send(new CreateUserCommand({ UserName: name }));
    await t.iam().send(new CreateLoginProfileCommand({ UserName: name, Password: PASSWORD }));
  }

  it('switches role into an account and back, remembering the role', async () => {
    const b = new ConsoleClient(t.url);
    await signIn(b, 'alice');
    await b.session();
    const switched = await b.post('/console/api/switch-role', {
      account: ACCOUNT,
      roleName: 'admin',
      displayName: 'Admin (prod)',
      color: '#d13212',
    });
    expect(switched.status).toBe(200);
    expect(switched.body.role).toEqual({
      accountId: ACCOUNT,
      roleName: 'admin',
      displayName: 'Admin (prod)',
      color: '#d13212',
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/admin/alice`,
    });
    expect((await b.call('sts', 'GetCallerIdentity')).body.output!.Arn).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/admin/alice`,
    );
    const back = await b.post('/console/api/switch-back');
    expect(back.body.role).toBeUndefined();
    expect(back.body.recentRoles).toEqual([
      { accountId: ACCOUNT, roleName: 'admin', displayName: 'Admin (prod)', color: '#d13212' },
    ]);
    expect((await b.call('sts', 'GetCallerIdentity')).body.output!.Arn).toBe(
      `arn:aws:iam::${ACCOUNT}:user/alice`,
    );
    // a role the user may not assume: AWS's AccessDenied, and the session unchanged
    const refused = await b.post('/console/api/switch-role', { account: ACCOUNT, roleName: 'nope' });
    expect(refused.status).toBe(403);
    expect(refused.body.error!.message).toContain('is not authorized to perform: sts:AssumeRole');
    expect((await b.session()).body.role).toBeUndefined();
  });

  it('makes a user whose password was reset choose a new one, under the password policy, before the session', async () => {
    await iamUser('erin');
    await t
      .iam()
      .send(
        new UpdateLoginProfileCommand({ UserName: 'erin', Password: PASSWORD, PasswordResetRequired: true }),
      );
    await t.iam().send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14 }));
    try {
      const b = new ConsoleClient(t.url);
      const first = await signIn(b, 'erin');
      expect(first.body.next).toBe('change-password');
      expect((await b.session()).status).toBe(401);
      const short = await b.send('POST', '/console/api/sign-in/change-password', {
        ticket: first.body.ticket!,
        newPassword: 'Short-1',
      });
      expect(short.status).toBe(400);
      expect(short.body.error!.message).toBe('Password does not conform to the account password policy.');
      const done = await b.send('POST', '/console/api/sign-in/change-password', {
        ticket: first.body.ticket!,
        newPassword: 'A-much-longer-password-7',
      });
      expect(done.body).toEqual({ next: 'done' });
      expect((await b.session()).body.identity).toMatchObject({ name: 'erin' });
      // the old password is gone, the new one signs in without another change
      expect((await signIn(new ConsoleClient(t.url), 'erin')).status).toBe(401);
      expect((await signIn(new ConsoleClient(t.url), 'erin', 'A-much-longer-password-7')).body).toEqual({
        next: 'done',
      });
    } finally {
      await t.iam().send(new DeleteAccountPasswordPolicyCommand({}));
    }
  });

  it('ends the session server-side at sign-out: the old cookie is refused', async () => {
    const b = new ConsoleClient(t.url);
    await signIn(b, 'alice');
    await b.session();
    const cookie = b.cookie;
    const out = await b.post('/console/api/sign-out');
    expect(out.status).toBe(204);
    expect(out.setCookie).toMatch(/^tessera_console=; .*Max-Age=0/);
    const replay = await fetch(`${t.url}/console/api/session`, { headers: { cookie } });
    expect(replay.status).toBe(401);
  });

  it('serves the app under a strict Content-Security-Policy, never from outside its folder', async () => {
    const moved = await fetch(`${t.url}/console`, { redirect: 'manual' });
    expect([moved.status, moved.headers.get('location')]).toEqual([301, '/console/']);
    const page = await fetch(`${t.url}/console/users/alice`);
    // the built app's index.html, or the page saying it is not built here: both under the policy
    expect([200, 503]).toContain(page.status);
    expect(page.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect((await fetch(`${t.url}/console/assets/nothing.js`)).status).toBe(404);
    expect((await fetch(`${t.url}/console/assets/..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${t.url}/console/`, { method: 'POST' })).status).toBe(405);
    const api = await fetch(`${t.url}/console/api/nothing`);
    expect([api.status, await api.json()]).toEqual([
      404,
      { error: { code: 'NotFound', message: 'No such console API.' } },
    ]);
  });

  it('signs the root in with the password tessera accounts set-root-password gave it', async () => {
    const weak = await runTessera(
      ['accounts', 'set-root-password', ACCOUNT],
      t.config.dataDir,
      t.config.databaseUrl ?? '',
      'short',
    );
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('8 to 128 characters');
    const set = await runTessera(
      ['accounts', 'set-root-password', ACCOUNT, '--sign-in-name', 'Owner@Example.com'],
      t.config.dataDir,
      t.config.databaseUrl ?? '',
      'Root-Password-99\n',
    );
    expect(set.stderr).toBe('');
    expect(set.stdout).toContain('owner@example.com');
    const b = new ConsoleClient(t.url);
    const wrong = await b.send('POST', '/console/api/sign-in', {
      root: 'owner@example.com',
      password: 'Root-Password-98',
    });
    expect(wrong.status).toBe(401);
    const ok = await b.send('POST', '/console/api/sign-in', {
      root: 'OWNER@example.com',
      password: 'Root-Password-99',
    });
    expect(ok.body).toEqual({ next: 'done' });
    expect((await b.session()).body.identity).toEqual({
      type: 'root',
      arn: `arn:aws:iam::${ACCOUNT}:root`,
      name: 'root',
    });
    expect((await b.call('sts', 'GetCallerIdentity')).body.output!.Arn).toBe(`arn:aws:iam::${ACCOUNT}:root`);
    const stored = await t.server.services.store.read((r) =>
      r.consoleSessions.rootPassword('owner@example.com'),
    );
    expect(stored?.password_hash).not.toContain('Root-Password-99');
  }, 120_000);

  it('calls Access Analyzer, CloudTrail and Organizations as the user too, and no other service', async () => {
    now = new Date(now.getTime() + 2 * STEP_MS); // a code bob has not used yet
    const b = new ConsoleClient(t.url);
    const mfa = await signIn(b, 'bob');
    await b.send('POST', '/console/api/sign-in/mfa', { ticket: mfa.body.ticket, code: code(0) });
    await b.session();
    const validated = await b.call('accessanalyzer', 'ValidatePolicy', {
      policyType: 'IDENTITY_POLICY',
      policyDocument:
        '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:GetUsr","Resource":"*"}}',
    });
    expect(validated.body.error).toBeUndefined();
    const findings = (validated.body.output as { findings?: { issueCode: string }[] }).findings;
    expect(findings?.map((f) => f.issueCode)).toContain('INVALID_ACTION');
    await t.server.services.audit!.flush();
    const events = await b.call('cloudtrail', 'LookupEvents', {
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'ConsoleLogin' }],
    });
    expect(events.status).toBe(200);
    expect((events.body.output as { Events?: unknown[] }).Events?.length).toBeGreaterThan(0);
    const org = await b.call('organizations', 'DescribeOrganization');
    expect(org.body.error?.code).toBe('AWSOrganizationsNotInUseException');

    const other = await b.call('sqs', 'ListQueues');
    expect(other.status).toBe(400);
    expect(other.body.error!.code).toBe('InvalidAction');
    // alice's policies allow none of these
    const a = new ConsoleClient(t.url);
    await signIn(a, 'alice');
    await a.session();
    const denied = await a.call('cloudtrail', 'LookupEvents', {});
    expect(denied.body.error!.code).toBe('AccessDeniedException');
  });
});

describe.each(BACKENDS)('a console session of the configured length on %s', (backend: Backend) => {
  it('lasts TESSERA_CONSOLE_SESSION_SECONDS, in the cookie and on the server', async () => {
    let now = new Date();
    const t = await startTestServer(backend, {
      clock: { now: () => now },
      config: { consoleSessionSeconds: 900 },
    });
    try {
      await t.iam().send(new CreateUserCommand({ UserName: 'erin' }));
      await t.iam().send(new CreateLoginProfileCommand({ UserName: 'erin', Password: PASSWORD }));
      const b = new ConsoleClient(t.url);
      const signedIn = await b.send('POST', '/console/api/sign-in', {
        account: ACCOUNT,
        userName: 'erin',
        password: PASSWORD,
      });
      expect(signedIn.setCookie).toMatch(/; Max-Age=900$/);
      const session = await b.session();
      expect(Date.parse(session.body.expiresAt!) - now.getTime()).toBe(900_000);
      now = new Date(now.getTime() + 899_000);
      expect((await b.session()).status).toBe(200);
      now = new Date(now.getTime() + 2_000);
      expect((await b.session()).status).toBe(401);
    } finally {
      await t.destroy();
    }
  });
});
