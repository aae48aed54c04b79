// IAM Access Analyzer's analyzers and findings with the real @aws-sdk/client-accessanalyzer, on both
// backends: external access from roles' trust policies (another account, `*`, an OIDC provider; not
// the account itself), resolved when the trust policy changes; unused roles, access keys, passwords
// and permissions against a clock the tests move; archive rules, UpdateFindings, statistics, AWS's
// errors; and create-analyzer / list-analyzers with the AWS CLI v1.
import {
  AccessAnalyzerClient,
  ApplyArchiveRuleCommand,
  CreateAnalyzerCommand,
  GenerateFindingRecommendationCommand,
  GetFindingRecommendationCommand,
  CreateArchiveRuleCommand,
  DeleteAnalyzerCommand,
  DeleteArchiveRuleCommand,
  GetAnalyzerCommand,
  GetArchiveRuleCommand,
  GetFindingsStatisticsCommand,
  GetFindingV2Command,
  ListAnalyzersCommand,
  ListArchiveRulesCommand,
  ListFindingsV2Command,
  UpdateArchiveRuleCommand,
  UpdateFindingsCommand,
  type FindingSummaryV2,
} from '@aws-sdk/client-accessanalyzer';
import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  ListRolesCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {
  AcceptHandshakeCommand,
  CreateOrganizationCommand,
  EnableAWSServiceAccessCommand,
  InviteAccountToOrganizationCommand,
  OrganizationsClient,
  RegisterDelegatedAdministratorCommand,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAccount } from '../../src/domain/accounts.ts';
import { awsCli, CLI_VERSIONS, describeEachCli, type CliVersion } from '../support/aws-cli.ts';
import {
  awsError,
  BACKENDS,
  startTestServer,
  type Backend,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const OTHER = '210987654321';
const REGION = 'us-east-1';
const DAY = 86_400_000;

const trust = (principal: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra }],
  });
const allow = (actions: string[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

describe.each(BACKENDS)('Access Analyzer external access on %s', (backend: Backend) => {
  let t: TestServer;
  let arn: string;
  const aa = () =>
    new AccessAnalyzerClient({ endpoint: t.url, region: REGION, credentials: t.root, maxAttempts: 1 });
  const findings = async () =>
    (await aa().send(new ListFindingsV2Command({ analyzerArn: arn }))).findings ?? [];
  const of = (all: FindingSummaryV2[], role: string) => all.filter((f) => f.resource === roleArn(role));

  beforeAll(async () => {
    t = await startTestServer(backend);
    await ensureAccount(t.server.store, t.server.services.sealer, OTHER, new Date(), {
      accessKeyId: 'AKIAOTHERACCOUNT0001',
      secretAccessKey: 'othersecretothersecretothersecretothers1',
    });
    const provider = await t.iam().send(
      new CreateOpenIDConnectProviderCommand({
        Url: 'https://token.actions.githubusercontent.com',
        ClientIDList: ['sts.amazonaws.com'],
        ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
      }),
    );
    const roles: [string, unknown, Record<string, unknown>?][] = [
      ['cross', { AWS: `arn:aws:iam::${OTHER}:root` }],
      ['public', { AWS: '*' }],
      [
        'oidc',
        { Federated: provider.OpenIDConnectProviderArn },
        {
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:ref:refs/heads/main' },
          },
        },
      ],
      ['own', { AWS: `arn:aws:iam::${ACCOUNT}:root` }],
      ['service', { Service: 'ec2.amazonaws.com' }],
    ];
    for (const [name, principal, extra] of roles)
      await t
        .iam()
        .send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust(principal, extra) }));
    arn = (await aa().send(new CreateAnalyzerCommand({ analyzerName: 'external', type: 'ACCOUNT' }))).arn!;
  });
  afterAll(() => t.destroy());

  it('creates an analyzer with AWS ARN and reads it back', async () => {
    expect(arn).toBe(`arn:aws:access-analyzer:${REGION}:${ACCOUNT}:analyzer/external`);
    const { analyzer } = await aa().send(new GetAnalyzerCommand({ analyzerName: 'external' }));
    expect(analyzer).toMatchObject({ arn, name: 'external', type: 'ACCOUNT', status: 'ACTIVE' });
    expect(analyzer!.createdAt).toBeInstanceOf(Date);
  });

  it('finds roles trusting another account, anyone and an OIDC provider, not the account or a service', async () => {
    const all = await findings();
    expect(all.every((f) => f.findingType === 'ExternalAccess' && f.resourceType === 'AWS::IAM::Role')).toBe(
      true,
    );
    expect(of(all, 'cross')).toHaveLength(1);
    expect(of(all, 'public')).toHaveLength(1);
    expect(of(all, 'oidc')).toHaveLength(1);
    expect(of(all, 'own')).toHaveLength(0);
    expect(of(all, 'service')).toHaveLength(0);
    expect(of(all, 'cross')[0]).toMatchObject({ status: 'ACTIVE', resourceOwnerAccount: ACCOUNT });
  });

  it('details the principal, action, condition and whether the access is public', async () => {
    const all = await findings();
    const get = (f: FindingSummaryV2) => aa().send(new GetFindingV2Command({ analyzerArn: arn, id: f.id }));
    const cross = await get(of(all, 'cross')[0]!);
    expect(cross.findingDetails).toEqual([
      {
        externalAccessDetails: {
          action: ['sts:AssumeRole'],
          condition: {},
          isPublic: false,
          principal: { AWS: `arn:aws:iam::${OTHER}:root` },
          sources: [{ type: 'POLICY' }],
        },
      },
    ]);
    const pub = await get(of(all, 'public')[0]!);
    expect(pub.findingDetails![0]!.externalAccessDetails).toMatchObject({
      isPublic: true,
      principal: { AWS: '*' },
    });
    const oidc = await get(of(all, 'oidc')[0]!);
    expect(oidc.findingDetails![0]!.externalAccessDetails).toMatchObject({
      action: ['sts:AssumeRoleWithWebIdentity'],
      isPublic: false,
      principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
      condition: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:ref:refs/heads/main' },
    });
  });

  it('resolves a finding, keeping its id, when the trust policy stops trusting the outside principal', async () => {
    const before = of(await findings(), 'cross')[0]!;
    await t.iam().send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: 'cross',
        PolicyDocument: trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` }),
      }),
    );
    const after = of(await findings(), 'cross');
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: before.id, status: 'RESOLVED' });
    const active = await aa().send(
      new ListFindingsV2Command({ analyzerArn: arn, filter: { status: { eq: ['ACTIVE'] } } }),
    );
    expect(active.findings!.map((f) => f.resource).sort()).toEqual([roleArn('oidc'), roleArn('public')]);
  });

  it('archives by id and reactivates by resource with UpdateFindings', async () => {
    const oidc = of(await findings(), 'oidc')[0]!;
    await aa().send(new UpdateFindingsCommand({ analyzerArn: arn, status: 'ARCHIVED', ids: [oidc.id!] }));
    expect(of(await findings(), 'oidc')[0]!.status).toBe('ARCHIVED');
    await aa().send(
      new UpdateFindingsCommand({ analyzerArn: arn, status: 'ACTIVE', resourceArn: roleArn('oidc') }),
    );
    expect(of(await findings(), 'oidc')[0]!.status).toBe('ACTIVE');
  });

  it('archives matching findings with ApplyArchiveRule and new matching findings as they appear', async () => {
    await aa().send(
      new CreateArchiveRuleCommand({
        analyzerName: 'external',
        ruleName: 'public',
        filter: { isPublic: { eq: ['true'] } },
      }),
    );
    const rule = await aa().send(new GetArchiveRuleCommand({ analyzerName: 'external', ruleName: 'public' }));
    expect(rule.archiveRule).toMatchObject({ ruleName: 'public', filter: { isPublic: { eq: ['true'] } } });
    expect(of(await findings(), 'public')[0]!.status).toBe('ACTIVE');
    await aa().send(new ApplyArchiveRuleCommand({ analyzerArn: arn, ruleName: 'public' }));
    expect(of(await findings(), 'public')[0]!.status).toBe('ARCHIVED');
    await t.iam().send(new CreateRoleCommand({ RoleName: 'public2', AssumeRolePolicyDocument: trust('*') }));
    await t
      .iam()
      .send(new CreateRoleCommand({ RoleName: 'cross2', AssumeRolePolicyDocument: trust({ AWS: OTHER }) }));
    const all = await findings();
    expect(of(all, 'public2')[0]!.status).toBe('ARCHIVED');
    expect(of(all, 'cross2')[0]!.status).toBe('ACTIVE');
  });

  it('filters with neq, contains and exists, sorts and pages', async () => {
    const list = (input: Omit<ConstructorParameters<typeof ListFindingsV2Command>[0], 'analyzerArn'>) =>
      aa().send(new ListFindingsV2Command({ analyzerArn: arn, ...input }));
    const contains = await list({ filter: { resource: { contains: ['cross'] } } });
    expect(contains.findings!.map((f) => f.resource).sort()).toEqual([roleArn('cross'), roleArn('cross2')]);
    const notResolved = await list({ filter: { status: { neq: ['RESOLVED'] } } });
    expect(notResolved.findings!.some((f) => f.status === 'RESOLVED')).toBe(false);
    const federated = await list({ filter: { 'principal.Federated': { exists: true } } });
    expect(federated.findings!.map((f) => f.resource)).toEqual([roleArn('oidc')]);
    const sorted = await list({ sort: { attributeName: 'resource', orderBy: 'DESC' } });
    const names = sorted.findings!.map((f) => f.resource!);
    expect(names).toEqual([...names].sort().reverse());
    const first = await list({ maxResults: 2, sort: { attributeName: 'resource' } });
    expect(first.findings).toHaveLength(2);
    const second = await list({
      maxResults: 2,
      sort: { attributeName: 'resource' },
      nextToken: first.nextToken,
    });
    expect(second.findings![0]!.resource! > first.findings![1]!.resource!).toBe(true);
  });

  it('counts findings by status and resource type in GetFindingsStatistics', async () => {
    const out = await aa().send(new GetFindingsStatisticsCommand({ analyzerArn: arn }));
    // active: oidc, cross2; archived: public, public2; resolved: cross
    expect(out.findingsStatistics).toEqual([
      {
        externalAccessFindingsStatistics: {
          totalActiveFindings: 2,
          totalArchivedFindings: 2,
          totalResolvedFindings: 1,
          resourceTypeStatistics: {
            'AWS::IAM::Role': { totalActivePublic: 0, totalActiveCrossAccount: 2, totalActiveErrors: 0 },
          },
        },
      },
    ]);
  });

  it('lists, updates and deletes archive rules', async () => {
    await aa().send(
      new UpdateArchiveRuleCommand({
        analyzerName: 'external',
        ruleName: 'public',
        filter: { resource: { contains: ['public'] } },
      }),
    );
    const listed = await aa().send(new ListArchiveRulesCommand({ analyzerName: 'external' }));
    expect(listed.archiveRules).toHaveLength(1);
    expect(listed.archiveRules![0]!.filter).toEqual({ resource: { contains: ['public'] } });
    await aa().send(new DeleteArchiveRuleCommand({ analyzerName: 'external', ruleName: 'public' }));
    const e = await awsError(() =>
      aa().send(new GetArchiveRuleCommand({ analyzerName: 'external', ruleName: 'public' })),
    );
    expect(e).toMatchObject({ name: 'ResourceNotFoundException', status: 404 });
  });

  it('answers with AWS errors', async () => {
    const dup = await awsError(() =>
      aa().send(new CreateAnalyzerCommand({ analyzerName: 'external', type: 'ACCOUNT' })),
    );
    expect(dup).toMatchObject({ name: 'ConflictException', status: 409 });
    const quota = await awsError(() =>
      aa().send(new CreateAnalyzerCommand({ analyzerName: 'second', type: 'ACCOUNT' })),
    );
    expect(quota).toMatchObject({ name: 'ServiceQuotaExceededException', status: 402 });
    const org = await awsError(() =>
      aa().send(new CreateAnalyzerCommand({ analyzerName: 'org', type: 'ORGANIZATION' })),
    );
    expect(org).toMatchObject({ name: 'ValidationException', status: 400 });
    const age = await awsError(() =>
      aa().send(
        new CreateAnalyzerCommand({
          analyzerName: 'old',
          type: 'ACCOUNT_UNUSED_ACCESS',
          configuration: { unusedAccess: { unusedAccessAge: 400 } },
        }),
      ),
    );
    expect(age).toMatchObject({ name: 'ValidationException', status: 400 });
    for (const call of [
      () => aa().send(new GetAnalyzerCommand({ analyzerName: 'missing' })),
      () => aa().send(new DeleteAnalyzerCommand({ analyzerName: 'missing' })),
      () => aa().send(new GetFindingV2Command({ analyzerArn: arn, id: 'no-such-finding' })),
      () =>
        aa().send(
          new ListFindingsV2Command({
            analyzerArn: `arn:aws:access-analyzer:${REGION}:${ACCOUNT}:analyzer/missing`,
          }),
        ),
    ])
      expect(await awsError(call)).toMatchObject({ name: 'ResourceNotFoundException', status: 404 });
    const dupRule = async () =>
      aa().send(
        new CreateArchiveRuleCommand({
          analyzerName: 'external',
          ruleName: 'r',
          filter: { status: { eq: ['ACTIVE'] } },
        }),
      );
    await dupRule();
    expect(await awsError(dupRule)).toMatchObject({ name: 'ConflictException', status: 409 });
  });

  it('is authorized by the engine on the analyzer ARN', async () => {
    await t.iam().send(new CreateUserCommand({ UserName: 'reader' }));
    await t.iam().send(
      new PutUserPolicyCommand({
        UserName: 'reader',
        PolicyName: 'p',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'access-analyzer:ListFindings', Resource: arn }],
        }),
      }),
    );
    const k = (await t.iam().send(new CreateAccessKeyCommand({ UserName: 'reader' }))).AccessKey!;
    const reader = new AccessAnalyzerClient({
      endpoint: t.url,
      region: REGION,
      credentials: { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! },
      maxAttempts: 1,
    });
    expect(
      (await reader.send(new ListFindingsV2Command({ analyzerArn: arn }))).findings!.length,
    ).toBeGreaterThan(0);
    expect(await awsError(() => reader.send(new ListAnalyzersCommand({})))).toMatchObject({
      name: 'AccessDeniedException',
      status: 403,
    });
    expect(
      await awsError(() =>
        reader.send(
          new UpdateFindingsCommand({ analyzerArn: arn, status: 'ARCHIVED', resourceArn: roleArn('oidc') }),
        ),
      ),
    ).toMatchObject({ name: 'AccessDeniedException', status: 403 });
  });

  it('calls access public as the policy engine decides it, not by whether a condition is there', async () => {
    // anyone who sends the external id: a value any caller can choose, so public
    await t.iam().send(
      new CreateRoleCommand({
        RoleName: 'vendor',
        AssumeRolePolicyDocument: trust(
          { AWS: '*' },
          { Condition: { StringEquals: { 'sts:ExternalId': 'v-42' } } },
        ),
      }),
    );
    // anyone calling from one network: a caller cannot choose its address, so not public
    await t.iam().send(
      new CreateRoleCommand({
        RoleName: 'office',
        AssumeRolePolicyDocument: trust(
          { AWS: '*' },
          { Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } },
        ),
      }),
    );
    const all = await findings();
    const details = async (role: string) =>
      (await aa().send(new GetFindingV2Command({ analyzerArn: arn, id: of(all, role)[0]!.id })))
        .findingDetails![0]!.externalAccessDetails;
    expect(await details('vendor')).toMatchObject({
      isPublic: true,
      condition: { 'sts:ExternalId': 'v-42' },
    });
    expect(await details('office')).toMatchObject({ isPublic: false });
  });

  it('lists analyzers by type and deletes one with its findings', async () => {
    await aa().send(new CreateAnalyzerCommand({ analyzerName: 'unused', type: 'ACCOUNT_UNUSED_ACCESS' }));
    const all = await aa().send(new ListAnalyzersCommand({}));
    expect(all.analyzers!.map((a) => a.name)).toEqual(['external', 'unused']);
    const unused = await aa().send(new ListAnalyzersCommand({ type: 'ACCOUNT_UNUSED_ACCESS' }));
    expect(unused.analyzers).toMatchObject([
      { name: 'unused', configuration: { unusedAccess: { unusedAccessAge: 90 } } },
    ]);
    const paged = await aa().send(new ListAnalyzersCommand({ maxResults: 1 }));
    expect(paged.analyzers!.map((a) => a.name)).toEqual(['external']);
    const rest = await aa().send(new ListAnalyzersCommand({ maxResults: 1, nextToken: paged.nextToken }));
    expect(rest.analyzers!.map((a) => a.name)).toEqual(['unused']);
    await aa().send(new DeleteAnalyzerCommand({ analyzerName: 'external' }));
    expect(await awsError(() => findings())).toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe.each(BACKENDS)('Access Analyzer organization analyzers on %s', (backend: Backend) => {
  let t: TestServer;
  let orgId: string;
  const MEMBER = '330000000001';
  const OUTSIDER = '440000000001';
  const keyFor = (accountId: string): Credentials => ({
    accessKeyId: `AKIA${accountId}0000`,
    secretAccessKey: `secret${accountId}`.padEnd(40, 'x'),
  });
  const client = { endpoint: '', region: REGION, maxAttempts: 1 };
  const aa = (c: Credentials = t.root) =>
    new AccessAnalyzerClient({ ...client, endpoint: t.url, credentials: c });
  const orgs = (c: Credentials = t.root) =>
    new OrganizationsClient({ ...client, endpoint: t.url, credentials: c });
  const iamAs = (c: Credentials) => new IAMClient({ ...client, endpoint: t.url, credentials: c });
  const resources = async (c: Credentials, analyzerArn: string) =>
    ((await aa(c).send(new ListFindingsV2Command({ analyzerArn }))).findings ?? [])
      .map((f) => `${f.resourceOwnerAccount} ${f.resource}`)
      .sort();

  beforeAll(async () => {
    t = await startTestServer(backend);
    for (const id of [MEMBER, OUTSIDER])
      await ensureAccount(t.server.store, t.server.services.sealer, id, new Date(), keyFor(id));
    orgId = (await orgs().send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }))).Organization!.Id!;
    const invite = await orgs().send(
      new InviteAccountToOrganizationCommand({ Target: { Id: MEMBER, Type: 'ACCOUNT' } }),
    );
    await orgs(keyFor(MEMBER)).send(new AcceptHandshakeCommand({ HandshakeId: invite.Handshake!.Id! }));
    const roles: [Credentials, string, unknown, Record<string, unknown>?][] = [
      [t.root, 'to-member', { AWS: MEMBER }],
      [t.root, 'to-outsider', { AWS: OUTSIDER }],
      [t.root, 'org-only', '*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': orgId } } }],
      [keyFor(MEMBER), 'member-to-outsider', { AWS: `arn:aws:iam::${OUTSIDER}:root` }],
      [keyFor(MEMBER), 'member-to-management', { AWS: ACCOUNT }],
    ];
    for (const [creds, name, principal, extra] of roles)
      await iamAs(creds).send(
        new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust(principal, extra) }),
      );
  });
  afterAll(() => t.destroy());

  it('takes the organization as the zone of trust, across its accounts', async () => {
    const arn = (await aa().send(new CreateAnalyzerCommand({ analyzerName: 'org', type: 'ORGANIZATION' })))
      .arn!;
    expect(await resources(t.root, arn)).toEqual([
      `${ACCOUNT} ${roleArn('to-outsider')}`,
      `${MEMBER} arn:aws:iam::${MEMBER}:role/member-to-outsider`,
    ]);
  });

  it('takes the account as the zone of trust for an account analyzer', async () => {
    const arn = (await aa().send(new CreateAnalyzerCommand({ analyzerName: 'acct', type: 'ACCOUNT' }))).arn!;
    expect(await resources(t.root, arn)).toEqual([
      `${ACCOUNT} ${roleArn('org-only')}`,
      `${ACCOUNT} ${roleArn('to-member')}`,
      `${ACCOUNT} ${roleArn('to-outsider')}`,
    ]);
  });

  it("lets a member account create one only as Access Analyzer's delegated administrator", async () => {
    const create = () =>
      aa(keyFor(MEMBER)).send(new CreateAnalyzerCommand({ analyzerName: 'org', type: 'ORGANIZATION' }));
    expect(await awsError(create)).toMatchObject({ name: 'ValidationException', status: 400 });
    await orgs().send(
      new EnableAWSServiceAccessCommand({ ServicePrincipal: 'access-analyzer.amazonaws.com' }),
    );
    await orgs().send(
      new RegisterDelegatedAdministratorCommand({
        AccountId: MEMBER,
        ServicePrincipal: 'access-analyzer.amazonaws.com',
      }),
    );
    const arn = (await create()).arn!;
    expect(arn).toBe(`arn:aws:access-analyzer:${REGION}:${MEMBER}:analyzer/org`);
    expect(await resources(keyFor(MEMBER), arn)).toEqual([
      `${ACCOUNT} ${roleArn('to-outsider')}`,
      `${MEMBER} arn:aws:iam::${MEMBER}:role/member-to-outsider`,
    ]);
  });
});

describe.each(BACKENDS)('Access Analyzer unused access on %s', (backend: Backend) => {
  let t: TestServer;
  let now = new Date();
  let dave: Credentials;
  // SDK clients sign at the server's clock, which the tests move on by months
  const options = (credentials: Credentials) => ({
    endpoint: t.url,
    region: REGION,
    credentials,
    maxAttempts: 1,
    systemClockOffset: now.getTime() - Date.now(),
  });
  const aa = () => new AccessAnalyzerClient(options(t.root));
  const iam = (c: Credentials = t.root) => new IAMClient(options(c));
  const sts = (c: Credentials) => new STSClient(options(c));

  beforeAll(async () => {
    t = await startTestServer(backend, { clock: { now: () => now } });
  });
  afterAll(() => t.destroy());

  it('finds an unused role, access key and password and the services a used role never called', async () => {
    await iam().send(
      new CreateRoleCommand({ RoleName: 'idle', AssumeRolePolicyDocument: trust({ AWS: ACCOUNT }) }),
    );
    await iam().send(
      new CreateRoleCommand({ RoleName: 'busy', AssumeRolePolicyDocument: trust({ AWS: ACCOUNT }) }),
    );
    await iam().send(
      new PutRolePolicyCommand({
        RoleName: 'busy',
        PolicyName: 'p',
        PolicyDocument: allow(['iam:ListRoles', 's3:GetObject']),
      }),
    );
    await iam().send(new CreateUserCommand({ UserName: 'carol' }));
    const carolKey = (await iam().send(new CreateAccessKeyCommand({ UserName: 'carol' }))).AccessKey!;
    await iam().send(new CreateLoginProfileCommand({ UserName: 'carol', Password: 'Carol-password-1!' }));
    await iam().send(new CreateUserCommand({ UserName: 'dave' }));
    await iam().send(
      new PutUserPolicyCommand({
        UserName: 'dave',
        PolicyName: 'p',
        PolicyDocument: allow(['sts:AssumeRole']),
      }),
    );
    const k = (await iam().send(new CreateAccessKeyCommand({ UserName: 'dave' }))).AccessKey!;
    dave = { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! };

    now = new Date(now.getTime() + 100 * DAY);
    const session = (
      await sts(dave).send(new AssumeRoleCommand({ RoleArn: roleArn('busy'), RoleSessionName: 'ss' }))
    ).Credentials!;
    await iam({
      accessKeyId: session.AccessKeyId!,
      secretAccessKey: session.SecretAccessKey!,
      sessionToken: session.SessionToken!,
    }).send(new ListRolesCommand({}));

    const arn = (
      await aa().send(
        new CreateAnalyzerCommand({
          analyzerName: 'unused',
          type: 'ACCOUNT_UNUSED_ACCESS',
          configuration: { unusedAccess: { unusedAccessAge: 30 } },
        }),
      )
    ).arn!;
    const all = (await aa().send(new ListFindingsV2Command({ analyzerArn: arn }))).findings!;
    const kinds = all.map((f) => `${f.findingType} ${f.resource}`).sort();
    expect(kinds).toEqual(
      [
        `UnusedIAMRole ${roleArn('idle')}`,
        `UnusedIAMUserAccessKey arn:aws:iam::${ACCOUNT}:user/carol`,
        `UnusedIAMUserPassword arn:aws:iam::${ACCOUNT}:user/carol`,
        `UnusedPermission ${roleArn('busy')}`,
      ].sort(),
    );
    const detail = async (type: string) => {
      const f = all.find((x) => x.findingType === type)!;
      return (await aa().send(new GetFindingV2Command({ analyzerArn: arn, id: f.id }))).findingDetails!;
    };
    expect(await detail('UnusedIAMRole')).toEqual([{ unusedIamRoleDetails: {} }]);
    expect(await detail('UnusedIAMUserAccessKey')).toEqual([
      { unusedIamUserAccessKeyDetails: { accessKeyId: carolKey.AccessKeyId } },
    ]);
    expect(await detail('UnusedIAMUserPassword')).toEqual([{ unusedIamUserPasswordDetails: {} }]);
    expect(await detail('UnusedPermission')).toEqual([
      { unusedPermissionDetails: { serviceNamespace: 's3', actions: [{ action: 'GetObject' }] } },
    ]);

    const stats = await aa().send(new GetFindingsStatisticsCommand({ analyzerArn: arn }));
    expect(stats.findingsStatistics![0]!.unusedAccessFindingsStatistics).toMatchObject({
      totalActiveFindings: 4,
      totalArchivedFindings: 0,
      totalResolvedFindings: 0,
      unusedAccessTypeStatistics: [
        { unusedAccessType: 'UnusedIAMRole', total: 1 },
        { unusedAccessType: 'UnusedIAMUserAccessKey', total: 1 },
        { unusedAccessType: 'UnusedIAMUserPassword', total: 1 },
        { unusedAccessType: 'UnusedPermission', total: 1 },
      ],
      topAccounts: [{ account: ACCOUNT, numberOfActiveFindings: 4 }],
    });
  });

  it("recommends narrowing the role's own policy to the services it used", async () => {
    const arn = `arn:aws:access-analyzer:${REGION}:${ACCOUNT}:analyzer/unused`;
    const all = (await aa().send(new ListFindingsV2Command({ analyzerArn: arn }))).findings!;
    const unusedPermission = all.find((f) => f.findingType === 'UnusedPermission')!;
    const get = (id: string) => aa().send(new GetFindingRecommendationCommand({ analyzerArn: arn, id }));
    // nothing to read before it is generated
    expect(await awsError(() => get(unusedPermission.id!))).toMatchObject({
      name: 'ResourceNotFoundException',
      status: 404,
    });
    await aa().send(new GenerateFindingRecommendationCommand({ analyzerArn: arn, id: unusedPermission.id! }));
    const rec = await get(unusedPermission.id!);
    expect(rec).toMatchObject({
      resourceArn: roleArn('busy'),
      recommendationType: 'UnusedPermissionRecommendation',
      status: 'SUCCEEDED',
    });
    expect(rec.recommendedSteps).toHaveLength(1);
    const step = rec.recommendedSteps![0]!.unusedPermissionsRecommendedStep!;
    expect(step).toMatchObject({ recommendedAction: 'CREATE_POLICY', existingPolicyId: 'p' });
    // busy used IAM and never S3: the narrowed policy keeps iam:ListRoles only
    expect(JSON.parse(step.recommendedPolicy!)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' }],
    });
    // only UnusedPermission findings have recommendations
    const role = all.find((f) => f.findingType === 'UnusedIAMRole')!;
    expect(
      await awsError(() =>
        aa().send(new GenerateFindingRecommendationCommand({ analyzerArn: arn, id: role.id! })),
      ),
    ).toMatchObject({ name: 'ValidationException', status: 400 });
  });

  it('resolves an unused role finding once the role is used', async () => {
    const arn = `arn:aws:access-analyzer:${REGION}:${ACCOUNT}:analyzer/unused`;
    const idle = async () =>
      (
        await aa().send(
          new ListFindingsV2Command({ analyzerArn: arn, filter: { resource: { eq: [roleArn('idle')] } } }),
        )
      ).findings!;
    const before = await idle();
    expect(before).toMatchObject([{ findingType: 'UnusedIAMRole', status: 'ACTIVE' }]);
    await iam().send(
      new PutRolePolicyCommand({
        RoleName: 'idle',
        PolicyName: 'p',
        PolicyDocument: allow(['iam:ListRoles']),
      }),
    );
    const session = (
      await sts(dave).send(new AssumeRoleCommand({ RoleArn: roleArn('idle'), RoleSessionName: 'ss' }))
    ).Credentials!;
    await iam({
      accessKeyId: session.AccessKeyId!,
      secretAccessKey: session.SecretAccessKey!,
      sessionToken: session.SessionToken!,
    }).send(new ListRolesCommand({}));
    const after = await idle();
    expect(after).toMatchObject([{ id: before[0]!.id, findingType: 'UnusedIAMRole', status: 'RESOLVED' }]);
  });
});

// create-analyzer and list-analyzers came after the AWS CLI v2 that Debian installs: v1 has them
const CASES: [CliVersion, Backend][] = CLI_VERSIONS.filter((v) => v === 'v1').flatMap((v) =>
  BACKENDS.map((b): [CliVersion, Backend] => [v, b]),
);

describeEachCli(CASES)('aws %s accessanalyzer analyzers on %s', { timeout: 120_000 }, (version, backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t.destroy());

  it('create-analyzer prints the ARN and list-analyzers lists it', async () => {
    const cli = await awsCli(version, t.url, t.root);
    const created = await cli.json<{ arn: string }>([
      'accessanalyzer',
      'create-analyzer',
      '--analyzer-name',
      'cli',
      '--type',
      'ACCOUNT',
    ]);
    expect(created.arn).toMatch(/^arn:aws:access-analyzer:[a-z0-9-]+:123456789012:analyzer\/cli$/);
    const listed = await cli.json<{ analyzers: { name: string; type: string; status: string }[] }>([
      'accessanalyzer',
      'list-analyzers',
    ]);
    expect(listed.analyzers).toMatchObject([{ name: 'cli', type: 'ACCOUNT', status: 'ACTIVE' }]);
  });
});
