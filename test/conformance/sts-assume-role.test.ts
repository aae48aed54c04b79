// AssumeRole over HTTP with the real AWS SDK v3 on each backend: trust and identity policies,
// durations, chaining, session policies and tags, ExternalId, MFA, expiry, tampering, key
// rotation, revocation and cross-account access. Time is a controllable clock, never waited for.
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetRoleCommand,
  IAMClient,
  ListRolesCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LastUsedBuffer } from '../../src/authn/last-used.ts';
import { rotateSessionKeys } from '../../src/authn/session-key-ring.ts';
import { base32Decode, hotp, timeStep } from '../../src/crypto/totp.ts';
import { ensureAccount } from '../../src/domain/accounts.ts';
import { revokeOlderSessions } from '../../src/sts/revoke-sessions.ts';
import {
  awsError,
  BACKENDS,
  startTestServer,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const OTHER = '210987654321';
const OTHER_ROOT = {
  accessKeyId: 'AKIAOTHERROOTKEY0001',
  secretAccessKey: 'otherrootsecretotherrootsecretotherroot1',
};

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (action: string | string[], resource = '*') =>
  doc([{ Effect: 'Allow', Action: action, Resource: resource }]);
const trustAws = (principal: string, extra: object = {}, actions: string | string[] = 'sts:AssumeRole') =>
  doc([{ Effect: 'Allow', Principal: { AWS: principal }, Action: actions, ...extra }]);

describe.each(BACKENDS)('AssumeRole on %s', (backend) => {
  let t: TestServer;
  let now = new Date(Math.floor(Date.now() / 1000) * 1000);
  let alice: Credentials;
  let bob: Credentials;
  const opts = (creds: Credentials) => ({
    endpoint: t.url,
    region: 'us-east-1',
    credentials: creds,
    maxAttempts: 1,
    systemClockOffset: now.getTime() - Date.now(),
  });
  const sts = (creds: Credentials = t.root) => new STSClient(opts(creds));
  const iam = (creds: Credentials = t.root) => new IAMClient(opts(creds));
  const roleArn = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;
  const asCreds = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }) => ({
    accessKeyId: c.AccessKeyId!,
    secretAccessKey: c.SecretAccessKey!,
    sessionToken: c.SessionToken!,
  });
  const assume = async (
    creds: Credentials,
    input: Omit<ConstructorParameters<typeof AssumeRoleCommand>[0], 'RoleSessionName'> & {
      RoleSessionName?: string;
    },
  ) => {
    const out = await sts(creds).send(new AssumeRoleCommand({ RoleSessionName: 's1', ...input }));
    return { out, creds: asCreds(out.Credentials!) };
  };

  async function newUser(name: string, policy?: string): Promise<Credentials> {
    await iam().send(new CreateUserCommand({ UserName: name }));
    if (policy)
      await iam().send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policy }));
    const key = (await iam().send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
    return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  }
  async function newRole(name: string, trust: string, policy?: string, max?: number) {
    await iam().send(
      new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust, MaxSessionDuration: max }),
    );
    if (policy)
      await iam().send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'p', PolicyDocument: policy }));
  }

  beforeAll(async () => {
    t = await startTestServer(backend, { clock: { now: () => now } });
    alice = await newUser('alice', allow(['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity']));
    bob = await newUser('bob');
    await newRole(
      'app',
      trustAws(`arn:aws:iam::${ACCOUNT}:root`, {}, [
        'sts:AssumeRole',
        'sts:TagSession',
        'sts:SetSourceIdentity',
      ]),
      doc([
        {
          Effect: 'Allow',
          Action: [
            'iam:ListUsers',
            'iam:ListRoles',
            'sts:AssumeRole',
            'sts:TagSession',
            'sts:SetSourceIdentity',
          ],
          Resource: '*',
        },
      ]),
      7200,
    );
  });
  afterAll(() => t.destroy());

  it('issues ASIA credentials whose caller is the assumed-role session, acting with the role policy', async () => {
    const { out, creds } = await assume(alice, { RoleArn: roleArn('app'), RoleSessionName: 'build-42' });
    expect(out.Credentials!.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(out.Credentials!.SecretAccessKey).toHaveLength(40);
    expect(out.Credentials!.Expiration!.getTime()).toBe(now.getTime() + 3600_000);
    expect(out.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/app/build-42`);
    expect(out.AssumedRoleUser!.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:build-42$/);
    expect(out.PackedPolicySize).toBeUndefined();
    const who = await sts(creds).send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({
      Account: ACCOUNT,
      Arn: out.AssumedRoleUser!.Arn,
      UserId: out.AssumedRoleUser!.AssumedRoleId,
    });
    expect((await iam(creds).send(new ListUsersCommand({}))).Users!.length).toBeGreaterThan(0);
    const role = await iam().send(new GetRoleCommand({ RoleName: 'app' }));
    expect(role.Role!.RoleLastUsed?.LastUsedDate?.getTime()).toBe(now.getTime());
    expect(role.Role!.RoleLastUsed?.Region).toBe('us-east-1');
    // buffered, not written per AssumeRole: the next flush stores it
    await (t.server.services.lastUsed as LastUsedBuffer).flush();
    const row = await t.server.store.read((r) => r.roles.byName(ACCOUNT, 'app'));
    expect(row?.last_used_at).toBe(now.toISOString());
  });

  it('refuses a role that does not exist exactly as one the caller may not assume', async () => {
    const e = await awsError(() => assume(alice, { RoleArn: roleArn('nope') }));
    expect(e).toMatchObject({ code: 'AccessDenied', status: 403 });
    expect(e.message).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: sts:AssumeRole on resource: ${roleArn('nope')}`,
    );
  });

  it('needs the trust policy to allow the caller, and an identity policy when it trusts only the account', async () => {
    await newUser('carol');
    await newRole('closed', trustAws(`arn:aws:iam::${ACCOUNT}:user/carol`));
    const closed = await awsError(() => assume(alice, { RoleArn: roleArn('closed') }));
    expect(closed).toMatchObject({ code: 'AccessDenied', status: 403 });
    expect(closed.message).toContain('is not authorized to perform: sts:AssumeRole on resource');
    // bob has no policy: trusting the account is not enough …
    expect((await awsError(() => assume(bob, { RoleArn: roleArn('app') }))).code).toBe('AccessDenied');
    // … but a trust policy naming bob himself is
    await newRole('bobs', trustAws(`arn:aws:iam::${ACCOUNT}:user/bob`));
    const { out } = await assume(bob, { RoleArn: roleArn('bobs') });
    expect(out.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/bobs/s1`);
  });

  it('bounds DurationSeconds by 900 and the role MaxSessionDuration', async () => {
    const { out } = await assume(alice, { RoleArn: roleArn('app'), DurationSeconds: 7200 });
    expect(out.Credentials!.Expiration!.getTime()).toBe(now.getTime() + 7200_000);
    const over = await awsError(() => assume(alice, { RoleArn: roleArn('app'), DurationSeconds: 7201 }));
    expect(over).toMatchObject({
      code: 'ValidationError',
      status: 400,
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    });
    const under = await awsError(() => assume(alice, { RoleArn: roleArn('app'), DurationSeconds: 899 }));
    expect(under).toMatchObject({ code: 'ValidationError', status: 400 });
  });

  it('checks sts:ExternalId against the trust policy', async () => {
    await newRole(
      'vendor',
      trustAws(`arn:aws:iam::${ACCOUNT}:root`, {
        Condition: { StringEquals: { 'sts:ExternalId': 'ext-123' } },
      }),
    );
    expect((await awsError(() => assume(alice, { RoleArn: roleArn('vendor') }))).code).toBe('AccessDenied');
    expect(
      (await awsError(() => assume(alice, { RoleArn: roleArn('vendor'), ExternalId: 'wrong' }))).code,
    ).toBe('AccessDenied');
    const { out } = await assume(alice, { RoleArn: roleArn('vendor'), ExternalId: 'ext-123' });
    expect(out.Credentials!.AccessKeyId).toMatch(/^ASIA/);
  });

  it('caps role chaining at one hour with AWS text, and keeps the source identity', async () => {
    const first = await assume(alice, { RoleArn: roleArn('app'), SourceIdentity: 'alice@corp' });
    expect(first.out.SourceIdentity).toBe('alice@corp');
    const chained = await awsError(() =>
      assume(first.creds, { RoleArn: roleArn('app'), DurationSeconds: 3601 }),
    );
    expect(chained).toMatchObject({
      code: 'ValidationError',
      status: 400,
      message:
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    });
    const second = await assume(first.creds, { RoleArn: roleArn('app'), RoleSessionName: 'hop' });
    expect(second.out.SourceIdentity).toBe('alice@corp');
    expect(second.out.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/app/hop`);
    const changed = await awsError(() =>
      assume(first.creds, { RoleArn: roleArn('app'), SourceIdentity: 'mallory' }),
    );
    expect(changed).toMatchObject({ code: 'AccessDenied', status: 403 });
  });

  it('narrows the session to its session policy and reports the packed size', async () => {
    const { out, creds } = await assume(alice, { RoleArn: roleArn('app'), Policy: allow('iam:ListUsers') });
    expect(out.PackedPolicySize).toBeGreaterThan(0);
    expect(out.PackedPolicySize).toBeLessThanOrEqual(100);
    await iam(creds).send(new ListUsersCommand({}));
    const denied = await awsError(() => iam(creds).send(new ListRolesCommand({})));
    expect(denied).toMatchObject({ code: 'AccessDenied', status: 403 });
    expect(denied.message).toContain(`assumed-role/app/s1 is not authorized to perform: iam:ListRoles`);
  });

  it('refuses a malformed session policy, a missing policy ARN and an oversized packed policy', async () => {
    const bad = await awsError(() =>
      assume(alice, { RoleArn: roleArn('app'), Policy: '{"Version":"2012-10-17"}' }),
    );
    expect(bad).toMatchObject({ code: 'MalformedPolicyDocument', status: 400 });
    const missing = await awsError(() =>
      assume(alice, {
        RoleArn: roleArn('app'),
        PolicyArns: [{ arn: `arn:aws:iam::${ACCOUNT}:policy/none` }],
      }),
    );
    expect(missing).toMatchObject({ code: 'MalformedPolicyDocument', status: 400 });
    const tags = Array.from({ length: 50 }, (_, i) => ({
      Key: `k${i}-${'x'.repeat(20)}`,
      Value: randomBytes(192).toString('base64url'),
    }));
    const packed = await awsError(() => assume(alice, { RoleArn: roleArn('app'), Tags: tags }));
    expect(packed.code).toBe('PackedPolicyTooLarge');
    expect(packed.status).toBe(400);
    expect(packed.message).toMatch(
      /^Packed policy consumes \d+% of allotted space, please use smaller policy\.$/,
    );
  });

  it('needs sts:TagSession for session tags and carries transitive tags down a chain', async () => {
    await newRole('untagged', trustAws(`arn:aws:iam::${ACCOUNT}:root`));
    await iam().send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'p',
        PolicyDocument: allow(['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity']),
      }),
    );
    const denied = await awsError(() =>
      assume(alice, { RoleArn: roleArn('untagged'), Tags: [{ Key: 'team', Value: 'red' }] }),
    );
    expect(denied.code).toBe('AccessDenied');
    expect(denied.message).toContain('sts:TagSession');
    // a role only sessions tagged team=red may assume
    await newRole(
      'red-only',
      doc([
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Action: ['sts:AssumeRole', 'sts:TagSession'],
          Condition: { StringEquals: { 'aws:PrincipalTag/team': 'red' } },
        },
      ]),
    );
    const tagged = await assume(alice, {
      RoleArn: roleArn('app'),
      Tags: [
        { Key: 'team', Value: 'red' },
        { Key: 'cost', Value: '1' },
      ],
      TransitiveTagKeys: ['team'],
    });
    expect(tagged.out.PackedPolicySize).toBeGreaterThan(0);
    const hop = await assume(tagged.creds, { RoleArn: roleArn('app') });
    // the chained session still carries team=red (transitive), so red-only trusts it
    const red = await assume(hop.creds, { RoleArn: roleArn('red-only') });
    expect(red.out.AssumedRoleUser!.Arn).toContain('assumed-role/red-only/');
    const untaggedHop = await assume(alice, { RoleArn: roleArn('app') });
    expect((await awsError(() => assume(untaggedHop.creds, { RoleArn: roleArn('red-only') }))).code).toBe(
      'AccessDenied',
    );
  });

  it('verifies SerialNumber and TokenCode, making aws:MultiFactorAuthPresent true', async () => {
    await newRole(
      'mfa-only',
      trustAws(`arn:aws:iam::${ACCOUNT}:root`, {
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      }),
    );
    const device = (
      await iam().send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice-phone' }))
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
    expect((await awsError(() => assume(alice, { RoleArn: roleArn('mfa-only') }))).code).toBe('AccessDenied');
    const wrong = await awsError(() =>
      assume(alice, {
        RoleArn: roleArn('mfa-only'),
        SerialNumber: device.SerialNumber!,
        TokenCode: '000000' === hotp(seed, step) ? '111111' : '000000',
      }),
    );
    expect(wrong).toMatchObject({
      code: 'AccessDenied',
      message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
    });
    const code = hotp(seed, step);
    const { creds } = await assume(alice, {
      RoleArn: roleArn('mfa-only'),
      SerialNumber: device.SerialNumber!,
      TokenCode: code,
    });
    expect((await sts(creds).send(new GetCallerIdentityCommand({}))).Arn).toContain('assumed-role/mfa-only/');
    // a code is accepted once
    const replay = await awsError(() =>
      assume(alice, { RoleArn: roleArn('mfa-only'), SerialNumber: device.SerialNumber!, TokenCode: code }),
    );
    expect(replay.code).toBe('AccessDenied');
  });

  it('refuses expired, tampered and token-less temporary credentials', async () => {
    const { creds } = await assume(alice, { RoleArn: roleArn('app'), DurationSeconds: 900 });
    const tampered = {
      ...creds,
      sessionToken: creds.sessionToken.slice(0, -4) + (creds.sessionToken.endsWith('AAAA') ? 'BBBB' : 'AAAA'),
    };
    expect(await awsError(() => sts(tampered).send(new GetCallerIdentityCommand({})))).toMatchObject({
      code: 'InvalidClientTokenId',
      status: 403,
      message: 'The security token included in the request is invalid.',
    });
    const bare = { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey };
    expect(await awsError(() => sts(bare).send(new GetCallerIdentityCommand({})))).toMatchObject({
      code: 'InvalidClientTokenId',
      status: 403,
    });
    const other = await assume(alice, { RoleArn: roleArn('app') });
    const swapped = { ...creds, sessionToken: other.creds.sessionToken };
    expect((await awsError(() => sts(swapped).send(new GetCallerIdentityCommand({})))).code).toBe(
      'InvalidClientTokenId',
    );
    const start = now;
    now = new Date(start.getTime() + 899_000);
    expect((await sts(creds).send(new GetCallerIdentityCommand({}))).Arn).toContain('assumed-role/app/');
    now = new Date(start.getTime() + 900_000);
    try {
      expect(await awsError(() => sts(creds).send(new GetCallerIdentityCommand({})))).toMatchObject({
        code: 'ExpiredToken',
        status: 403,
        message: 'The security token included in the request is expired',
      });
      expect((await awsError(() => iam(creds).send(new ListUsersCommand({})))).code).toBe('ExpiredToken');
    } finally {
      now = start;
    }
  });

  it('keeps old sessions valid across a key rotation and seals new ones with the new key', async () => {
    const before = await assume(alice, { RoleArn: roleArn('app') });
    const newKey = await rotateSessionKeys(
      t.server.store,
      t.server.services.sealer,
      new Date(now.getTime() + 1000),
    );
    await t.server.services.sessionKeys.reload();
    expect((await sts(before.creds).send(new GetCallerIdentityCommand({}))).Arn).toContain(
      'assumed-role/app/',
    );
    const after = await assume(alice, { RoleArn: roleArn('app') });
    expect(after.creds.sessionToken.slice(4, 12)).toBe(newKey);
    expect(before.creds.sessionToken.slice(4, 12)).not.toBe(newKey);
    expect((await sts(after.creds).send(new GetCallerIdentityCommand({}))).Arn).toContain(
      'assumed-role/app/',
    );
  });

  it('denies sessions issued before revoke-sessions and allows later ones', async () => {
    await newRole('revocable', trustAws(`arn:aws:iam::${ACCOUNT}:root`), allow('iam:ListUsers'));
    const old = await assume(alice, { RoleArn: roleArn('revocable') });
    await iam(old.creds).send(new ListUsersCommand({}));
    const start = now;
    now = new Date(start.getTime() + 5000);
    try {
      const quotas = await t.server.services.quotas(ACCOUNT);
      await t.server.store.write(ACCOUNT, (r) => revokeOlderSessions(r, ACCOUNT, 'revocable', now, quotas));
      const denied = await awsError(() => iam(old.creds).send(new ListUsersCommand({})));
      expect(denied).toMatchObject({ code: 'AccessDenied', status: 403 });
      expect(denied.message).toContain('explicit deny');
      now = new Date(start.getTime() + 6000);
      const fresh = await assume(alice, { RoleArn: roleArn('revocable') });
      await iam(fresh.creds).send(new ListUsersCommand({}));
    } finally {
      now = start;
    }
  });

  it('denies a session issued earlier in the same second as revoke-sessions, and allows one issued after its cut-off', async () => {
    await newRole('revocable-ms', trustAws(`arn:aws:iam::${ACCOUNT}:root`), allow('iam:ListUsers'));
    const start = now; // a whole second
    try {
      now = new Date(start.getTime() + 200);
      const early = await assume(alice, { RoleArn: roleArn('revocable-ms') });
      await iam(early.creds).send(new ListUsersCommand({}));
      // revoked 700 ms later, in the same second
      now = new Date(start.getTime() + 900);
      const quotas = await t.server.services.quotas(ACCOUNT);
      const cutoff = await t.server.store.write(ACCOUNT, (r) =>
        revokeOlderSessions(r, ACCOUNT, 'revocable-ms', now, quotas),
      );
      // the console's form (whole seconds, no milliseconds), never before the revocation moment
      expect(cutoff).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(Date.parse(cutoff)).toBeGreaterThan(now.getTime());
      const denied = await awsError(() => iam(early.creds).send(new ListUsersCommand({})));
      expect(denied).toMatchObject({ code: 'AccessDenied', status: 403 });
      expect(denied.message).toContain('with an explicit deny in an identity-based policy');
      // once the cut-off has passed (as the CLI waits for), a new session works
      now = new Date(Date.parse(cutoff));
      const fresh = await assume(alice, { RoleArn: roleArn('revocable-ms') });
      await iam(fresh.creds).send(new ListUsersCommand({}));
      const late = await awsError(() => iam(early.creds).send(new ListUsersCommand({})));
      expect(late).toMatchObject({ code: 'AccessDenied', status: 403 });
    } finally {
      now = start;
    }
  });

  it('lets a user of one account assume a role in another when both sides allow', async () => {
    await ensureAccount(t.server.store, t.server.services.sealer, OTHER, now, OTHER_ROOT);
    await iam(OTHER_ROOT).send(
      new CreateRoleCommand({
        RoleName: 'partner',
        AssumeRolePolicyDocument: trustAws(`arn:aws:iam::${ACCOUNT}:root`),
      }),
    );
    await iam(OTHER_ROOT).send(
      new PutRolePolicyCommand({
        RoleName: 'partner',
        PolicyName: 'p',
        PolicyDocument: allow('iam:ListRoles'),
      }),
    );
    const { out, creds } = await assume(alice, { RoleArn: roleArn('partner', OTHER) });
    expect(out.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${OTHER}:assumed-role/partner/s1`);
    const who = await sts(creds).send(new GetCallerIdentityCommand({}));
    expect(who.Account).toBe(OTHER);
    const roles = await iam(creds).send(new ListRolesCommand({}));
    expect(roles.Roles!.map((r) => r.RoleName)).toContain('partner');
    // bob's account trusts... but bob's own policies do not allow sts:AssumeRole across accounts
    const denied = await awsError(() => assume(bob, { RoleArn: roleArn('partner', OTHER) }));
    expect(denied).toMatchObject({ code: 'AccessDenied', status: 403 });
    // and the other account's role is refused to a caller its trust policy does not name
    await iam(OTHER_ROOT).send(
      new CreateRoleCommand({
        RoleName: 'private',
        AssumeRolePolicyDocument: trustAws(`arn:aws:iam::${OTHER}:root`),
      }),
    );
    expect((await awsError(() => assume(alice, { RoleArn: roleArn('private', OTHER) }))).code).toBe(
      'AccessDenied',
    );
  });
});
