// The JSON request log: one line per request with the fields an operator follows a request by, a
// client that goes away is one quiet line, methods other than GET and POST are refused, and no
// secret the run created ever reaches the log.
import {
  ChangePasswordCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
  ListUsersCommand,
  PutUserPolicyCommand,
  UpdateLoginProfileCommand,
} from '@aws-sdk/client-iam';
import {
  AssumeRoleCommand,
  AssumeRoleWithSAMLCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, hotp, timeStep } from '../../src/crypto/totp.ts';
import { awsError, BACKENDS, ROOT, startTestServer, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';

describe.each(BACKENDS)('the request log on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend, { config: { logLevel: 'trace' } });
  });
  afterAll(() => t.destroy());

  it('writes one JSON line per request with id, account, principal, action, decision, status and latency', async () => {
    await t.iam().send(new ListUsersCommand({}));
    const line = t.log.lines().find((l) => l.action === 'ListUsers' && l.status === 200);
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      service: 'iam',
      method: 'POST',
      path: '/',
      accountId: ACCOUNT,
      principalArn: `arn:aws:iam::${ACCOUNT}:root`,
      accessKeyId: ROOT.accessKeyId,
      decision: 'Allow',
      sourceIp: '127.0.0.1',
    });
    expect(line!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof line!.latencyMs).toBe('number');
    expect(typeof line!.time).toBe('string');
  });

  it('records a refusal as decision Deny with its error code', async () => {
    await t.iam().send(new CreateUserCommand({ UserName: 'nobody' }));
    const key = (await t.iam().send(new CreateAccessKeyCommand({ UserName: 'nobody' }))).AccessKey!;
    const as = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    const e = await awsError(() => t.iam(as).send(new ListUsersCommand({})));
    expect(e.code).toBe('AccessDenied');
    const line = t.log.lines().find((l) => l.accessKeyId === as.accessKeyId && l.action === 'ListUsers');
    expect(line).toMatchObject({
      status: 403,
      decision: 'Deny',
      errorCode: 'AccessDenied',
      principalArn: `arn:aws:iam::${ACCOUNT}:user/nobody`,
    });
  });

  it.each(['PUT', 'DELETE', 'PATCH'])(
    'refuses %s to / with 405 in AWS error shape and runs nothing',
    async (method) => {
      const url = new URL(t.url);
      const body = `Action=CreateUser&Version=2010-05-08&UserName=by-${method.toLowerCase()}`;
      const signer = new SignatureV4({
        credentials: ROOT,
        region: 'us-east-1',
        service: 'iam',
        sha256: Sha256,
      });
      const signed = await signer.sign({
        method,
        protocol: 'http:',
        hostname: url.hostname,
        port: Number(url.port),
        path: '/',
        headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body,
      });
      const res = await fetch(t.url, { method, headers: signed.headers, body });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, POST');
      const text = await res.text();
      expect(text).toMatch(/^<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/">/);
      expect(text).toContain('<Code>MethodNotAllowed</Code>');
      expect(text).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId>/);
      const users = await t.iam().send(new ListUsersCommand({}));
      expect(users.Users!.map((u) => u.UserName)).not.toContain(`by-${method.toLowerCase()}`);
    },
  );

  it('logs a client that goes away mid-body as one quiet line, without a stack', async () => {
    const before = t.log.text().length;
    const url = new URL(t.url);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(
          'POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-www-form-urlencoded\r\n' +
            'content-length: 100000\r\n\r\nAction=ListUsers&',
        );
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
    });
    await expect.poll(() => t.log.text().length > before, { timeout: 2000 }).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    const written = t.log.text().slice(before);
    const lines = written.trim().split('\n');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'info', msg: 'request aborted', status: 499, method: 'POST' });
    expect(written).not.toMatch(/\n\s+at |stack/);
  });

  it('answers an oversized body with 413 and logs it as one line', async () => {
    const before = t.log.text().length;
    const res = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListUsers&x=' + 'a'.repeat(2 * 1024 * 1024),
    }).catch(() => undefined);
    if (res) expect(res.status).toBe(413);
    await expect.poll(() => t.log.text().length > before, { timeout: 2000 }).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    const written = t.log.text().slice(before).trim().split('\n');
    expect(written).toHaveLength(1);
    expect(written[0]).not.toMatch(/stack/);
  });

  it('never logs a secret the run created: key secrets, passwords, MFA seeds and codes, session credentials, tokens', async () => {
    const secrets: string[] = [ROOT.secretAccessKey];
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'carol' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'carol',
        PolicyName: 'all',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
        }),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'carol' }))).AccessKey!;
    secrets.push(key.SecretAccessKey!);
    const carol = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };

    const password1 = 'Correct-Horse-Battery-1';
    const password2 = 'Staple-Purple-Monkey-22';
    const password3 = 'Lamp-Orbit-Glacier-333';
    secrets.push(password1, password2, password3);
    await iam.send(new CreateLoginProfileCommand({ UserName: 'carol', Password: password1 }));
    await t.iam(carol).send(new ChangePasswordCommand({ OldPassword: password1, NewPassword: password2 }));
    await awsError(() =>
      t
        .iam(carol)
        .send(new ChangePasswordCommand({ OldPassword: 'Wrong-Guess-0000', NewPassword: password3 })),
    );
    await iam.send(new UpdateLoginProfileCommand({ UserName: 'carol', Password: password3 }));

    const device = (
      await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'carol-phone' }))
    ).VirtualMFADevice!;
    const seedText = Buffer.from(device.Base32StringSeed!).toString('ascii');
    secrets.push(seedText);
    const seed = base32Decode(seedText);
    const step = timeStep(new Date());
    const code1 = hotp(seed, step - 1);
    const code2 = hotp(seed, step);
    await iam.send(
      new EnableMFADeviceCommand({
        UserName: 'carol',
        SerialNumber: device.SerialNumber!,
        AuthenticationCode1: code1,
        AuthenticationCode2: code2,
      }),
    );
    const code3 = hotp(seed, step + 1);
    const session = (
      await t
        .sts(carol)
        .send(new GetSessionTokenCommand({ SerialNumber: device.SerialNumber!, TokenCode: code3 }))
    ).Credentials!;
    secrets.push(session.SecretAccessKey!, session.SessionToken!);

    await iam.send(
      new CreateRoleCommand({
        RoleName: 'logged-role',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/carol` },
              Action: 'sts:AssumeRole',
            },
          ],
        }),
      }),
    );
    const assumed = (
      await t.sts(carol).send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${ACCOUNT}:role/logged-role`,
          RoleSessionName: 'logged',
          ExternalId: 'external-id-not-secret',
        }),
      )
    ).Credentials!;
    secrets.push(assumed.SecretAccessKey!, assumed.SessionToken!);
    const roleCreds = {
      accessKeyId: assumed.AccessKeyId!,
      secretAccessKey: assumed.SecretAccessKey!,
      sessionToken: assumed.SessionToken!,
    };
    await t.sts(roleCreds).send(new GetCallerIdentityCommand({}));
    const federated = (
      await t.sts(carol).send(
        new GetFederationTokenCommand({
          Name: 'fed',
          Policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }],
          }),
        }),
      )
    ).Credentials!;
    secrets.push(federated.SecretAccessKey!, federated.SessionToken!);

    // bearer material offered to unauthenticated actions, and a wrong secret
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJub3QtbG9nZ2VkLXN1YmplY3QifQ.c2lnbmF0dXJlLW5vdC1sb2dnZWQ';
    const saml = Buffer.from('<samlp:Response>assertion-not-logged</samlp:Response>').toString('base64');
    secrets.push(jwt, saml);
    const anonymous = new STSClient({
      endpoint: t.url,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: 'AKIAUNUSED0000000000', secretAccessKey: 'unused' },
    });
    await awsError(() =>
      anonymous.send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: `arn:aws:iam::${ACCOUNT}:role/logged-role`,
          RoleSessionName: 'w',
          WebIdentityToken: jwt,
        }),
      ),
    );
    await awsError(() =>
      anonymous.send(
        new AssumeRoleWithSAMLCommand({
          RoleArn: `arn:aws:iam::${ACCOUNT}:role/logged-role`,
          PrincipalArn: `arn:aws:iam::${ACCOUNT}:saml-provider/none`,
          SAMLAssertion: saml,
        }),
      ),
    );
    const wrongSecret = 'w'.repeat(40);
    secrets.push(wrongSecret);
    await awsError(() =>
      new IAMClient({
        endpoint: t.url,
        region: 'us-east-1',
        maxAttempts: 1,
        credentials: { accessKeyId: carol.accessKeyId, secretAccessKey: wrongSecret },
      }).send(new ListUsersCommand({})),
    );

    const log = t.log.text();
    expect(log.length).toBeGreaterThan(1000);
    // the run itself is in the log (so the scan is of something) …
    expect(log).toContain('"action":"AssumeRole"');
    expect(log).toContain('"action":"CreateVirtualMFADevice"');
    // … and none of its secrets, nor the MFA codes, are
    for (const secret of [...secrets, code1, code2, code3])
      expect(log.includes(secret), `secret ${secret.slice(0, 6)}… is in the log`).toBe(false);
  });
});
