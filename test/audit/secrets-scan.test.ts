// No secret reaches the audit trail: a run through every call that takes or returns one — access keys,
// console passwords (set, reset, changed), virtual MFA seeds and codes (enable, resync, GetSessionToken,
// AssumeRole with MFA), role and federation sessions, web identity tokens and SAML assertions, refused
// attempts included — then a scan of every stored column of every event for each secret, raw and in
// base64, as CloudTrail leaves them out.
import {
  ChangePasswordCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  PutUserPolicyCommand,
  ResyncMFADeviceCommand,
  UpdateLoginProfileCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  AssumeRoleCommand,
  AssumeRoleWithSAMLCommand,
  AssumeRoleWithWebIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, hotp, timeStep } from '../../src/crypto/totp.ts';
import { OidcKeySource, useKeySource } from '../../src/federation/oidc/key-source.ts';
import { startTestIssuer, type TestIssuer } from '../../src/federation/oidc/test-issuer.ts';
import { generateDevIdp, idpMetadataXml, signedSamlResponse } from '../../src/federation/saml/dev-idp.ts';
import {
  awsError,
  BACKENDS,
  startTestServer,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

describe.each(BACKENDS)('secrets in the audit trail on %s', (backend) => {
  let t: TestServer;
  let issuer: TestIssuer;
  let now = new Date(Math.floor(Date.now() / 30_000) * 30_000 + 1000);
  const secrets = new Map<string, string>();
  const keep = (label: string, value: string | undefined) => {
    expect(value, label).toBeTruthy();
    secrets.set(label, value!);
  };
  const client = (creds?: Credentials) => ({
    endpoint: t.url,
    region: 'us-east-1',
    maxAttempts: 1,
    systemClockOffset: now.getTime() - Date.now(),
    ...(creds ? { credentials: creds } : {}),
  });
  const sts = (creds?: Credentials) => new STSClient(client(creds));
  const keepSession = (
    label: string,
    c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string },
  ) => {
    keep(`${label} secret`, c.SecretAccessKey);
    keep(`${label} session token`, c.SessionToken);
    return {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    };
  };

  beforeAll(async () => {
    issuer = await startTestIssuer({ clock: { now: () => now } });
    t = await startTestServer(backend, { dev: true, clock: { now: () => now } });
    useKeySource(t.server.services, new OidcKeySource({ dev: true, cooldownMs: 0 }));
    const iam = t.iam();
    await iam.send(
      new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 12, AllowUsersToChangePassword: true }),
    );
    await iam.send(new CreateUserCommand({ UserName: 'ivy' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'ivy',
        PolicyName: 'p',
        PolicyDocument: doc([{ Effect: 'Allow', Action: ['sts:*', 'iam:ChangePassword'], Resource: '*' }]),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'ivy' }))).AccessKey!;
    keep('access key secret', key.SecretAccessKey);
    const ivy = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };

    // console passwords: set, reset by an administrator, changed by the user, and a wrong old one
    await iam.send(new CreateLoginProfileCommand({ UserName: 'ivy', Password: 'First-Password-1a' }));
    keep('first password', 'First-Password-1a');
    await iam.send(new UpdateLoginProfileCommand({ UserName: 'ivy', Password: 'Second-Password-2b' }));
    keep('second password', 'Second-Password-2b');
    const asIvy = t.iam(ivy);
    await asIvy.send(
      new ChangePasswordCommand({ OldPassword: 'Second-Password-2b', NewPassword: 'Third-Password-3c' }),
    );
    keep('third password', 'Third-Password-3c');
    await awsError(() =>
      asIvy.send(
        new ChangePasswordCommand({ OldPassword: 'Wrong-Password-4d', NewPassword: 'Fourth-Password-5e' }),
      ),
    );
    keep('wrong password', 'Wrong-Password-4d');
    keep('refused new password', 'Fourth-Password-5e');

    // a virtual MFA device: its seed and QR code, the codes that enable and resync it, and session codes
    const device = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'ivy' })))
      .VirtualMFADevice!;
    const seedText = Buffer.from(device.Base32StringSeed!).toString('ascii');
    keep('MFA seed', seedText);
    keep('MFA QR code', Buffer.from(device.QRCodePNG!).toString('base64'));
    const seed = base32Decode(seedText);
    const step = timeStep(now);
    const codes = [hotp(seed, step - 1), hotp(seed, step)];
    await iam.send(
      new EnableMFADeviceCommand({
        UserName: 'ivy',
        SerialNumber: device.SerialNumber!,
        AuthenticationCode1: codes[0]!,
        AuthenticationCode2: codes[1]!,
      }),
    );
    now = new Date(now.getTime() + 60_000);
    const resync = [hotp(seed, timeStep(now) - 1), hotp(seed, timeStep(now))];
    await iam.send(
      new ResyncMFADeviceCommand({
        UserName: 'ivy',
        SerialNumber: device.SerialNumber!,
        AuthenticationCode1: resync[0]!,
        AuthenticationCode2: resync[1]!,
      }),
    );
    now = new Date(now.getTime() + 30_000);
    const sessionCode = hotp(seed, timeStep(now));
    const session = await sts(ivy).send(
      new GetSessionTokenCommand({ SerialNumber: device.SerialNumber!, TokenCode: sessionCode }),
    );
    keepSession('GetSessionToken', session.Credentials!);
    now = new Date(now.getTime() + 30_000);

    // a role session by MFA, chained, and a federation token
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'vault',
        AssumeRolePolicyDocument: doc([
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' },
        ]),
      }),
    );
    const roleCode = hotp(seed, timeStep(now));
    const role = await sts(ivy).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/vault`,
        RoleSessionName: 'ivy',
        SerialNumber: device.SerialNumber!,
        TokenCode: roleCode,
      }),
    );
    keepSession('AssumeRole', role.Credentials!);
    const fed = await sts(ivy).send(new GetFederationTokenCommand({ Name: 'ivy-fed' }));
    keepSession('GetFederationToken', fed.Credentials!);
    // every code used stands for the codes any event might have held
    [...codes, ...resync, sessionCode, roleCode].forEach((c, i) => keep(`MFA code ${i}`, c));

    // web identity: a token that works and one that is refused
    const providerArn = (
      await iam.send(
        new CreateOpenIDConnectProviderCommand({ Url: issuer.url, ClientIDList: ['sts.amazonaws.com'] }),
      )
    ).OpenIDConnectProviderArn!;
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'ci',
        AssumeRolePolicyDocument: doc([
          { Effect: 'Allow', Principal: { Federated: providerArn }, Action: 'sts:AssumeRoleWithWebIdentity' },
        ]),
      }),
    );
    const token = await issuer.mint({ sub: 'pipeline', aud: 'sts.amazonaws.com' });
    keep('web identity token', token);
    const web = await sts().send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/ci`,
        RoleSessionName: 'ci',
        WebIdentityToken: token,
      }),
    );
    keepSession('AssumeRoleWithWebIdentity', web.Credentials!);
    const badToken = await issuer.mint({ sub: 'pipeline', aud: 'someone-else' });
    keep('refused web identity token', badToken);
    await awsError(() =>
      sts().send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: `arn:aws:iam::${ACCOUNT}:role/ci`,
          RoleSessionName: 'ci',
          WebIdentityToken: badToken,
        }),
      ),
    );

    // SAML: an assertion that works
    const idp = generateDevIdp('https://idp.secrets.example/saml');
    const samlArn = (
      await iam.send(
        new CreateSAMLProviderCommand({ Name: 'Corp', SAMLMetadataDocument: idpMetadataXml(idp) }),
      )
    ).SAMLProviderArn!;
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'saml',
        AssumeRolePolicyDocument: doc([
          { Effect: 'Allow', Principal: { Federated: samlArn }, Action: 'sts:AssumeRoleWithSAML' },
        ]),
      }),
    );
    const assertion = signedSamlResponse(idp, {
      roles: [{ roleArn: `arn:aws:iam::${ACCOUNT}:role/saml`, providerArn: samlArn }],
      subject: 'ivy@corp.example',
      roleSessionName: 'ivy',
      now,
    });
    keep('SAML assertion', assertion);
    const saml = await sts().send(
      new AssumeRoleWithSAMLCommand({
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/saml`,
        PrincipalArn: samlArn,
        SAMLAssertion: assertion,
      }),
    );
    keepSession('AssumeRoleWithSAML', saml.Credentials!);
    await t.server.services.audit!.flush();
  });
  afterAll(async () => {
    await t.destroy();
    await issuer.close();
  });

  it('recorded the run: every call that carried a secret has its event', async () => {
    const names = new Set(
      (await t.server.store.read((r) => r.auditEvents.lookup({ accountId: ACCOUNT, limit: 1000 }))).map(
        (e) => e.eventName,
      ),
    );
    for (const name of [
      'CreateAccessKey',
      'CreateLoginProfile',
      'UpdateLoginProfile',
      'ChangePassword',
      'CreateVirtualMFADevice',
      'EnableMFADevice',
      'ResyncMFADevice',
      'GetSessionToken',
      'AssumeRole',
      'GetFederationToken',
      'AssumeRoleWithWebIdentity',
      'AssumeRoleWithSAML',
    ])
      expect(names, name).toContain(name);
  });

  it('holds none of the secrets, raw or in base64, in any column of any event', async () => {
    const rows = await t.server.store.read((r) => r.auditEvents.inOrder({ limit: 100_000 }));
    expect(rows.length).toBeGreaterThan(20);
    const stored = JSON.stringify(rows);
    const found: string[] = [];
    for (const [label, secret] of secrets) {
      const forms = [
        secret,
        Buffer.from(secret).toString('base64'),
        Buffer.from(secret).toString('base64url'),
      ];
      // MFA codes are six digits: look for them as JSON string values, where a parameter would put them
      const hits = /^\d{6}$/.test(secret)
        ? stored.includes(`\\"${secret}\\"`)
        : forms.some((f) => f.length >= 12 && stored.includes(f));
      if (hits) found.push(label);
    }
    expect(found).toEqual([]);
  });
});
