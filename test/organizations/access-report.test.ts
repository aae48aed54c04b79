// Organizations access reports over HTTP with the real SDK v3 IAM client, on each backend: for the
// root, an OU or an account of an organization built through the Organizations API, the services the
// SCPs there allow, each with the last attempt by principals of the accounts in scope (never the
// management account's); one SCP alone when its id is given; sorting, paging and AWS's errors.
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  GenerateOrganizationsAccessReportCommand,
  GenerateServiceLastAccessedDetailsCommand,
  GetOrganizationsAccessReportCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OrgFixture, orgFixture } from '../support/org-fixture.ts';
import {
  awsError,
  BACKENDS,
  type Credentials,
  startTestServer,
  type TestServer,
} from '../support/test-server.ts';

const MEMBER = '222233334444';
const OTHER = '333344445555';
const doc = (statements: object[]) => ({ Version: '2012-10-17', Statement: statements });

describe.each(BACKENDS)('Organizations access reports on %s', (backend) => {
  let t: TestServer;
  let o: OrgFixture;
  let member: Credentials;
  let ou: string;
  let ouPath: string;
  let onlyIamAndEc2: string;

  beforeAll(async () => {
    t = await startTestServer(backend);
    o = await orgFixture(t);
    ou = await o.ou('Workloads');
    member = await o.member(MEMBER, ou);
    await o.member(OTHER);
    await o.enable('SERVICE_CONTROL_POLICY');
    await o.attach(
      await o.policy('SERVICE_CONTROL_POLICY', doc([{ Effect: 'Deny', Action: 's3:*', Resource: '*' }])),
      ou,
    );
    onlyIamAndEc2 = await o.policy(
      'SERVICE_CONTROL_POLICY',
      doc([{ Effect: 'Allow', Action: ['iam:*', 'ec2:Describe*'], Resource: '*' }]),
    );
    ouPath = `${o.org.org_id}/${o.org.root_id}/${ou}`;
    // activity: a user of the member account calls IAM (and so does the management account, whose
    // calls are never counted)
    const memberIam = t.iam(member);
    await memberIam.send(new CreateUserCommand({ UserName: 'worker' }));
    await memberIam.send(
      new PutUserPolicyCommand({
        UserName: 'worker',
        PolicyName: 'list',
        PolicyDocument: JSON.stringify(doc([{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }])),
      }),
    );
    const key = (await memberIam.send(new CreateAccessKeyCommand({ UserName: 'worker' }))).AccessKey!;
    await t
      .iam({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! })
      .send(new ListUsersCommand({}));
    await t.iam().send(new CreateUserCommand({ UserName: 'admin' }));
    await t.iam().send(new ListUsersCommand({}));
  });
  afterAll(() => t.destroy());

  const generate = async (EntityPath: string, OrganizationsPolicyId?: string) =>
    (await t.iam().send(new GenerateOrganizationsAccessReportCommand({ EntityPath, OrganizationsPolicyId })))
      .JobId!;
  const report = (JobId: string, extra: { SortKey?: string; MaxItems?: number; Marker?: string } = {}) =>
    t.iam().send(new GetOrganizationsAccessReportCommand({ JobId, ...(extra as object) }));

  it('reports the services the SCPs of an OU allow, with the last attempt from an account under it', async () => {
    const got = await report(await generate(ouPath), { MaxItems: 1000 });
    expect(got.JobStatus).toBe('COMPLETED');
    const details = got.AccessDetails!;
    const namespaces = details.map((d) => d.ServiceNamespace);
    // FullAWSAccess at the root and the OU, minus the OU's Deny of s3:*
    expect(namespaces).toContain('ec2');
    expect(namespaces).not.toContain('s3');
    expect(namespaces).toEqual([...namespaces].sort());
    const iam = details.find((d) => d.ServiceNamespace === 'iam')!;
    expect(iam).toMatchObject({
      ServiceName: 'AWS Identity and Access Management',
      EntityPath: `${ouPath}/${MEMBER}`,
      TotalAuthenticatedEntities: 1,
    });
    expect(iam.LastAuthenticatedTime).toBeInstanceOf(Date);
    expect(got.NumberOfServicesAccessible).toBe(details.length);
    expect(got.NumberOfServicesNotAccessed).toBe(details.filter((d) => !d.LastAuthenticatedTime).length);
  });

  it('reports one SCP alone when its id is given, sorted by last attempt when asked, page by page', async () => {
    const job = await generate(`${o.org.org_id}/${o.org.root_id}`, onlyIamAndEc2);
    const byTime = await report(job, { SortKey: 'LAST_AUTHENTICATED_TIME_DESCENDING' });
    expect(byTime.AccessDetails!.map((d) => d.ServiceNamespace)).toEqual(['iam', 'ec2']);
    const first = await report(job, { MaxItems: 1 });
    expect(first.AccessDetails!.map((d) => d.ServiceNamespace)).toEqual(['ec2']);
    expect(first.IsTruncated).toBe(true);
    const second = await report(job, { MaxItems: 1, Marker: first.Marker! });
    expect(second.AccessDetails!.map((d) => d.ServiceNamespace)).toEqual(['iam']);
    expect(second.IsTruncated).toBe(false);
  });

  it('reports an account by its path; the management account’s own calls are never in scope', async () => {
    const other = await report(await generate(`${o.org.org_id}/${o.org.root_id}/${OTHER}`), {
      MaxItems: 1000,
    });
    const iam = other.AccessDetails!.find((d) => d.ServiceNamespace === 'iam')!;
    expect(iam.LastAuthenticatedTime).toBeUndefined();
    expect(iam.TotalAuthenticatedEntities).toBe(0);
    // s3 is allowed outside the OU
    expect(other.AccessDetails!.map((d) => d.ServiceNamespace)).toContain('s3');
  });

  it("answers AWS's errors: a path not in the organization, a member account, an unknown job", async () => {
    expect(await awsError(() => generate(`${o.org.org_id}/${o.org.root_id}/ou-zzzz-zzzzzzzz`))).toMatchObject(
      {
        code: 'InvalidInput',
        status: 400,
      },
    );
    expect(
      await awsError(() =>
        t.iam(member).send(new GenerateOrganizationsAccessReportCommand({ EntityPath: ouPath })),
      ),
    ).toMatchObject({ code: 'AccessDenied' });
    expect(await awsError(() => report('00000000-0000-0000-0000-000000000000'))).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
    });
    // a service last accessed job is not an Organizations access report
    const other = (
      await t.iam().send(
        new GenerateServiceLastAccessedDetailsCommand({
          Arn: `arn:aws:iam::${t.config.accountId}:user/admin`,
        }),
      )
    ).JobId!;
    expect(await awsError(() => report(other))).toMatchObject({ code: 'NoSuchEntity' });
  });
});
