// DeleteOrganization as AWS documents it: refused while a member account is left
// (OrganizationNotEmptyException); otherwise the organization goes with its OUs, policies, invitations
// and their tags, and the account may create a new one.
import {
  CreateOrganizationalUnitCommand,
  CreatePolicyCommand,
  DeleteOrganizationCommand,
  DescribeOrganizationCommand,
  EnablePolicyTypeCommand,
  RemoveAccountFromOrganizationCommand,
  CreateOrganizationCommand,
} from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgFixture, orgs } from '../support/org-fixture.ts';
import { awsError, BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

describe.each(BACKENDS)('DeleteOrganization on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t.destroy());

  it('is refused while a member is left, then deletes OUs, policies and their tags', async () => {
    const f = await orgFixture(t);
    const org = orgs(t);
    await f.member('666666666666');
    await org.send(
      new EnablePolicyTypeCommand({ RootId: f.org.root_id, PolicyType: 'SERVICE_CONTROL_POLICY' }),
    );
    const ou = (
      await org.send(
        new CreateOrganizationalUnitCommand({
          ParentId: f.org.root_id,
          Name: 'kept',
          Tags: [{ Key: 'k', Value: 'v' }],
        }),
      )
    ).OrganizationalUnit!.Id!;
    const policy = (
      await org.send(
        new CreatePolicyCommand({
          Name: 'p',
          Description: '',
          Type: 'SERVICE_CONTROL_POLICY',
          Content: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }],
          }),
          Tags: [{ Key: 'k', Value: 'v' }],
        }),
      )
    ).Policy!.PolicySummary!.Id!;
    expect(await awsError(() => org.send(new DeleteOrganizationCommand({})))).toMatchObject({
      name: 'OrganizationNotEmptyException',
      status: 400,
    });
    await org.send(new RemoveAccountFromOrganizationCommand({ AccountId: '666666666666' }));
    await org.send(new DeleteOrganizationCommand({}));
    expect((await awsError(() => org.send(new DescribeOrganizationCommand({})))).name).toBe(
      'AWSOrganizationsNotInUseException',
    );
    const left = await t.server.store.read(async (repos) => ({
      ouTags: await repos.tags.list('org-resource', ou),
      policyTags: await repos.tags.list('org-resource', policy),
      policy: await repos.orgPolicies.get(f.org.org_id, policy),
      unit: await repos.organizations.unit(ou),
    }));
    expect(left).toEqual({ ouTags: [], policyTags: [], policy: undefined, unit: undefined });
    // the account is free to start again
    expect((await org.send(new CreateOrganizationCommand({}))).Organization!.Id).not.toBe(f.org.org_id);
  });
});
