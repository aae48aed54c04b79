// IAM's last accessed data through the real clients: GenerateServiceLastAccessedDetails for a user, a
// role, a group and managed policies, then GetServiceLastAccessedDetails (services, times, entities,
// regions, totals, tracked actions, paging), GetServiceLastAccessedDetailsWithEntities and
// ListPoliciesGrantingServiceAccess, checked against AWS's API reference for each and the IAM User
// Guide's "Refining permissions in AWS using last accessed information"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_access-advisor.html); then the
// same report with AWS CLI v1 and v2.
import {
  AddUserToGroupCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GenerateServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsWithEntitiesCommand,
  GetUserCommand,
  type IAMClient,
  ListGroupsCommand,
  ListPoliciesGrantingServiceAccessCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { IAMClient as Client } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCatalogue } from '../../src/policy/index.ts';
import { awsCli, CLI_VERSIONS, describeEachCli, type CliVersion } from '../support/aws-cli.ts';
import {
  awsError,
  BACKENDS,
  type Backend,
  type Credentials,
  startTestServer,
  type TestServer,
} from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const arn = (type: string, name: string) => `arn:aws:iam::${ACCOUNT}:${type}/${name}`;
const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (action: string | string[]) => doc([{ Effect: 'Allow', Action: action, Resource: '*' }]);
const trustAccount = doc([{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' }]);

async function userWithKey(iam: IAMClient, name: string): Promise<Credentials> {
  await iam.send(new CreateUserCommand({ UserName: name }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
}

describe.each(BACKENDS)('service last accessed data on %s', (backend) => {
  let t: TestServer;
  const base = Math.floor(Date.now() / 1000) * 1000;
  let now = new Date(base);
  /** The server's clock `seconds` after the start, for the calls that follow. */
  const at = (seconds: number) => {
    now = new Date(base + seconds * 1000);
    return now;
  };
  const client = (creds: Credentials, region = 'us-east-1') =>
    new Client({ endpoint: t.url, region, credentials: creds, maxAttempts: 1 });
  const ids: Record<string, string> = {};
  const times: Record<string, Date> = {};

  const generate = async (target: string, granularity?: 'SERVICE_LEVEL' | 'ACTION_LEVEL') =>
    (
      await t
        .iam()
        .send(new GenerateServiceLastAccessedDetailsCommand({ Arn: target, Granularity: granularity }))
    ).JobId!;
  const services = async (jobId: string) =>
    (await t.iam().send(new GetServiceLastAccessedDetailsCommand({ JobId: jobId }))).ServicesLastAccessed!;
  const entities = async (jobId: string, namespace: string) =>
    (
      await t
        .iam()
        .send(
          new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId: jobId, ServiceNamespace: namespace }),
        )
    ).EntityDetailsList!;

  beforeAll(async () => {
    t = await startTestServer(backend, { clock: { now: () => now } });
    const iam = t.iam();
    // alice: s3:* and iam:List* inline; the auditors managed policy; ec2:Describe* through ops-team
    const alice = await userWithKey(iam, 'alice');
    ids.alice = (await iam.send(new GetUserCommand({ UserName: 'alice' }))).User!.UserId!;
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'work',
        PolicyDocument: allow(['s3:*', 'iam:List*']),
      }),
    );
    await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'auditors',
        PolicyDocument: allow(['iam:GetAccountSummary', 'cloudtrail:LookupEvents']),
      }),
    );
    await iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: arn('policy', 'auditors') }));
    await iam.send(new CreateGroupCommand({ GroupName: 'ops-team' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'ops-team', UserName: 'alice' }));
    await iam.send(
      new PutGroupPolicyCommand({
        GroupName: 'ops-team',
        PolicyName: 'team',
        PolicyDocument: allow('ec2:Describe*'),
      }),
    );
    // the deployer role (ListRoles, GetRole; auditors too), assumed by ops
    const role = await iam.send(
      new CreateRoleCommand({ RoleName: 'deployer', Path: '/ci/', AssumeRolePolicyDocument: trustAccount }),
    );
    ids.deployer = role.Role!.RoleId!;
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'deployer',
        PolicyName: 'deploy',
        PolicyDocument: allow(['iam:ListRoles', 'iam:GetRole']),
      }),
    );
    await iam.send(
      new AttachRolePolicyCommand({ RoleName: 'deployer', PolicyArn: arn('policy', 'auditors') }),
    );
    const ops = await userWithKey(iam, 'ops');
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'ops',
        PolicyName: 'assume',
        PolicyDocument: allow('sts:AssumeRole'),
      }),
    );
    // devs: bob and carol, allowed ListGroups and s3:GetObject
    await iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await iam.send(
      new PutGroupPolicyCommand({
        GroupName: 'devs',
        PolicyName: 'dev',
        PolicyDocument: allow(['iam:ListGroups', 's3:GetObject']),
      }),
    );
    const bob = await userWithKey(iam, 'bob');
    const carol = await userWithKey(iam, 'carol');
    ids.bob = (await iam.send(new GetUserCommand({ UserName: 'bob' }))).User!.UserId!;
    ids.carol = (await iam.send(new GetUserCommand({ UserName: 'carol' }))).User!.UserId!;
    await iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'bob' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'carol' }));

    // the story: attempts, allowed and denied, at known times and from known regions
    times.aliceListUsers = at(10);
    await client(alice).send(new ListUsersCommand({}));
    times.aliceGetUser = at(20);
    expect(
      (await awsError(() => client(alice, 'eu-west-1').send(new GetUserCommand({ UserName: 'bob' })))).code,
    ).toBe('AccessDenied');
    at(30);
    const session = (
      await t
        .sts(ops)
        .send(new AssumeRoleCommand({ RoleArn: arn('role', 'ci/deployer'), RoleSessionName: 'release' }))
    ).Credentials!;
    const deployer = {
      accessKeyId: session.AccessKeyId!,
      secretAccessKey: session.SecretAccessKey!,
      sessionToken: session.SessionToken!,
    };
    times.deployerListRoles = at(40);
    await client(deployer, 'us-west-2').send(new ListRolesCommand({}));
    times.deployerListUsers = at(45);
    expect((await awsError(() => client(deployer, 'us-west-2').send(new ListUsersCommand({})))).code).toBe(
      'AccessDenied',
    );
    times.bob = at(50);
    await client(bob).send(new ListGroupsCommand({}));
    times.carol = at(60);
    await client(carol, 'ap-southeast-2').send(new ListGroupsCommand({}));
    at(70);
  });
  afterAll(() => t.destroy());

  it('reports a user: every service its own and its groups’ policies allow, by namespace', async () => {
    const jobId = await generate(arn('user', 'alice'));
    expect(jobId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const out = await t.iam().send(new GetServiceLastAccessedDetailsCommand({ JobId: jobId }));
    expect(out.JobStatus).toBe('COMPLETED');
    expect(out.JobType).toBe('SERVICE_LEVEL');
    expect(out.JobCreationDate).toEqual(now);
    expect(out.JobCompletionDate).toEqual(now);
    expect(out.IsTruncated).toBe(false);
    expect(out.ServicesLastAccessed).toEqual([
      { ServiceName: 'AWS CloudTrail', ServiceNamespace: 'cloudtrail', TotalAuthenticatedEntities: 0 },
      { ServiceName: 'Amazon EC2', ServiceNamespace: 'ec2', TotalAuthenticatedEntities: 0 },
      {
        ServiceName: 'AWS Identity and Access Management',
        ServiceNamespace: 'iam',
        // the denied GetUser counts: Access Advisor reports attempts, not only successes
        LastAuthenticated: times.aliceGetUser,
        LastAuthenticatedEntity: arn('user', 'alice'),
        LastAuthenticatedRegion: 'eu-west-1',
        TotalAuthenticatedEntities: 1,
      },
      { ServiceName: 'Amazon Simple Storage Service', ServiceNamespace: 's3', TotalAuthenticatedEntities: 0 },
    ]);
  });

  it('reports a role from its sessions’ attempts', async () => {
    const jobId = await generate(arn('role', 'ci/deployer'));
    expect(await services(jobId)).toEqual([
      { ServiceName: 'AWS CloudTrail', ServiceNamespace: 'cloudtrail', TotalAuthenticatedEntities: 0 },
      {
        ServiceName: 'AWS Identity and Access Management',
        ServiceNamespace: 'iam',
        LastAuthenticated: times.deployerListUsers,
        LastAuthenticatedEntity: arn('role', 'ci/deployer'),
        LastAuthenticatedRegion: 'us-west-2',
        TotalAuthenticatedEntities: 1,
      },
    ]);
    // for a role report, the role itself
    expect(await entities(jobId, 'iam')).toEqual([
      {
        EntityInfo: {
          Arn: arn('role', 'ci/deployer'),
          Name: 'deployer',
          Type: 'ROLE',
          Id: ids.deployer,
          Path: '/ci/',
        },
        LastAuthenticated: times.deployerListUsers,
      },
    ]);
  });

  it('reports a group from its members, and lists them most recent first', async () => {
    const jobId = await generate(arn('group', 'devs'));
    expect(await services(jobId)).toEqual([
      {
        ServiceName: 'AWS Identity and Access Management',
        ServiceNamespace: 'iam',
        LastAuthenticated: times.carol,
        LastAuthenticatedEntity: arn('user', 'carol'),
        LastAuthenticatedRegion: 'ap-southeast-2',
        TotalAuthenticatedEntities: 2,
      },
      { ServiceName: 'Amazon Simple Storage Service', ServiceNamespace: 's3', TotalAuthenticatedEntities: 0 },
    ]);
    const info = (name: string) => ({
      Arn: arn('user', name),
      Name: name,
      Type: 'USER',
      Id: ids[name],
      Path: '/',
    });
    expect(await entities(jobId, 'iam')).toEqual([
      { EntityInfo: info('carol'), LastAuthenticated: times.carol },
      { EntityInfo: info('bob'), LastAuthenticated: times.bob },
    ]);
    // members who never attempted the service are listed without a date
    expect(await entities(jobId, 's3')).toEqual([{ EntityInfo: info('bob') }, { EntityInfo: info('carol') }]);
  });

  it('reports a managed policy from every user and role it is attached to', async () => {
    const jobId = await generate(arn('policy', 'auditors'));
    expect(await services(jobId)).toEqual([
      { ServiceName: 'AWS CloudTrail', ServiceNamespace: 'cloudtrail', TotalAuthenticatedEntities: 0 },
      {
        ServiceName: 'AWS Identity and Access Management',
        ServiceNamespace: 'iam',
        LastAuthenticated: times.deployerListUsers,
        LastAuthenticatedEntity: arn('role', 'ci/deployer'),
        LastAuthenticatedRegion: 'us-west-2',
        TotalAuthenticatedEntities: 2,
      },
    ]);
    const listed = await entities(jobId, 'iam');
    expect(listed.map((e) => [e.EntityInfo!.Type, e.EntityInfo!.Name, e.LastAuthenticated])).toEqual([
      ['ROLE', 'deployer', times.deployerListUsers],
      ['USER', 'alice', times.aliceGetUser],
    ]);
  });

  it('reports an AWS managed policy attached to nothing: its services, never used', async () => {
    const jobId = await generate('arn:aws:iam::aws:policy/AdministratorAccess');
    const all = await services(jobId);
    expect(all).toHaveLength(100);
    const out = await t
      .iam()
      .send(new GetServiceLastAccessedDetailsCommand({ JobId: jobId, MaxItems: 1000 }));
    expect(out.ServicesLastAccessed).toHaveLength(awsCatalogue().serviceKeys().length);
    expect(
      out.ServicesLastAccessed!.every((s) => s.TotalAuthenticatedEntities === 0 && !s.LastAuthenticated),
    ).toBe(true);
    expect(out.ServicesLastAccessed!.find((s) => s.ServiceNamespace === 'sts')?.ServiceName).toBe(
      'AWS Security Token Service',
    );
  });

  it('ACTION_LEVEL lists each allowed action of a used service with its last attempt', async () => {
    const jobId = await generate(arn('user', 'alice'), 'ACTION_LEVEL');
    const out = await t.iam().send(new GetServiceLastAccessedDetailsCommand({ JobId: jobId }));
    expect(out.JobType).toBe('ACTION_LEVEL');
    const byNamespace = new Map(out.ServicesLastAccessed!.map((s) => [s.ServiceNamespace, s]));
    // services nobody used carry no tracked actions
    expect(byNamespace.get('s3')!.TrackedActionsLastAccessed).toBeUndefined();
    const iamActions = byNamespace.get('iam')!.TrackedActionsLastAccessed!;
    const listActions = awsCatalogue().expandAction('iam:List*');
    expect(iamActions).toHaveLength(listActions.length + 1);
    expect(iamActions.find((a) => a.ActionName === 'ListUsers')).toEqual({
      ActionName: 'ListUsers',
      LastAccessedTime: times.aliceListUsers,
      LastAccessedEntity: arn('user', 'alice'),
      LastAccessedRegion: 'us-east-1',
    });
    expect(iamActions.find((a) => a.ActionName === 'GetAccountSummary')).toEqual({
      ActionName: 'GetAccountSummary',
    });
    // GetUser was attempted (and denied) but no policy allows it: not one of the listed actions
    expect(iamActions.find((a) => a.ActionName === 'GetUser')).toBeUndefined();
    const names = iamActions.map((a) => a.ActionName!);
    expect(names).toEqual([...names].sort());
  });

  it('sees calls made a moment before, still in the buffer', async () => {
    const dave = await userWithKey(t.iam(), 'dave');
    await t.iam().send(
      new PutUserPolicyCommand({
        UserName: 'dave',
        PolicyName: 'p',
        PolicyDocument: allow('iam:ListUsers'),
      }),
    );
    const when = at(80);
    await client(dave).send(new ListUsersCommand({}));
    const [iam] = await services(await generate(arn('user', 'dave')));
    expect(iam).toMatchObject({
      ServiceNamespace: 'iam',
      LastAuthenticated: when,
      TotalAuthenticatedEntities: 1,
    });
  });

  it('pages services by namespace and entities in their order', async () => {
    const jobId = await generate(arn('user', 'alice'));
    const first = await t.iam().send(new GetServiceLastAccessedDetailsCommand({ JobId: jobId, MaxItems: 3 }));
    expect(first.ServicesLastAccessed!.map((s) => s.ServiceNamespace)).toEqual(['cloudtrail', 'ec2', 'iam']);
    expect(first.IsTruncated).toBe(true);
    const second = await t
      .iam()
      .send(new GetServiceLastAccessedDetailsCommand({ JobId: jobId, MaxItems: 3, Marker: first.Marker }));
    expect(second.ServicesLastAccessed!.map((s) => s.ServiceNamespace)).toEqual(['s3']);
    expect(second.IsTruncated).toBe(false);
    expect(second.Marker).toBeUndefined();

    const group = await generate(arn('group', 'devs'));
    const page1 = await t.iam().send(
      new GetServiceLastAccessedDetailsWithEntitiesCommand({
        JobId: group,
        ServiceNamespace: 'iam',
        MaxItems: 1,
      }),
    );
    expect(page1.EntityDetailsList!.map((e) => e.EntityInfo!.Name)).toEqual(['carol']);
    expect(page1.IsTruncated).toBe(true);
    const page2 = await t.iam().send(
      new GetServiceLastAccessedDetailsWithEntitiesCommand({
        JobId: group,
        ServiceNamespace: 'iam',
        MaxItems: 1,
        Marker: page1.Marker,
      }),
    );
    expect(page2.EntityDetailsList!.map((e) => e.EntityInfo!.Name)).toEqual(['bob']);
    expect(page2.IsTruncated).toBe(false);
  });

  it('lists the policies granting each service: inline with their holder, managed with their ARN', async () => {
    const out = await t.iam().send(
      new ListPoliciesGrantingServiceAccessCommand({
        Arn: arn('user', 'alice'),
        ServiceNamespaces: ['s3', 'iam', 'ec2', 'cloudtrail', 'lambda'],
      }),
    );
    expect(out.IsTruncated).toBe(false);
    const work = { PolicyName: 'work', PolicyType: 'INLINE', EntityType: 'USER', EntityName: 'alice' };
    const auditors = { PolicyName: 'auditors', PolicyType: 'MANAGED', PolicyArn: arn('policy', 'auditors') };
    expect(out.PoliciesGrantingServiceAccess).toEqual([
      { ServiceNamespace: 's3', Policies: [work] },
      { ServiceNamespace: 'iam', Policies: [work, auditors] },
      {
        ServiceNamespace: 'ec2',
        Policies: [{ PolicyName: 'team', PolicyType: 'INLINE', EntityType: 'GROUP', EntityName: 'ops-team' }],
      },
      { ServiceNamespace: 'cloudtrail', Policies: [auditors] },
      { ServiceNamespace: 'lambda', Policies: [] },
    ]);
    const role = await t.iam().send(
      new ListPoliciesGrantingServiceAccessCommand({
        Arn: arn('role', 'ci/deployer'),
        ServiceNamespaces: ['iam'],
      }),
    );
    expect(role.PoliciesGrantingServiceAccess).toEqual([
      {
        ServiceNamespace: 'iam',
        Policies: [
          { PolicyName: 'deploy', PolicyType: 'INLINE', EntityType: 'ROLE', EntityName: 'deployer' },
          auditors,
        ],
      },
    ]);
    // a group's own policies only
    const group = await t.iam().send(
      new ListPoliciesGrantingServiceAccessCommand({
        Arn: arn('group', 'ops-team'),
        ServiceNamespaces: ['ec2', 'iam'],
      }),
    );
    expect(group.PoliciesGrantingServiceAccess).toEqual([
      {
        ServiceNamespace: 'ec2',
        Policies: [{ PolicyName: 'team', PolicyType: 'INLINE', EntityType: 'GROUP', EntityName: 'ops-team' }],
      },
      { ServiceNamespace: 'iam', Policies: [] },
    ]);
  });

  it('answers NoSuchEntity for what does not exist and InvalidInput for other ARNs', async () => {
    const missingUser = await awsError(() => generate(arn('user', 'nobody')));
    expect(missingUser).toMatchObject({ code: 'NoSuchEntity', status: 404 });
    expect(missingUser.message).toBe('The user with name nobody cannot be found.');
    expect(await awsError(() => generate(arn('role', 'nobody')))).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
    });
    expect(await awsError(() => generate(arn('group', 'nobody')))).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
    });
    expect(await awsError(() => generate(arn('policy', 'nobody')))).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
    });
    // a role's ARN with the wrong path names no role
    expect(await awsError(() => generate(arn('role', 'deployer')))).toMatchObject({ code: 'NoSuchEntity' });
    expect(await awsError(() => generate(arn('instance-profile', 'web')))).toMatchObject({
      code: 'InvalidInput',
      status: 400,
    });
    expect(await awsError(() => generate('arn:aws:s3:::some-bucket-name'))).toMatchObject({
      code: 'InvalidInput',
    });
    const unknownJob = '00000000-0000-4000-8000-000000000000';
    const missingJob = await awsError(() => services(unknownJob));
    expect(missingJob).toMatchObject({ code: 'NoSuchEntity', status: 404 });
    expect(await awsError(() => entities(unknownJob, 'iam'))).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
    });
    // ListPoliciesGrantingServiceAccess is about users, groups and roles only
    expect(
      await awsError(() =>
        t.iam().send(
          new ListPoliciesGrantingServiceAccessCommand({
            Arn: arn('policy', 'auditors'),
            ServiceNamespaces: ['iam'],
          }),
        ),
      ),
    ).toMatchObject({ code: 'InvalidInput', status: 400 });
    expect(
      await awsError(() =>
        t.iam().send(
          new ListPoliciesGrantingServiceAccessCommand({
            Arn: arn('user', 'nobody'),
            ServiceNamespaces: ['iam'],
          }),
        ),
      ),
    ).toMatchObject({ code: 'NoSuchEntity', status: 404 });
  });

  it('authorizes Generate on the entity’s ARN and the Get calls on *', async () => {
    const viewer = await userWithKey(t.iam(), 'viewer');
    await t.iam().send(
      new PutUserPolicyCommand({
        UserName: 'viewer',
        PolicyName: 'advisor',
        PolicyDocument: doc([
          {
            Effect: 'Allow',
            Action: 'iam:GenerateServiceLastAccessedDetails',
            Resource: arn('user', 'alice'),
          },
          { Effect: 'Allow', Action: 'iam:GetServiceLastAccessedDetails', Resource: '*' },
        ]),
      }),
    );
    const jobId = (
      await client(viewer).send(new GenerateServiceLastAccessedDetailsCommand({ Arn: arn('user', 'alice') }))
    ).JobId!;
    expect(
      (await client(viewer).send(new GetServiceLastAccessedDetailsCommand({ JobId: jobId }))).JobStatus,
    ).toBe('COMPLETED');
    const denied = await awsError(() =>
      client(viewer).send(new GenerateServiceLastAccessedDetailsCommand({ Arn: arn('user', 'bob') })),
    );
    expect(denied.code).toBe('AccessDenied');
    expect(denied.message).toContain(
      `is not authorized to perform: iam:GenerateServiceLastAccessedDetails on resource: ${arn('user', 'bob')}`,
    );
    const noEntities = await awsError(() =>
      client(viewer).send(
        new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId: jobId, ServiceNamespace: 'iam' }),
      ),
    );
    expect(noEntities.code).toBe('AccessDenied');
    expect(noEntities.message).toContain('iam:GetServiceLastAccessedDetailsWithEntities on resource: *');
  });
});

const CASES: [CliVersion, Backend][] = CLI_VERSIONS.flatMap((v) =>
  BACKENDS.map((b): [CliVersion, Backend] => [v, b]),
);

describeEachCli(CASES)('aws %s iam last accessed reports on %s', { timeout: 120_000 }, (version, backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
    const iam = t.iam();
    const creds = await userWithKey(iam, 'builder');
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'builder',
        PolicyName: 'build',
        PolicyDocument: allow(['iam:List*', 's3:*']),
      }),
    );
    await t.iam(creds).send(new ListUsersCommand({}));
  });
  afterAll(() => t.destroy());

  it('generate-service-last-accessed-details, then get-service-last-accessed-details', async () => {
    const cli = await awsCli(version, t.url, t.root);
    const { JobId } = await cli.json<{ JobId: string }>([
      'iam',
      'generate-service-last-accessed-details',
      '--arn',
      arn('user', 'builder'),
      '--granularity',
      'ACTION_LEVEL',
    ]);
    expect(JobId).toMatch(/^[0-9a-f-]{36}$/);
    const out = await cli.json<{
      JobStatus: string;
      JobType: string;
      ServicesLastAccessed: {
        ServiceNamespace: string;
        ServiceName: string;
        LastAuthenticated?: string;
        LastAuthenticatedEntity?: string;
        LastAuthenticatedRegion?: string;
        TotalAuthenticatedEntities: number;
        TrackedActionsLastAccessed?: { ActionName: string; LastAccessedTime?: string }[];
      }[];
    }>(['iam', 'get-service-last-accessed-details', '--job-id', JobId]);
    expect(out.JobStatus).toBe('COMPLETED');
    expect(out.JobType).toBe('ACTION_LEVEL');
    expect(out.ServicesLastAccessed.map((s) => s.ServiceNamespace)).toEqual(['iam', 's3']);
    const [iam, s3] = out.ServicesLastAccessed;
    expect(iam).toMatchObject({
      ServiceName: 'AWS Identity and Access Management',
      LastAuthenticatedEntity: arn('user', 'builder'),
      LastAuthenticatedRegion: 'us-east-1',
      TotalAuthenticatedEntities: 1,
    });
    expect(Date.parse(iam!.LastAuthenticated!)).toBeGreaterThan(Date.now() - 120_000);
    expect(
      iam!.TrackedActionsLastAccessed!.find((a) => a.ActionName === 'ListUsers')?.LastAccessedTime,
    ).toBeDefined();
    expect(s3).toEqual({
      ServiceName: 'Amazon Simple Storage Service',
      ServiceNamespace: 's3',
      TotalAuthenticatedEntities: 0,
    });
    const withEntities = await cli.json<{
      EntityDetailsList: { EntityInfo: { Name: string; Type: string } }[];
    }>([
      'iam',
      'get-service-last-accessed-details-with-entities',
      '--job-id',
      JobId,
      '--service-namespace',
      'iam',
    ]);
    expect(withEntities.EntityDetailsList.map((e) => e.EntityInfo)).toMatchObject([
      { Name: 'builder', Type: 'USER' },
    ]);
    const granting = await cli.json<{ PoliciesGrantingServiceAccess: unknown[] }>([
      'iam',
      'list-policies-granting-service-access',
      '--arn',
      arn('user', 'builder'),
      '--service-namespaces',
      's3',
    ]);
    expect(granting.PoliciesGrantingServiceAccess).toEqual([
      {
        ServiceNamespace: 's3',
        Policies: [{ PolicyName: 'build', PolicyType: 'INLINE', EntityType: 'USER', EntityName: 'builder' }],
      },
    ]);
  });

  it('prints NoSuchEntity for a job id that was never generated', async () => {
    const cli = await awsCli(version, t.url, t.root);
    const r = await cli.run([
      'iam',
      'get-service-last-accessed-details',
      '--job-id',
      '00000000-0000-4000-8000-000000000000',
    ]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('(NoSuchEntity) when calling the GetServiceLastAccessedDetails operation');
  });
});
