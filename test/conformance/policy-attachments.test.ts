// Attaching managed policies to users, groups and roles, and listing who uses a policy, over HTTP
// with the real AWS SDK v3 IAM client, on each storage backend.
import {
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  CreateUserCommand,
  DeleteUserCommand,
  DetachGroupPolicyCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
  GetPolicyCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListEntitiesForPolicyCommand,
  PutRolePermissionsBoundaryCommand,
  PutUserPermissionsBoundaryCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsError, BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const ADMIN_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const READ_ONLY_ARN = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const policyArn = (name: string, path = '/') => `arn:aws:iam::${ACCOUNT}:policy${path}${name}`;
const doc = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
});
const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

describe.each(BACKENDS)('policy attachments on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
    const iam = t.iam();
    await iam.send(new CreatePolicyCommand({ PolicyName: 'Reader', PolicyDocument: doc }));
    await iam.send(new CreatePolicyCommand({ PolicyName: 'Scoped', Path: '/scoped/', PolicyDocument: doc }));
    await iam.send(new CreateUserCommand({ UserName: 'alice', Path: '/staff/' }));
    await iam.send(new CreateUserCommand({ UserName: 'bob' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: trust }));
  });
  afterAll(() => t.destroy());

  it('attaches a policy to a user, lists it and counts it, and attaching twice changes nothing', async () => {
    const iam = t.iam();
    await iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: policyArn('Reader') }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'ALICE', PolicyArn: policyArn('Reader') }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: ADMIN_ARN }));
    const list = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'alice' }));
    expect(list.AttachedPolicies).toEqual([
      { PolicyName: 'AdministratorAccess', PolicyArn: ADMIN_ARN },
      { PolicyName: 'Reader', PolicyArn: policyArn('Reader') },
    ]);
    expect(list.IsTruncated).toBe(false);
    const got = await iam.send(new GetPolicyCommand({ PolicyArn: policyArn('Reader') }));
    expect(got.Policy?.AttachmentCount).toBe(1);
  });

  it('filters attached policies by path prefix and pages through them', async () => {
    const iam = t.iam();
    await iam.send(
      new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: policyArn('Scoped', '/scoped/') }),
    );
    const scoped = await iam.send(
      new ListAttachedUserPoliciesCommand({ UserName: 'alice', PathPrefix: '/scoped/' }),
    );
    expect(scoped.AttachedPolicies?.map((p) => p.PolicyName)).toEqual(['Scoped']);
    const first = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'alice', MaxItems: 2 }));
    expect(first.AttachedPolicies?.map((p) => p.PolicyName)).toEqual(['AdministratorAccess', 'Reader']);
    expect(first.IsTruncated).toBe(true);
    const second = await iam.send(
      new ListAttachedUserPoliciesCommand({ UserName: 'alice', MaxItems: 2, Marker: first.Marker }),
    );
    expect(second.AttachedPolicies?.map((p) => p.PolicyName)).toEqual(['Scoped']);
    expect(second.IsTruncated).toBe(false);
  });

  it('answers NoSuchEntity for an unknown user and for a policy that does not exist', async () => {
    const iam = t.iam();
    const user = await awsError(() =>
      iam.send(new AttachUserPolicyCommand({ UserName: 'nobody', PolicyArn: policyArn('Reader') })),
    );
    expect(user).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The user with name nobody cannot be found.',
    });
    const policy = await awsError(() =>
      iam.send(new AttachUserPolicyCommand({ UserName: 'bob', PolicyArn: policyArn('Missing') })),
    );
    expect(policy).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: `Policy ${policyArn('Missing')} does not exist or is not attachable.`,
    });
    const foreign = 'arn:aws:iam::210987654321:policy/Reader';
    const other = await awsError(() =>
      iam.send(new AttachUserPolicyCommand({ UserName: 'bob', PolicyArn: foreign })),
    );
    expect(other).toMatchObject({
      code: 'NoSuchEntity',
      message: `Policy ${foreign} does not exist or is not attachable.`,
    });
  });

  it('detaches a policy, and answers NoSuchEntity when it is not attached', async () => {
    const iam = t.iam();
    await iam.send(
      new DetachUserPolicyCommand({ UserName: 'alice', PolicyArn: policyArn('Scoped', '/scoped/') }),
    );
    const e = await awsError(() =>
      iam.send(
        new DetachUserPolicyCommand({ UserName: 'alice', PolicyArn: policyArn('Scoped', '/scoped/') }),
      ),
    );
    expect(e).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: `Policy ${policyArn('Scoped', '/scoped/')} was not found.`,
    });
    const list = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'alice' }));
    expect(list.AttachedPolicies?.map((p) => p.PolicyName)).toEqual(['AdministratorAccess', 'Reader']);
  });

  it('keeps a user with attached policies from being deleted', async () => {
    const e = await awsError(() => t.iam().send(new DeleteUserCommand({ UserName: 'alice' })));
    expect(e).toMatchObject({
      code: 'DeleteConflict',
      message: 'Cannot delete entity, must detach all policies first.',
    });
  });

  it('attaches, lists and detaches policies on a group', async () => {
    const iam = t.iam();
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: READ_ONLY_ARN }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: policyArn('Reader') }));
    const list = await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'devs' }));
    expect(list.AttachedPolicies).toEqual([
      { PolicyName: 'Reader', PolicyArn: policyArn('Reader') },
      { PolicyName: 'ReadOnlyAccess', PolicyArn: READ_ONLY_ARN },
    ]);
    await iam.send(new DetachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: READ_ONLY_ARN }));
    const again = await awsError(() =>
      iam.send(new DetachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: READ_ONLY_ARN })),
    );
    expect(again).toMatchObject({ code: 'NoSuchEntity', message: `Policy ${READ_ONLY_ARN} was not found.` });
    const missing = await awsError(() =>
      iam.send(new AttachGroupPolicyCommand({ GroupName: 'nogroup', PolicyArn: READ_ONLY_ARN })),
    );
    expect(missing).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The group with name nogroup cannot be found.',
    });
  });

  it('attaches, lists and detaches policies on a role', async () => {
    const iam = t.iam();
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'app', PolicyArn: policyArn('Reader') }));
    const list = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'app' }));
    expect(list.AttachedPolicies).toEqual([{ PolicyName: 'Reader', PolicyArn: policyArn('Reader') }]);
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'app', PolicyArn: ADMIN_ARN }));
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'app', PolicyArn: ADMIN_ARN }));
    const after = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'app' }));
    expect(after.AttachedPolicies?.map((p) => p.PolicyName)).toEqual(['Reader']);
    const missing = await awsError(() =>
      iam.send(new AttachRolePolicyCommand({ RoleName: 'norole', PolicyArn: ADMIN_ARN })),
    );
    expect(missing).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The role with name norole cannot be found.',
    });
    const notAttached = await awsError(() =>
      iam.send(new DetachRolePolicyCommand({ RoleName: 'app', PolicyArn: ADMIN_ARN })),
    );
    expect(notAttached).toMatchObject({
      code: 'NoSuchEntity',
      message: `Policy ${ADMIN_ARN} was not found.`,
    });
  });

  it('refuses to attach or detach policies on a service-linked role', async () => {
    const iam = t.iam();
    const created = await iam.send(
      new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com' }),
    );
    const name = created.Role!.RoleName!;
    const attach = await awsError(() =>
      iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: ADMIN_ARN })),
    );
    expect(attach).toMatchObject({
      code: 'UnmodifiableEntity',
      status: 400,
      message: `Cannot perform the operation on the protected role '${name}' - this role is only modifiable by AWS`,
    });
    const detach = await awsError(() =>
      iam.send(new DetachRolePolicyCommand({ RoleName: name, PolicyArn: ADMIN_ARN })),
    );
    expect(detach.code).toBe('UnmodifiableEntity');
    const listed = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name }));
    expect(listed.AttachedPolicies?.map((p) => p.PolicyArn)).not.toContain(ADMIN_ARN);
  });

  it('lists the users, groups and roles that use a policy, with names and ids', async () => {
    const iam = t.iam();
    const result = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: policyArn('Reader') }));
    expect(result.PolicyUsers?.map((u) => u.UserName)).toEqual(['alice']);
    expect(result.PolicyUsers?.[0]?.UserId).toMatch(/^AIDA/);
    expect(result.PolicyGroups?.map((g) => g.GroupName)).toEqual(['devs']);
    expect(result.PolicyGroups?.[0]?.GroupId).toMatch(/^AGPA/);
    expect(result.PolicyRoles?.map((r) => r.RoleName)).toEqual(['app']);
    expect(result.PolicyRoles?.[0]?.RoleId).toMatch(/^AROA/);
    const usersOnly = await iam.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: policyArn('Reader'), EntityFilter: 'User' }),
    );
    expect(usersOnly.PolicyUsers?.map((u) => u.UserName)).toEqual(['alice']);
    expect(usersOnly.PolicyGroups).toEqual([]);
    expect(usersOnly.PolicyRoles).toEqual([]);
    const staff = await iam.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: policyArn('Reader'), PathPrefix: '/staff/' }),
    );
    expect(staff.PolicyUsers?.map((u) => u.UserName)).toEqual(['alice']);
    expect(staff.PolicyGroups).toEqual([]);
    const page = await iam.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: policyArn('Reader'), MaxItems: 2 }),
    );
    expect(page.IsTruncated).toBe(true);
    expect(page.PolicyGroups?.map((g) => g.GroupName)).toEqual(['devs']);
    expect(page.PolicyRoles?.map((r) => r.RoleName)).toEqual(['app']);
    const rest = await iam.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: policyArn('Reader'), MaxItems: 2, Marker: page.Marker }),
    );
    expect(rest.PolicyUsers?.map((u) => u.UserName)).toEqual(['alice']);
    const local = await iam.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: policyArn('Reader'), EntityFilter: 'AWSManagedPolicy' }),
    );
    expect([...local.PolicyUsers!, ...local.PolicyGroups!, ...local.PolicyRoles!]).toEqual([]);
    const unknown = await awsError(() =>
      iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: policyArn('Missing') })),
    );
    expect(unknown).toMatchObject({
      code: 'NoSuchEntity',
      message: `Policy ${policyArn('Missing')} was not found.`,
    });
  });

  it('separates permissions-policy use from permissions-boundary use in ListEntitiesForPolicy', async () => {
    const iam = t.iam();
    await iam.send(
      new PutUserPermissionsBoundaryCommand({ UserName: 'bob', PermissionsBoundary: policyArn('Reader') }),
    );
    await iam.send(
      new PutRolePermissionsBoundaryCommand({ RoleName: 'app', PermissionsBoundary: policyArn('Reader') }),
    );
    const boundary = await iam.send(
      new ListEntitiesForPolicyCommand({
        PolicyArn: policyArn('Reader'),
        PolicyUsageFilter: 'PermissionsBoundary',
      }),
    );
    expect(boundary.PolicyUsers?.map((u) => u.UserName)).toEqual(['bob']);
    expect(boundary.PolicyRoles?.map((r) => r.RoleName)).toEqual(['app']);
    expect(boundary.PolicyGroups).toEqual([]);
    const permissions = await iam.send(
      new ListEntitiesForPolicyCommand({
        PolicyArn: policyArn('Reader'),
        PolicyUsageFilter: 'PermissionsPolicy',
      }),
    );
    expect(permissions.PolicyUsers?.map((u) => u.UserName)).toEqual(['alice']);
    const both = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: policyArn('Reader') }));
    expect(both.PolicyUsers?.map((u) => u.UserName)).toEqual(['alice', 'bob']);
    expect(both.PolicyRoles?.map((r) => r.RoleName)).toEqual(['app']);
    const got = await iam.send(new GetPolicyCommand({ PolicyArn: policyArn('Reader') }));
    expect(got.Policy).toMatchObject({ AttachmentCount: 3, PermissionsBoundaryUsageCount: 2 });
  });

  it('enforces the managed policies per entity quota for users, groups and roles', async () => {
    const iam = t.iam();
    for (let i = 0; i < 10; i++)
      await iam.send(new CreatePolicyCommand({ PolicyName: `Q${i}`, Path: '/quota/', PolicyDocument: doc }));
    await iam.send(new CreateUserCommand({ UserName: 'quota-user' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'quota-group' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'quota-role', AssumeRolePolicyDocument: trust }));
    for (let i = 0; i < 10; i++) {
      const PolicyArn = policyArn(`Q${i}`, '/quota/');
      await iam.send(new AttachUserPolicyCommand({ UserName: 'quota-user', PolicyArn }));
      await iam.send(new AttachGroupPolicyCommand({ GroupName: 'quota-group', PolicyArn }));
      await iam.send(new AttachRolePolicyCommand({ RoleName: 'quota-role', PolicyArn }));
    }
    // Attaching one already attached is still a no-op at the quota.
    await iam.send(
      new AttachUserPolicyCommand({ UserName: 'quota-user', PolicyArn: policyArn('Q0', '/quota/') }),
    );
    const user = await awsError(() =>
      iam.send(new AttachUserPolicyCommand({ UserName: 'quota-user', PolicyArn: ADMIN_ARN })),
    );
    expect(user).toMatchObject({
      code: 'LimitExceeded',
      status: 409,
      message: 'Cannot exceed quota for PoliciesPerUser: 10',
    });
    const group = await awsError(() =>
      iam.send(new AttachGroupPolicyCommand({ GroupName: 'quota-group', PolicyArn: ADMIN_ARN })),
    );
    expect(group).toMatchObject({
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for PoliciesPerGroup: 10',
    });
    const role = await awsError(() =>
      iam.send(new AttachRolePolicyCommand({ RoleName: 'quota-role', PolicyArn: ADMIN_ARN })),
    );
    expect(role).toMatchObject({
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for PoliciesPerRole: 10',
    });
    const list = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'quota-user' }));
    expect(list.AttachedPolicies).toHaveLength(10);
  });
});
