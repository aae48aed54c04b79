// Organizations actions are authorized on what they name, as AWS's Service Authorization Reference
// lists: a policy's, OU's, root's, account's or handshake's ARN, with organizations:PolicyType (from the
// request or the stored policy) and organizations:ServicePrincipal, so that a scoped Deny holds.
import {
  AttachPolicyCommand,
  CreateOrganizationalUnitCommand,
  CreatePolicyCommand,
  DeleteOrganizationalUnitCommand,
  EnableAWSServiceAccessCommand,
  EnablePolicyTypeCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgFixture, type OrgFixture } from '../support/org-fixture.ts';
import { awsError, BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const MANAGEMENT = '123456789012';
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });

describe.each(BACKENDS)('Organizations actions authorized on their resources on %s', (backend) => {
  let t: TestServer;
  let f: OrgFixture;
  let admin: OrganizationsClient;
  let guarded: string;
  let open: string;

  beforeAll(async () => {
    t = await startTestServer(backend);
    f = await orgFixture(t);
    await f.enable('SERVICE_CONTROL_POLICY');
    guarded = await f.ou('guarded');
    open = await f.ou('open');
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'org-admin' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'org-admin',
        PolicyName: 'scoped',
        PolicyDocument: doc(
          { Effect: 'Allow', Action: 'organizations:*', Resource: '*' },
          {
            Effect: 'Deny',
            Action: 'organizations:*',
            Resource: '*',
            Condition: { StringEquals: { 'organizations:PolicyType': 'SERVICE_CONTROL_POLICY' } },
          },
          {
            Effect: 'Deny',
            Action: 'organizations:DeleteOrganizationalUnit',
            Resource: `arn:aws:organizations::${MANAGEMENT}:ou/${f.org.org_id}/${guarded}`,
          },
          {
            Effect: 'Deny',
            Action: 'organizations:EnableAWSServiceAccess',
            Resource: '*',
            Condition: { StringEquals: { 'organizations:ServicePrincipal': 'iam.amazonaws.com' } },
          },
        ),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'org-admin' }))).AccessKey!;
    admin = new OrganizationsClient({
      endpoint: t.url,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! },
    });
  });
  afterAll(() => t.destroy());

  it('a Deny on one OU ARN refuses that OU and no other, naming it', async () => {
    const err = await awsError(() =>
      admin.send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: guarded })),
    );
    expect(err.name).toBe('AccessDeniedException');
    expect(err.message).toBe(
      `User: arn:aws:iam::${MANAGEMENT}:user/org-admin is not authorized to perform: ` +
        `organizations:DeleteOrganizationalUnit on resource: arn:aws:organizations::${MANAGEMENT}:ou/` +
        `${f.org.org_id}/${guarded} with an explicit deny in an identity-based policy`,
    );
    await admin.send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: open }));
    await admin.send(new CreateOrganizationalUnitCommand({ ParentId: f.org.root_id, Name: 'made-by-admin' }));
  });

  it('organizations:PolicyType comes from the request, or from the stored policy it names', async () => {
    const scp = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }],
    });
    const create = (Type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY', Content: string) =>
      admin.send(new CreatePolicyCommand({ Name: `p-${Type}`, Description: '', Type, Content }));
    expect((await awsError(() => create('SERVICE_CONTROL_POLICY', scp))).name).toBe('AccessDeniedException');
    // an RCP is another type: allowed
    await new OrganizationsClient({
      endpoint: t.url,
      region: 'us-east-1',
      credentials: t.root,
      maxAttempts: 1,
    }).send(new EnablePolicyTypeCommand({ RootId: f.org.root_id, PolicyType: 'RESOURCE_CONTROL_POLICY' }));
    const rcp = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }],
    });
    const made = (await create('RESOURCE_CONTROL_POLICY', rcp)).Policy!.PolicySummary!.Id!;
    await admin.send(new AttachPolicyCommand({ PolicyId: made, TargetId: f.org.root_id }));
    // an SCP made by the root: attaching it is refused by its stored type
    const byRoot = await f.policy('SERVICE_CONTROL_POLICY', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 'sqs:*', Resource: '*' }],
    });
    const refused = await awsError(() =>
      admin.send(new AttachPolicyCommand({ PolicyId: byRoot, TargetId: f.org.root_id })),
    );
    expect(refused.name).toBe('AccessDeniedException');
    expect(refused.message).toContain(
      `on resource: arn:aws:organizations::${MANAGEMENT}:policy/${f.org.org_id}/service_control_policy/${byRoot}`,
    );
  });

  it('organizations:ServicePrincipal is the service the request names', async () => {
    expect(
      (
        await awsError(() =>
          admin.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'iam.amazonaws.com' })),
        )
      ).name,
    ).toBe('AccessDeniedException');
    await admin.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'sso.amazonaws.com' }));
  });
});
