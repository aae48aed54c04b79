// The advisor's rules on a real server's store: entities made through the IAM and STS APIs with the
// real SDK, the audit trail flushed, and each rule shown to fire on the situation it names and to stay
// quiet on the safe variant; then the posture score and its explanation.
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeleteAccessKeyCommand,
  EnableMFADeviceCommand,
  IAMClient,
  ListUsersCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADVICE_RULES,
  type Advice,
  adviseAccount,
  explainScore,
  postureScore,
} from '../../src/analysis/advisor/index.ts';
import { ciCaller } from '../../src/analysis/advisor/ci-callers.ts';
import type { SnapshotEvent } from '../../src/analysis/advisor/account-snapshot.ts';
import { base32Decode, hotp, timeStep } from '../../src/crypto/totp.ts';
import { ensureAccount } from '../../src/domain/accounts.ts';
import { BACKENDS, type Credentials, startTestServer, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const OTHER_A = '210987654321';
const OTHER_B = '310987654321';
const DAY = 24 * 60 * 60 * 1000;
const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const userArn = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:user/${name}`;
const roleArn = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;

describe.each(BACKENDS)('advisor on %s', (backend) => {
  let t: TestServer;
  let iam: IAMClient;

  beforeAll(async () => {
    t = await startTestServer(backend);
    iam = t.iam();
  });
  afterAll(() => t.destroy());

  /** Flushes the server's buffers, then runs the named rules as of `days` from now. */
  async function advise(
    rules: string[],
    opts: { days?: number; account?: string; keyAgeDays?: number } = {},
  ) {
    await t.server.services.audit?.flush();
    await t.server.services.accessActivity?.flush();
    const lastUsed = t.server.services.lastUsed;
    return adviseAccount(t.server.services.store, opts.account ?? ACCOUNT, {
      now: new Date(Date.now() + (opts.days ?? 0) * DAY),
      rules,
      ...(opts.keyAgeDays !== undefined ? { options: { keyAgeDays: opts.keyAgeDays } } : {}),
      ...(lastUsed
        ? { pending: { key: (id: string) => lastUsed.peek(id), role: (id: string) => lastUsed.peekRole(id) } }
        : {}),
    });
  }
  const about = (findings: Advice[], arn: string) => findings.filter((f) => f.entityArn === arn);

  async function userWithKey(name: string, policy?: object[]): Promise<Credentials> {
    await iam.send(new CreateUserCommand({ UserName: name }));
    if (policy)
      await iam.send(
        new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: doc(policy) }),
      );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
    return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  }

  async function otherAccount(id: string, n: number): Promise<Credentials> {
    const creds = {
      accessKeyId: `AKIAOTHERROOT${String(n).padStart(7, '0')}`,
      secretAccessKey: `${'s'.repeat(39)}${n}`,
    };
    await ensureAccount(t.server.store, t.server.services.sealer, id, new Date(), creds);
    return creds;
  }

  it('root-access-keys: reports the root key of an account that has one, not of one without', async () => {
    const { findings } = await advise(['root-access-keys']);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'root-access-keys',
      severity: 'critical',
      entityArn: `arn:aws:iam::${ACCOUNT}:root`,
    });
    expect(findings[0]!.evidence.join('\n')).toContain(t.root.accessKeyId);
    expect(findings[0]!.fix.commands).toContain(
      `aws iam delete-access-key --access-key-id ${t.root.accessKeyId}`,
    );
    // an account whose root deleted its own key
    const creds = await otherAccount('410987654321', 9);
    await t.iam(creds).send(new DeleteAccessKeyCommand({ AccessKeyId: creds.accessKeyId }));
    expect((await advise(['root-access-keys'], { account: '410987654321' })).findings).toEqual([]);
  });

  it('root-used-recently: cites root calls from the audit trail; an account whose root made none has no finding', async () => {
    await iam.send(new ListUsersCommand({}));
    const { findings } = await advise(['root-used-recently']);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.evidence.join('\n')).toMatch(/last root call: \w+ at .* from 127\.0\.0\.1/);
    expect(findings[0]!.fix.policies['Administrator-trust.json']).toMatchObject({
      Statement: [{ Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }],
    });
    await otherAccount('510987654321', 5);
    expect((await advise(['root-used-recently'], { account: '510987654321' })).findings).toEqual([]);
  });

  it('ci-user-long-lived-keys: a user key used with a CI user agent gets an OIDC role with a sub-pinned trust', async () => {
    const ci = await userWithKey('gh-deployer', [
      { Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' },
    ]);
    const person = await userWithKey('laptop-user', [
      { Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' },
    ]);
    const client = (creds: Credentials, ua?: string) =>
      new IAMClient({
        endpoint: t.url,
        region: 'us-east-1',
        credentials: creds,
        maxAttempts: 1,
        ...(ua ? { customUserAgent: ua } : {}),
      });
    await client(ci, 'github-actions/2.0').send(new ListUsersCommand({}));
    await client(person).send(new ListUsersCommand({}));
    const { findings } = await advise(['ci-user-long-lived-keys']);
    const hit = about(findings, userArn('gh-deployer'));
    expect(hit).toHaveLength(1);
    expect(hit[0]!.evidence[0]).toMatch(/CI user agent.*github-actions\/2\.0/);
    expect(hit[0]!.fix.policies['gh-deployer-ci-trust.json']).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: {
            Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
              'token.actions.githubusercontent.com:sub': 'repo:OWNER/REPO:ref:refs/heads/main',
            },
          },
        },
      ],
    });
    expect(hit[0]!.fix.commands).toContain(
      `aws iam delete-access-key --user-name gh-deployer --access-key-id ${ci.accessKeyId}`,
    );
    expect(about(findings, userArn('laptop-user'))).toEqual([]);
  });

  it('ci-user-long-lived-keys: the AWS CLI from many source IPs counts as CI, from one IP it does not', () => {
    const event = (ip: string): SnapshotEvent => ({
      eventId: ip,
      eventTime: '2026-01-01T00:00:00.000Z',
      eventName: 'ListUsers',
      eventSource: 'iam.amazonaws.com',
      errorCode: null,
      identityType: 'IAMUser',
      sourceIp: ip,
      userAgent: 'aws-cli/2.15.0 Python/3.11 Linux/6.1 exe/x86_64',
      requestParameters: {},
    });
    expect(ciCaller(['10.0.0.1', '10.0.0.2', '10.0.0.3'].map(event))).toMatch(/from 3 source IPs/);
    expect(ciCaller(['10.0.0.1', '10.0.0.1'].map(event))).toBeUndefined();
  });

  it('access-key-not-rotated: a key older than --key-age-days, and not one within it', async () => {
    const creds = await userWithKey('old-key-user');
    const old = await advise(['access-key-not-rotated'], { days: 10, keyAgeDays: 5 });
    const hit = about(old.findings, userArn('old-key-user'));
    expect(hit).toHaveLength(1);
    expect(hit[0]!.message).toContain(
      `${creds.accessKeyId} of user old-key-user was not rotated for 10 days (limit 5)`,
    );
    expect(hit[0]!.fix.commands[0]).toBe('aws iam create-access-key --user-name old-key-user');
    const young = await advise(['access-key-not-rotated'], { days: 10, keyAgeDays: 30 });
    expect(about(young.findings, userArn('old-key-user'))).toEqual([]);
  });

  it('access-key-never-used: a key never used, not a key that was used', async () => {
    await userWithKey('idle-key-user');
    const used = await userWithKey('busy-key-user');
    await t.sts(used).send(new GetCallerIdentityCommand({}));
    const { findings } = await advise(['access-key-never-used'], { days: 8 });
    expect(about(findings, userArn('idle-key-user'))).toHaveLength(1);
    expect(about(findings, userArn('busy-key-user'))).toEqual([]);
  });

  it('console-user-without-mfa: a console user without MFA, not one with a device', async () => {
    for (const name of ['no-mfa', 'with-mfa']) await iam.send(new CreateUserCommand({ UserName: name }));
    for (const name of ['no-mfa', 'with-mfa'])
      await iam.send(new CreateLoginProfileCommand({ UserName: name, Password: 'Correct-Horse-9!' }));
    const device = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'with-mfa' })))
      .VirtualMFADevice!;
    const seed = base32Decode(Buffer.from(device.Base32StringSeed!).toString('ascii'));
    const step = timeStep(new Date());
    await iam.send(
      new EnableMFADeviceCommand({
        UserName: 'with-mfa',
        SerialNumber: device.SerialNumber!,
        AuthenticationCode1: hotp(seed, step - 1),
        AuthenticationCode2: hotp(seed, step),
      }),
    );
    const { findings } = await advise(['console-user-without-mfa']);
    const hit = about(findings, userArn('no-mfa'));
    expect(hit).toHaveLength(1);
    expect(hit[0]!.fix.commands.join('\n')).toContain('aws iam enable-mfa-device --user-name no-mfa');
    expect(about(findings, userArn('with-mfa'))).toEqual([]);
  });

  it('user-keys-cross-account: keys that assume roles in two other accounts, not keys that reach one', async () => {
    const trustUser = (name: string) =>
      doc([{ Effect: 'Allow', Principal: { AWS: userArn(name) }, Action: 'sts:AssumeRole' }]);
    const assume = [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }];
    const hopper = await userWithKey('hopper', assume);
    const single = await userWithKey('single-hop', assume);
    const a = await otherAccount(OTHER_A, 1);
    const b = await otherAccount(OTHER_B, 2);
    for (const creds of [a, b])
      for (const user of ['hopper', 'single-hop'])
        await t
          .iam(creds)
          .send(
            new CreateRoleCommand({ RoleName: `from-${user}`, AssumeRolePolicyDocument: trustUser(user) }),
          );
    for (const account of [OTHER_A, OTHER_B])
      await t
        .sts(hopper)
        .send(new AssumeRoleCommand({ RoleArn: roleArn('from-hopper', account), RoleSessionName: 'hop' }));
    await t
      .sts(single)
      .send(new AssumeRoleCommand({ RoleArn: roleArn('from-single-hop', OTHER_A), RoleSessionName: 'hop' }));
    const { findings } = await advise(['user-keys-cross-account']);
    const hit = about(findings, userArn('hopper'));
    expect(hit).toHaveLength(1);
    expect(hit[0]!.evidence).toEqual(
      expect.arrayContaining([
        `AssumeRole into ${roleArn('from-hopper', OTHER_A)}`,
        `AssumeRole into ${roleArn('from-hopper', OTHER_B)}`,
      ]),
    );
    const trust = Object.values(hit[0]!.fix.policies)[0] as { Statement: { Condition: object }[] };
    expect(trust.Statement[0]!.Condition).toMatchObject({
      StringEquals: { 'sts:ExternalId': expect.stringMatching(/^tessera-/) },
    });
    expect(hit[0]!.fix.commands.join('\n')).toContain('--external-id tessera-');
    expect(about(findings, userArn('single-hop'))).toEqual([]);
  });

  it('third-party-trust-without-external-id: a role trusting another account without sts:ExternalId, not one with it', async () => {
    const trust = (condition?: object) =>
      doc([
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${OTHER_A}:root` },
          Action: 'sts:AssumeRole',
          ...(condition ? { Condition: condition } : {}),
        },
      ]);
    await iam.send(new CreateRoleCommand({ RoleName: 'vendor-open', AssumeRolePolicyDocument: trust() }));
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'vendor-pinned',
        AssumeRolePolicyDocument: trust({ StringEquals: { 'sts:ExternalId': 'abc-123' } }),
      }),
    );
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'own-account',
        AssumeRolePolicyDocument: doc([
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' },
        ]),
      }),
    );
    const { findings } = await advise(['third-party-trust-without-external-id']);
    const hit = about(findings, roleArn('vendor-open'));
    expect(hit).toHaveLength(1);
    expect(hit[0]!.message).toContain(OTHER_A);
    expect(hit[0]!.fix.commands).toEqual([
      'aws iam update-assume-role-policy --role-name vendor-open --policy-document file://vendor-open-trust.json',
    ]);
    expect(about(findings, roleArn('vendor-pinned'))).toEqual([]);
    expect(about(findings, roleArn('own-account'))).toEqual([]);
  });

  it('pass-role-on-star: iam:PassRole on * in a user or role policy, not on a named role', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'passer' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'passer',
        PolicyName: 'pass',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }]),
      }),
    );
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'careful-passer',
        AssumeRolePolicyDocument: doc([
          { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ]),
      }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'careful-passer',
        PolicyName: 'pass',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: roleArn('app') }]),
      }),
    );
    const { findings } = await advise(['pass-role-on-star']);
    const hit = about(findings, userArn('passer'));
    expect(hit).toHaveLength(1);
    expect(hit[0]!.evidence[0]).toContain(`${userArn('passer')}/pass (inline, held by user)`);
    expect(hit[0]!.fix.commands).toEqual([
      'aws iam put-user-policy --user-name passer --policy-name pass --policy-document file://PassRole.json',
    ]);
    expect(about(findings, roleArn('careful-passer'))).toEqual([]);
  });

  it('admin-user: a user granted * on * through a managed policy, not a user with a service-wide grant', async () => {
    const admin = await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'everything',
        PolicyDocument: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]),
      }),
    );
    await iam.send(new CreateUserCommand({ UserName: 'boss' }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'boss', PolicyArn: admin.Policy!.Arn! }));
    await iam.send(new CreateUserCommand({ UserName: 'iam-only' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'iam-only',
        PolicyName: 'iam',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }]),
      }),
    );
    const { findings } = await advise(['admin-user']);
    const hit = about(findings, userArn('boss'));
    expect(hit).toHaveLength(1);
    expect(hit[0]!.fix.commands).toContain(
      `aws iam detach-user-policy --user-name boss --policy-arn ${admin.Policy!.Arn!}`,
    );
    expect(about(findings, userArn('iam-only'))).toEqual([]);
  });

  it('unused-role and unused-user: entities idle past 90 days, not the same entities today', async () => {
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'forgotten',
        AssumeRolePolicyDocument: doc([
          { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ]),
      }),
    );
    await iam.send(new CreateUserCommand({ UserName: 'ghost' }));
    const later = await advise(['unused-role', 'unused-user'], { days: 100 });
    expect(about(later.findings, roleArn('forgotten')).map((f) => f.ruleId)).toEqual(['unused-role']);
    expect(about(later.findings, userArn('ghost')).map((f) => f.ruleId)).toEqual(['unused-user']);
    expect(about(later.findings, roleArn('forgotten'))[0]!.fix.commands.at(-1)).toBe(
      'aws iam delete-role --role-name forgotten',
    );
    const today = await advise(['unused-role', 'unused-user']);
    expect(about(today.findings, roleArn('forgotten'))).toEqual([]);
    expect(about(today.findings, userArn('ghost'))).toEqual([]);
  });

  it('scores the account from its findings and says which rule cost how many points', async () => {
    const { findings, score } = await advise(ADVICE_RULES.map((r) => r.id));
    expect(findings.some((f) => f.ruleId === 'root-access-keys')).toBe(true);
    const lost = score.deductions.reduce((s, d) => s + d.points, 0);
    expect(score.score).toBe(Math.max(0, 100 - lost));
    expect(score.deductions.find((d) => d.ruleId === 'root-access-keys')).toEqual({
      ruleId: 'root-access-keys',
      severity: 'critical',
      findings: 1,
      points: 25,
    });
    expect(explainScore(score)).toContain('-25 root-access-keys: 1 critical finding × 25');
  });
});

describe('posture score', () => {
  const advice = (ruleId: string, severity: Advice['severity']): Advice => ({
    ruleId,
    severity,
    accountId: ACCOUNT,
    entityArn: 'arn',
    message: '',
    evidence: [],
    fix: { summary: '', policies: {}, commands: [] },
  });

  it('is 100 without findings, and counts at most three findings of one rule', () => {
    expect(postureScore([])).toEqual({ score: 100, deductions: [] });
    const many = Array.from({ length: 10 }, () => advice('access-key-not-rotated', 'medium'));
    const score = postureScore([...many, advice('root-access-keys', 'critical')]);
    expect(score.score).toBe(100 - 25 - 12);
    expect(explainScore(score)).toEqual([
      '-25 root-access-keys: 1 critical finding × 25',
      '-12 access-key-not-rotated: 3 medium findings × 4 (10 found, 3 counted)',
    ]);
  });

  it('never goes below 0', () => {
    const rules = ['a', 'b', 'c', 'd', 'e'].map((r) => advice(r, 'critical'));
    expect(postureScore(rules).score).toBe(0);
  });
});
