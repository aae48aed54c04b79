// Access Analyzer's analyzer settings and the older finding operations, with the real
// @aws-sdk/client-accessanalyzer on both backends: UpdateAnalyzer (tracking period, exclusions by tag
// and by account, refused for external access), analyzer tags, ListFindings / GetFinding in their flat
// shape (external access only), both generations authorized as access-analyzer:ListFindings /
// GetFinding, and unused actions within a used service with a recommendation that narrows wildcards
// to the actions used. The AWS CLI v1 tags an analyzer by ARN in the URI path.
import {
  AccessAnalyzerClient,
  CreateAnalyzerCommand,
  GenerateFindingRecommendationCommand,
  GetAnalyzerCommand,
  GetFindingCommand,
  GetFindingRecommendationCommand,
  GetFindingV2Command,
  ListFindingsCommand,
  ListFindingsV2Command,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAnalyzerCommand,
} from '@aws-sdk/client-accessanalyzer';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetRoleCommand,
  IAMClient,
  ListRolesCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  TagRoleCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const REGION = 'us-east-1';
const DAY = 86_400_000;
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const analyzerArn = (name: string) => `arn:aws:access-analyzer:${REGION}:${ACCOUNT}:analyzer/${name}`;
const trust = (principal: unknown) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }],
  });
const allow = (actions: string | string[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });

describe.each(BACKENDS)('Access Analyzer settings and older finding operations on %s', (backend: Backend) => {
  let t: TestServer;
  let now = new Date();
  let caller: Credentials;
  const options = (credentials: Credentials) => ({
    endpoint: t.url,
    region: REGION,
    credentials,
    maxAttempts: 1,
    systemClockOffset: now.getTime() - Date.now(),
  });
  const aa = (c: Credentials = t.root) => new AccessAnalyzerClient(options(c));
  const iam = (c: Credentials = t.root) => new IAMClient(options(c));
  const assume = async (role: string) => {
    const s = (
      await new STSClient(options(caller)).send(
        new AssumeRoleCommand({ RoleArn: roleArn(role), RoleSessionName: 'ss' }),
      )
    ).Credentials!;
    return {
      accessKeyId: s.AccessKeyId!,
      secretAccessKey: s.SecretAccessKey!,
      sessionToken: s.SessionToken!,
    };
  };
  const aaSend =
    (c: Credentials): AccessAnalyzerClient['send'] =>
    (command: Parameters<AccessAnalyzerClient['send']>[0]) =>
      aa(c).send(command);
  const findingsOf = async (analyzer: string) =>
    (await aa().send(new ListFindingsV2Command({ analyzerArn: analyzerArn(analyzer) }))).findings!;

  beforeAll(async () => {
    t = await startTestServer(backend, { clock: { now: () => now } });
    await iam().send(new CreateUserCommand({ UserName: 'caller' }));
    await iam().send(
      new PutUserPolicyCommand({
        UserName: 'caller',
        PolicyName: 'p',
        PolicyDocument: allow('sts:AssumeRole'),
      }),
    );
    const k = (await iam().send(new CreateAccessKeyCommand({ UserName: 'caller' }))).AccessKey!;
    caller = { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! };
    for (const name of ['idle-kept', 'idle-excluded', 'wide'])
      await iam().send(
        new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust({ AWS: ACCOUNT }) }),
      );
    await iam().send(
      new CreateRoleCommand({ RoleName: 'outside', AssumeRolePolicyDocument: trust({ AWS: '*' }) }),
    );
    await iam().send(
      new TagRoleCommand({ RoleName: 'idle-excluded', Tags: [{ Key: 'team', Value: 'sandbox' }] }),
    );
    // wide may call every IAM action and read S3 objects
    await iam().send(
      new PutRolePolicyCommand({
        RoleName: 'wide',
        PolicyName: 'wide',
        PolicyDocument: allow(['iam:*', 's3:GetObject']),
      }),
    );
    now = new Date(now.getTime() + 100 * DAY);
    const wide = await assume('wide');
    await iam(wide).send(new ListRolesCommand({}));
    await iam(wide).send(new GetRoleCommand({ RoleName: 'wide' }));
    await aa().send(new CreateAnalyzerCommand({ analyzerName: 'unused', type: 'ACCOUNT_UNUSED_ACCESS' }));
    await aa().send(new CreateAnalyzerCommand({ analyzerName: 'external', type: 'ACCOUNT' }));
  });
  afterAll(() => t.destroy());

  it('excludes entities by tag with UpdateAnalyzer, and brings their findings back when the rule goes', async () => {
    const unusedRoles = async () =>
      (await findingsOf('unused'))
        .filter((f) => f.findingType === 'UnusedIAMRole' && f.status === 'ACTIVE')
        .map((f) => f.resource)
        .sort();
    expect(await unusedRoles()).toEqual([roleArn('idle-excluded'), roleArn('idle-kept'), roleArn('outside')]);
    const updated = await aa().send(
      new UpdateAnalyzerCommand({
        analyzerName: 'unused',
        configuration: {
          unusedAccess: { analysisRule: { exclusions: [{ resourceTags: [{ team: 'sandbox' }] }] } },
        },
      }),
    );
    expect(updated.configuration).toEqual({
      unusedAccess: {
        unusedAccessAge: 90,
        analysisRule: { exclusions: [{ resourceTags: [{ team: 'sandbox' }] }] },
      },
    });
    expect(await unusedRoles()).toEqual([roleArn('idle-kept'), roleArn('outside')]);
    const { analyzer } = await aa().send(new GetAnalyzerCommand({ analyzerName: 'unused' }));
    expect(analyzer!.configuration).toEqual(updated.configuration);
    await aa().send(
      new UpdateAnalyzerCommand({
        analyzerName: 'unused',
        configuration: { unusedAccess: { analysisRule: { exclusions: [] } } },
      }),
    );
    expect(await unusedRoles()).toEqual([roleArn('idle-excluded'), roleArn('idle-kept'), roleArn('outside')]);
  });

  it('changes the tracking period: a longer one than the roles have existed finds nothing unused', async () => {
    await aa().send(
      new UpdateAnalyzerCommand({
        analyzerName: 'unused',
        configuration: { unusedAccess: { unusedAccessAge: 200 } },
      }),
    );
    const active = (await findingsOf('unused')).filter((f) => f.status === 'ACTIVE');
    expect(active).toEqual([]);
    await aa().send(
      new UpdateAnalyzerCommand({
        analyzerName: 'unused',
        configuration: { unusedAccess: { unusedAccessAge: 90 } },
      }),
    );
    expect((await findingsOf('unused')).filter((f) => f.status === 'ACTIVE').length).toBeGreaterThan(0);
  });

  it('refuses UpdateAnalyzer for an external access analyzer, account exclusions for an account analyzer, and bad ages', async () => {
    const refused = (analyzerName: string, unusedAccess: object) =>
      awsError(() => aa().send(new UpdateAnalyzerCommand({ analyzerName, configuration: { unusedAccess } })));
    expect(await refused('external', { unusedAccessAge: 30 })).toMatchObject({
      name: 'ValidationException',
      status: 400,
    });
    expect(
      await refused('unused', { analysisRule: { exclusions: [{ accountIds: ['111122223333'] }] } }),
    ).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(await refused('unused', { unusedAccessAge: 366 })).toMatchObject({ name: 'ValidationException' });
    expect(await refused('missing', { unusedAccessAge: 30 })).toMatchObject({
      name: 'ResourceNotFoundException',
      status: 404,
    });
    const { analyzer } = await aa().send(new GetAnalyzerCommand({ analyzerName: 'unused' }));
    expect(analyzer!.configuration?.unusedAccess?.unusedAccessAge).toBe(90);
  });

  it('tags, lists and untags an analyzer by ARN; refuses reserved keys and unknown ARNs', async () => {
    const resourceArn = analyzerArn('external');
    await aa().send(new TagResourceCommand({ resourceArn, tags: { owner: 'secops', stage: 'prod' } }));
    await aa().send(new TagResourceCommand({ resourceArn, tags: { stage: 'test' } }));
    expect((await aa().send(new ListTagsForResourceCommand({ resourceArn }))).tags).toEqual({
      owner: 'secops',
      stage: 'test',
    });
    await aa().send(new UntagResourceCommand({ resourceArn, tagKeys: ['owner', 'absent'] }));
    expect((await aa().send(new ListTagsForResourceCommand({ resourceArn }))).tags).toEqual({
      stage: 'test',
    });
    expect((await aa().send(new GetAnalyzerCommand({ analyzerName: 'external' }))).analyzer!.tags).toEqual({
      stage: 'test',
    });
    expect(
      await awsError(() => aa().send(new TagResourceCommand({ resourceArn, tags: { 'aws:x': 'y' } }))),
    ).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(
      await awsError(() =>
        aa().send(new ListTagsForResourceCommand({ resourceArn: analyzerArn('nothing-here') })),
      ),
    ).toMatchObject({ name: 'ResourceNotFoundException', status: 404 });
  });

  it('lists and gets external access findings in the flat shape of ListFindings / GetFinding', async () => {
    const { findings } = await aa().send(new ListFindingsCommand({ analyzerArn: analyzerArn('external') }));
    expect(findings).toHaveLength(1);
    const f = findings![0]!;
    expect(f).toMatchObject({
      resource: roleArn('outside'),
      resourceType: 'AWS::IAM::Role',
      status: 'ACTIVE',
      isPublic: true,
      principal: { AWS: '*' },
      action: ['sts:AssumeRole'],
      condition: {},
      resourceOwnerAccount: ACCOUNT,
    });
    const { finding } = await aa().send(
      new GetFindingCommand({ analyzerArn: analyzerArn('external'), id: f.id! }),
    );
    expect(finding).toMatchObject({
      id: f.id,
      resource: roleArn('outside'),
      isPublic: true,
      principal: { AWS: '*' },
    });
    expect(finding!.createdAt).toBeInstanceOf(Date);
    const filtered = await aa().send(
      new ListFindingsCommand({
        analyzerArn: analyzerArn('external'),
        filter: { isPublic: { eq: ['false'] } },
      }),
    );
    expect(filtered.findings).toEqual([]);
  });

  it('refuses ListFindings and GetFinding for an unused access analyzer, as AWS does', async () => {
    expect(
      await awsError(() => aa().send(new ListFindingsCommand({ analyzerArn: analyzerArn('unused') }))),
    ).toMatchObject({ name: 'ValidationException', status: 400 });
    const any = (await findingsOf('unused'))[0]!;
    expect(
      await awsError(() =>
        aa().send(new GetFindingCommand({ analyzerArn: analyzerArn('unused'), id: any.id })),
      ),
    ).toMatchObject({ name: 'ValidationException', status: 400 });
  });

  it('authorizes both generations as access-analyzer:ListFindings and access-analyzer:GetFinding', async () => {
    await iam().send(new CreateUserCommand({ UserName: 'reader' }));
    await iam().send(
      new PutUserPolicyCommand({
        UserName: 'reader',
        PolicyName: 'p',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'access-analyzer:ListFindings', Resource: analyzerArn('external') },
            { Effect: 'Allow', Action: 'access-analyzer:GetFinding', Resource: analyzerArn('external') },
          ],
        }),
      }),
    );
    const k = (await iam().send(new CreateAccessKeyCommand({ UserName: 'reader' }))).AccessKey!;
    // a client per call: the SDK takes its clock from the server's Date header, not the test clock
    const reader = { send: aaSend({ accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! }) };
    const v2 = await reader.send(new ListFindingsV2Command({ analyzerArn: analyzerArn('external') }));
    const v1 = await reader.send(new ListFindingsCommand({ analyzerArn: analyzerArn('external') }));
    expect(v2.findings!.map((f) => f.id)).toEqual(v1.findings!.map((f) => f.id));
    const id = v1.findings![0]!.id!;
    expect(
      (await reader.send(new GetFindingV2Command({ analyzerArn: analyzerArn('external'), id }))).id,
    ).toBe(id);
    expect(
      await awsError(() => reader.send(new ListFindingsV2Command({ analyzerArn: analyzerArn('unused') }))),
    ).toMatchObject({ name: 'AccessDeniedException', status: 403 });
  });

  it('reports the unused actions of a service the role did use, and narrows iam:* to the actions used', async () => {
    const wide = (await findingsOf('unused')).find(
      (f) => f.resource === roleArn('wide') && f.findingType === 'UnusedPermission',
    )!;
    const { findingDetails } = await aa().send(
      new GetFindingV2Command({ analyzerArn: analyzerArn('unused'), id: wide.id!, maxResults: 10 }),
    );
    const byService = new Map(
      findingDetails!.map((d) => [d.unusedPermissionDetails!.serviceNamespace, d.unusedPermissionDetails!]),
    );
    // S3 was never used: the whole service, with the one granted action
    expect(byService.get('s3')).toEqual({ serviceNamespace: 's3', actions: [{ action: 'GetObject' }] });
    // IAM was used: its unused actions are listed, the two used ones are not
    const iamDetail = byService.get('iam')!;
    expect(iamDetail.lastAccessed).toBeInstanceOf(Date);
    const names = iamDetail.actions!.map((a) => a.action);
    expect(names).toContain('CreateUser');
    expect(names).toContain('DeleteRole');
    expect(names).not.toContain('ListRoles');
    expect(names).not.toContain('GetRole');

    await aa().send(
      new GenerateFindingRecommendationCommand({ analyzerArn: analyzerArn('unused'), id: wide.id! }),
    );
    const rec = await aa().send(
      new GetFindingRecommendationCommand({ analyzerArn: analyzerArn('unused'), id: wide.id! }),
    );
    const step = rec.recommendedSteps![0]!.unusedPermissionsRecommendedStep!;
    expect(step).toMatchObject({ recommendedAction: 'CREATE_POLICY', existingPolicyId: 'wide' });
    expect(JSON.parse(step.recommendedPolicy!)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['iam:GetRole', 'iam:ListRoles'], Resource: '*' }],
    });
  });

  it('refuses to untag an ARN that is not an analyzer of the account', async () => {
    expect(
      await awsError(() =>
        aa().send(new UntagResourceCommand({ resourceArn: roleArn('wide'), tagKeys: ['x'] })),
      ),
    ).toMatchObject({ name: 'ResourceNotFoundException', status: 404 });
  });
});

// tag-resource / list-tags-for-resource / update-analyzer: AWS CLI v1 (Debian's v2 predates them)
const CASES: [CliVersion, Backend][] = CLI_VERSIONS.filter((v) => v === 'v1').flatMap((v) =>
  BACKENDS.map((b): [CliVersion, Backend] => [v, b]),
);

describeEachCli(CASES)(
  'aws %s accessanalyzer tags and update-analyzer on %s',
  { timeout: 120_000 },
  (version, backend) => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer(backend);
    });
    afterAll(() => t.destroy());

    it('tags an analyzer named by ARN in the URI path and updates its tracking period', async () => {
      const cli = await awsCli(version, t.url, t.root);
      const { arn } = await cli.json<{ arn: string }>([
        'accessanalyzer',
        'create-analyzer',
        '--analyzer-name',
        'cli',
        '--type',
        'ACCOUNT_UNUSED_ACCESS',
      ]);
      await cli.json(['accessanalyzer', 'tag-resource', '--resource-arn', arn, '--tags', 'team=secops']);
      const listed = await cli.json<{ tags: Record<string, string> }>([
        'accessanalyzer',
        'list-tags-for-resource',
        '--resource-arn',
        arn,
      ]);
      expect(listed.tags).toEqual({ team: 'secops' });
      const updated = await cli.json<{ configuration: unknown }>([
        'accessanalyzer',
        'update-analyzer',
        '--analyzer-name',
        'cli',
        '--configuration',
        '{"unusedAccess":{"unusedAccessAge":45}}',
      ]);
      expect(updated.configuration).toEqual({ unusedAccess: { unusedAccessAge: 45 } });
    });
  },
);
