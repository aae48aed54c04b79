// GetSessionToken, GetFederationToken, GetAccessKeyInfo, DecodeAuthorizationMessage and
// GetCallerIdentity for each kind of caller, over HTTP with the real AWS SDK v3 on each backend.
import {
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
  ListUsersCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  DecodeAuthorizationMessageCommand,
  GetAccessKeyInfoCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeExternalRequest } from '../../src/authz/index.ts';
import { base32Decode, hotp, timeStep } from '../../src/crypto/totp.ts';
import { encodeAuthorizationMessage } from '../../src/authz/authorization-message.ts';
import { rootPrincipal } from '../../src/authn/authenticator.ts';
import {
  awsError,
  BACKENDS,
  startTestServer,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (action: string | string[], resource = '*') =>
  doc([{ Effect: 'Allow', Action: action, Resource: resource }]);

describe.each(BACKENDS)('STS tokens on %s', (backend) => {
  let t: TestServer;
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  let alice: Credentials;
  const opts = (creds: Credentials) => ({
    endpoint: t.url,
    region: 'us-east-1',
    credentials: creds,
    maxAttempts: 1,
  });
  const sts = (creds: Credentials = t.root) => new STSClient(opts(creds));
  const iam = (creds: Credentials = t.root) => new IAMClient(opts(creds));
  const asCreds = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }) => ({
    accessKeyId: c.AccessKeyId!,
    secretAccessKey: c.SecretAccessKey!,
    sessionToken: c.SessionToken!,
  });

  /** The engine's decision for a request another service received, signed with `creds`. */
  const decisionFor = async (creds: Credentials, action: string) => {
    const signer = new SignatureV4({
      service: 'notes',
      region: 'us-east-1',
      credentials: creds,
      sha256: Sha256,
    });
    const signed = await signer.sign({
      method: 'GET',
      protocol: 'http:',
      hostname: 'notes.example',
      path: '/',
      headers: { host: 'notes.example' },
    });
    const answer = await authorizeExternalRequest(
      { services: t.server.services, authenticator: t.server.authenticator },
      {
        request: { method: 'GET', path: '/', headers: signed.headers as Record<string, string> },
        action,
        resource: '*',
      },
    );
    return answer.decision;
  };

  beforeAll(async () => {
    t = await startTestServer(backend, { clock: { now: () => now } });
    await iam().send(new CreateUserCommand({ UserName: 'alice' }));
    await iam().send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'p',
        PolicyDocument: allow(['iam:ListUsers', 'iam:ListRoles', 'sts:GetFederationToken']),
      }),
    );
    const key = (await iam().send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
    alice = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  });
  afterAll(() => t.destroy());

  describe('GetSessionToken', () => {
    it('gives a user a session that reports the user and lasts 12 hours by default', async () => {
      const out = await sts(alice).send(new GetSessionTokenCommand({}));
      expect(out.Credentials!.AccessKeyId).toMatch(/^ASIA/);
      expect(out.Credentials!.Expiration!.getTime()).toBe(now.getTime() + 43_200_000);
      const who = await sts(asCreds(out.Credentials!)).send(new GetCallerIdentityCommand({}));
      expect(who).toMatchObject({ Arn: `arn:aws:iam::${ACCOUNT}:user/alice`, Account: ACCOUNT });
      expect(who.UserId).toMatch(/^AIDA/);
    });

    it('accepts 900 to 129,600 seconds and cuts a root session to one hour', async () => {
      const long = await sts(alice).send(new GetSessionTokenCommand({ DurationSeconds: 129_600 }));
      expect(long.Credentials!.Expiration!.getTime()).toBe(now.getTime() + 129_600_000);
      expect(
        (await awsError(() => sts(alice).send(new GetSessionTokenCommand({ DurationSeconds: 129_601 }))))
          .code,
      ).toBe('ValidationError');
      expect(
        (await awsError(() => sts(alice).send(new GetSessionTokenCommand({ DurationSeconds: 899 })))).code,
      ).toBe('ValidationError');
      const root = await sts().send(new GetSessionTokenCommand({ DurationSeconds: 7200 }));
      expect(root.Credentials!.Expiration!.getTime()).toBe(now.getTime() + 3_600_000);
      const who = await sts(asCreds(root.Credentials!)).send(new GetCallerIdentityCommand({}));
      expect(who.Arn).toBe(`arn:aws:iam::${ACCOUNT}:root`);
    });

    it('is refused to temporary credentials, as AWS words it', async () => {
      const out = await sts(alice).send(new GetSessionTokenCommand({}));
      const e = await awsError(() => sts(asCreds(out.Credentials!)).send(new GetSessionTokenCommand({})));
      expect(e).toMatchObject({
        code: 'AccessDenied',
        status: 403,
        message: 'Cannot call GetSessionToken with session credentials',
      });
    });

    it('cannot call IAM without MFA, and can with it', async () => {
      const plain = asCreds((await sts(alice).send(new GetSessionTokenCommand({}))).Credentials!);
      expect(await awsError(() => iam(plain).send(new ListUsersCommand({})))).toMatchObject({
        code: 'InvalidClientTokenId',
        status: 403,
      });
      const device = (
        await iam().send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice-mfa' }))
      ).VirtualMFADevice!;
      const seed = base32Decode(Buffer.from(device.Base32StringSeed!).toString('ascii'));
      const step = timeStep(now);
      await iam().send(
        new EnableMFADeviceCommand({
          UserName: 'alice',
          SerialNumber: device.SerialNumber!,
          AuthenticationCode1: hotp(seed, step - 2),
          AuthenticationCode2: hotp(seed, step - 1),
        }),
      );
      const bad = await awsError(() =>
        sts(alice).send(
          new GetSessionTokenCommand({ SerialNumber: device.SerialNumber!, TokenCode: hotp(seed, step - 5) }),
        ),
      );
      expect(bad).toMatchObject({
        code: 'AccessDenied',
        message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
      });
      const out = await sts(alice).send(
        new GetSessionTokenCommand({ SerialNumber: device.SerialNumber!, TokenCode: hotp(seed, step) }),
      );
      const users = await iam(asCreds(out.Credentials!)).send(new ListUsersCommand({}));
      expect(users.Users!.map((u) => u.UserName)).toContain('alice');
    });
  });

  describe('GetFederationToken', () => {
    it('names the federated user and allows only what both the user and the passed policy allow', async () => {
      const out = await sts(alice).send(
        new GetFederationTokenCommand({
          Name: 'fed-bob',
          Policy: allow(['iam:ListUsers', 'iam:CreateUser']),
        }),
      );
      expect(out.FederatedUser).toEqual({
        FederatedUserId: `${ACCOUNT}:fed-bob`,
        Arn: `arn:aws:sts::${ACCOUNT}:federated-user/fed-bob`,
      });
      expect(out.PackedPolicySize).toBeGreaterThan(0);
      expect(out.Credentials!.Expiration!.getTime()).toBe(now.getTime() + 43_200_000);
      const creds = asCreds(out.Credentials!);
      expect((await sts(creds).send(new GetCallerIdentityCommand({}))).Arn).toBe(
        `arn:aws:sts::${ACCOUNT}:federated-user/fed-bob`,
      );
      // decided for another service that received a request signed with these credentials
      expect(await decisionFor(creds, 'iam:ListUsers')).toBe('Allow'); // user ∩ policy
      expect(await decisionFor(creds, 'iam:ListRoles')).toBe('ImplicitDeny'); // user only
      expect(await decisionFor(creds, 'iam:CreateUser')).toBe('ImplicitDeny'); // policy only
    });

    it('refuses every IAM call and every STS call but GetCallerIdentity to a federated user', async () => {
      const out = await sts(alice).send(
        new GetFederationTokenCommand({ Name: 'fed-iam', Policy: allow(['iam:*', 'sts:*']) }),
      );
      const creds = asCreds(out.Credentials!);
      expect(await decisionFor(creds, 'iam:ListUsers')).toBe('Allow');
      const e = await awsError(() => iam(creds).send(new ListUsersCommand({})));
      expect(e).toMatchObject({ code: 'InvalidClientTokenId', status: 403 });
      const info = await awsError(() =>
        sts(creds).send(new GetAccessKeyInfoCommand({ AccessKeyId: alice.accessKeyId })),
      );
      expect(info).toMatchObject({
        code: 'AccessDenied',
        message: 'Cannot call GetAccessKeyInfo with session credentials',
      });
    });

    it("lets the root's federated user do what its session policy allows", async () => {
      const out = await sts().send(
        new GetFederationTokenCommand({ Name: 'root-fed', Policy: allow('iam:ListRoles') }),
      );
      const creds = asCreds(out.Credentials!);
      expect(await decisionFor(creds, 'iam:ListRoles')).toBe('Allow');
      expect(await decisionFor(creds, 'iam:ListUsers')).toBe('ImplicitDeny');
    });

    it('gives no permissions when no policy is passed, and accepts managed policy ARNs', async () => {
      const none = asCreds(
        (await sts(alice).send(new GetFederationTokenCommand({ Name: 'nobody' }))).Credentials!,
      );
      expect(await decisionFor(none, 'iam:ListUsers')).toBe('ImplicitDeny');
      const policy = await iam().send(
        new CreatePolicyCommand({ PolicyName: 'list-users', PolicyDocument: allow('iam:ListUsers') }),
      );
      const out = await sts(alice).send(
        new GetFederationTokenCommand({ Name: 'managed', PolicyArns: [{ arn: policy.Policy!.Arn! }] }),
      );
      expect(await decisionFor(asCreds(out.Credentials!), 'iam:ListUsers')).toBe('Allow');
    });

    it('needs sts:GetFederationToken and is refused to session credentials', async () => {
      await iam().send(new CreateUserCommand({ UserName: 'nopol' }));
      const key = (await iam().send(new CreateAccessKeyCommand({ UserName: 'nopol' }))).AccessKey!;
      const nopol = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
      const denied = await awsError(() => sts(nopol).send(new GetFederationTokenCommand({ Name: 'x1' })));
      expect(denied).toMatchObject({ code: 'AccessDenied', status: 403 });
      expect(denied.message).toContain(
        `sts:GetFederationToken on resource: arn:aws:sts::${ACCOUNT}:federated-user/x1`,
      );
      const session = asCreds(
        (await sts(alice).send(new GetFederationTokenCommand({ Name: 'fed2', Policy: allow('*') })))
          .Credentials!,
      );
      expect(
        await awsError(() => sts(session).send(new GetFederationTokenCommand({ Name: 'x2' }))),
      ).toMatchObject({
        code: 'AccessDenied',
        message: 'Cannot call GetFederationToken with session credentials',
      });
    });
  });

  describe('GetAccessKeyInfo', () => {
    it('answers the account of long-lived, temporary and unknown keys', async () => {
      expect(
        (await sts().send(new GetAccessKeyInfoCommand({ AccessKeyId: alice.accessKeyId }))).Account,
      ).toBe(ACCOUNT);
      const temp = (await sts(alice).send(new GetSessionTokenCommand({}))).Credentials!;
      expect(
        (await sts().send(new GetAccessKeyInfoCommand({ AccessKeyId: temp.AccessKeyId! }))).Account,
      ).toBe(ACCOUNT);
      // an id this server never issued is answered from its encoding, as AWS answers
      expect(
        (await sts().send(new GetAccessKeyInfoCommand({ AccessKeyId: 'ASIAY34FZKBOKMUTVV7A' }))).Account,
      ).toBe('609629065308');
    });

    it('needs sts:GetAccessKeyInfo', async () => {
      const e = await awsError(() =>
        sts(alice).send(new GetAccessKeyInfoCommand({ AccessKeyId: alice.accessKeyId })),
      );
      expect(e).toMatchObject({ code: 'AccessDenied', status: 403 });
    });
  });

  describe('DecodeAuthorizationMessage', () => {
    it('decodes a message this server encoded, for a caller allowed to', async () => {
      const encoded = encodeAuthorizationMessage(
        t.server.services,
        {
          principal: rootPrincipal(ACCOUNT),
          action: 'iam:DeleteUser',
          resource: `arn:aws:iam::${ACCOUNT}:user/alice`,
          request: { now, sourceIp: '127.0.0.1', secureTransport: false, region: 'us-east-1' },
        },
        {
          decision: 'ExplicitDeny',
          reason: { policyType: 'identity', explicit: true },
          matchedStatements: [{ policyId: 'p', sid: 'NoDelete', effect: 'Deny' }],
        },
      );
      const out = await sts().send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }));
      const decoded = JSON.parse(out.DecodedMessage!) as Record<string, unknown>;
      expect(decoded).toMatchObject({
        allowed: false,
        explicitDeny: true,
        context: {
          action: 'iam:DeleteUser',
          resource: `arn:aws:iam::${ACCOUNT}:user/alice`,
          principal: { arn: `arn:aws:iam::${ACCOUNT}:root` },
        },
      });
      expect(JSON.stringify(decoded.matchedStatements)).toContain('NoDelete');
      const denied = await awsError(() =>
        sts(alice).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded })),
      );
      expect(denied).toMatchObject({ code: 'AccessDenied', status: 403 });
    });

    it('refuses a message it did not encode', async () => {
      const e = await awsError(() =>
        sts().send(new DecodeAuthorizationMessageCommand({ EncodedMessage: 'v1.junk.junk.junk' })),
      );
      expect(e).toMatchObject({ code: 'InvalidAuthorizationMessageException', status: 400 });
    });
  });
});
