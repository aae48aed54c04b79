// SSO Admin with the real @aws-sdk/client-sso-admin on both backends: ListInstances enabling the
// organization's instance, permission sets and their policies, provisioning into two member accounts
// (the AWSReservedSSO role, its trust in the account's AWSSSO_…_DO_NOT_DELETE SAML provider, policies
// and session length, inspected with the IAM client), ProvisionPermissionSet after a change,
// de-provisioning with the last assignment, the status operations, a missing customer managed policy
// failing the request, IAM refusing changes to the provisioned role, and the API's refusals.
import {
  AttachRolePolicyCommand,
  DeleteRoleCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolesCommand,
  ListSAMLProvidersCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  PutUserPolicyCommand,
  CreateAccessKeyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import {
  AttachCustomerManagedPolicyReferenceToPermissionSetCommand,
  AttachManagedPolicyToPermissionSetCommand,
  CreateAccountAssignmentCommand,
  CreatePermissionSetCommand,
  DeletePermissionSetCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  DescribeAccountAssignmentDeletionStatusCommand,
  DescribeInstanceCommand,
  DescribePermissionSetCommand,
  DescribePermissionSetProvisioningStatusCommand,
  GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand,
  ListAccountAssignmentCreationStatusCommand,
  ListAccountAssignmentDeletionStatusCommand,
  ListAccountAssignmentsCommand,
  ListAccountAssignmentsForPrincipalCommand,
  ListCustomerManagedPolicyReferencesInPermissionSetCommand,
  ListInstancesCommand,
  ListManagedPoliciesInPermissionSetCommand,
  ListPermissionSetProvisioningStatusCommand,
  ListPermissionSetsCommand,
  ListPermissionSetsProvisionedToAccountCommand,
  ListTagsForResourceCommand,
  ProvisionPermissionSetCommand,
  PutInlinePolicyToPermissionSetCommand,
  PutPermissionsBoundaryToPermissionSetCommand,
  TagResourceCommand,
  UpdatePermissionSetCommand,
} from '@aws-sdk/client-sso-admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDirectoryGroupFor, createDirectoryUserFor } from '../support/identity-store-users.ts';
import { orgFixture } from '../support/org-fixture.ts';
import {
  assign,
  assignmentRequest,
  provisionedAccounts,
  ssoAdminClient,
  unassign,
} from '../support/sso-admin-client.ts';
import {
  awsError,
  BACKENDS,
  startTestServer,
  type Backend,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';

const A = '222233334444';
const B = '333344445555';
const SSO_PATH = '/aws-reserved/sso.amazonaws.com/';
const POLICY = (action: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

describe.each(BACKENDS)('SSO Admin on %s', (backend: Backend) => {
  let t: TestServer;
  let memberA: Credentials;
  let memberB: Credentials;
  let instanceArn = '';
  let storeId = '';
  let psArn = '';
  let userId = '';
  let groupId = '';
  const admin = (creds: Credentials = t.root) => ssoAdminClient(t, creds);

  /** The AWSReservedSSO role of the permission set named `name` in the account of `iam`, if any. */
  async function ssoRole(iam: IAMClient, name: string) {
    const roles = (await iam.send(new ListRolesCommand({ PathPrefix: SSO_PATH }))).Roles ?? [];
    return roles.find((r) => r.RoleName!.startsWith(`AWSReservedSSO_${name}_`));
  }

  beforeAll(async () => {
    t = await startTestServer(backend);
    const org = await orgFixture(t);
    memberA = await org.member(A);
    memberB = await org.member(B);
    // a customer managed policy of the same path and name in both member accounts
    for (const creds of [memberA, memberB])
      await t.iam(creds).send(
        new CreatePolicyCommand({
          PolicyName: 'TeamPolicy',
          Path: '/team/',
          PolicyDocument: POLICY('s3:ListBucket'),
        }),
      );
  });
  afterAll(() => t.destroy());

  it('enables the organization instance on the management account first ListInstances, once', async () => {
    const first = (await admin().send(new ListInstancesCommand({}))).Instances!;
    expect(first).toHaveLength(1);
    instanceArn = first[0]!.InstanceArn!;
    storeId = first[0]!.IdentityStoreId!;
    expect(instanceArn).toMatch(/^arn:aws:sso:::instance\/ssoins-[0-9a-f]{16}$/);
    expect(storeId).toMatch(/^d-[0-9a-f]{10}$/);
    const again = (await admin().send(new ListInstancesCommand({}))).Instances!;
    expect(again.map((i) => i.InstanceArn)).toEqual([instanceArn]);
    const described = await admin().send(new DescribeInstanceCommand({ InstanceArn: instanceArn }));
    expect(described).toMatchObject({ Status: 'ACTIVE', OwnerAccountId: t.server.services.config.accountId });
    userId = await createDirectoryUserFor(t, storeId, 'alice');
    groupId = await createDirectoryGroupFor(t, storeId, 'Developers');
  });

  it('creates, describes, updates, lists and tags permission sets, with AWS validation', async () => {
    const created = (
      await admin().send(
        new CreatePermissionSetCommand({
          InstanceArn: instanceArn,
          Name: 'Developer',
          Description: 'Developers',
          Tags: [{ Key: 'team', Value: 'core' }],
        }),
      )
    ).PermissionSet!;
    psArn = created.PermissionSetArn!;
    expect(psArn).toMatch(/^arn:aws:sso:::permissionSet\/ssoins-[0-9a-f]{16}\/ps-[0-9a-f]{16}$/);
    expect(created.SessionDuration).toBe('PT1H');
    await admin().send(
      new UpdatePermissionSetCommand({
        InstanceArn: instanceArn,
        PermissionSetArn: psArn,
        SessionDuration: 'PT4H',
        RelayState: 'https://console.aws.amazon.com/s3',
      }),
    );
    const described = (
      await admin().send(
        new DescribePermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: psArn }),
      )
    ).PermissionSet!;
    expect(described).toMatchObject({
      Name: 'Developer',
      SessionDuration: 'PT4H',
      Description: 'Developers',
    });
    expect(
      (await admin().send(new ListPermissionSetsCommand({ InstanceArn: instanceArn }))).PermissionSets,
    ).toEqual([psArn]);
    await admin().send(
      new TagResourceCommand({
        InstanceArn: instanceArn,
        ResourceArn: psArn,
        Tags: [{ Key: 'env', Value: 'dev' }],
      }),
    );
    const tags = (
      await admin().send(new ListTagsForResourceCommand({ InstanceArn: instanceArn, ResourceArn: psArn }))
    ).Tags;
    expect(tags).toEqual([
      { Key: 'env', Value: 'dev' },
      { Key: 'team', Value: 'core' },
    ]);

    const tooLong = await awsError(() =>
      admin().send(
        new CreatePermissionSetCommand({ InstanceArn: instanceArn, Name: 'Long', SessionDuration: 'PT13H' }),
      ),
    );
    expect(tooLong.name).toBe('ValidationException');
    const duplicate = await awsError(() =>
      admin().send(new CreatePermissionSetCommand({ InstanceArn: instanceArn, Name: 'Developer' })),
    );
    expect(duplicate.name).toBe('ConflictException');
  });

  it('keeps the inline policy, managed policies, customer managed references and boundary', async () => {
    const base = { InstanceArn: instanceArn, PermissionSetArn: psArn };
    await admin().send(
      new PutInlinePolicyToPermissionSetCommand({ ...base, InlinePolicy: POLICY('iam:ListRoles') }),
    );
    expect((await admin().send(new GetInlinePolicyForPermissionSetCommand(base))).InlinePolicy).toBe(
      POLICY('iam:ListRoles'),
    );
    const invalid = await awsError(() =>
      admin().send(new PutInlinePolicyToPermissionSetCommand({ ...base, InlinePolicy: '{"Statement":[]}' })),
    );
    expect(invalid.name).toBe('ValidationException');
    await admin().send(
      new AttachManagedPolicyToPermissionSetCommand({
        ...base,
        ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      }),
    );
    const unknown = await awsError(() =>
      admin().send(
        new AttachManagedPolicyToPermissionSetCommand({
          ...base,
          ManagedPolicyArn: 'arn:aws:iam::aws:policy/NoSuchPolicy',
        }),
      ),
    );
    expect(unknown.name).toBe('ValidationException');
    expect(
      (await admin().send(new ListManagedPoliciesInPermissionSetCommand(base))).AttachedManagedPolicies,
    ).toEqual([{ Name: 'ReadOnlyAccess', Arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }]);
    await admin().send(
      new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({
        ...base,
        CustomerManagedPolicyReference: { Name: 'TeamPolicy', Path: '/team/' },
      }),
    );
    expect(
      (await admin().send(new ListCustomerManagedPolicyReferencesInPermissionSetCommand(base)))
        .CustomerManagedPolicyReferences,
    ).toEqual([{ Name: 'TeamPolicy', Path: '/team/' }]);
    await admin().send(
      new PutPermissionsBoundaryToPermissionSetCommand({
        ...base,
        PermissionsBoundary: { ManagedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' },
      }),
    );
    expect(
      (await admin().send(new GetPermissionsBoundaryForPermissionSetCommand(base))).PermissionsBoundary,
    ).toEqual({
      ManagedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess',
    });
  });

  it('provisions the permission set into two accounts as AWSReservedSSO roles trusting the SSO SAML provider', async () => {
    const toA = await assign(admin(), {
      instanceArn,
      account: A,
      permissionSetArn: psArn,
      principalType: 'USER',
      principalId: userId,
    });
    expect(toA).toMatchObject({
      Status: 'SUCCEEDED',
      TargetId: A,
      PrincipalType: 'USER',
      PrincipalId: userId,
    });
    const toB = await assign(admin(), {
      instanceArn,
      account: B,
      permissionSetArn: psArn,
      principalType: 'GROUP',
      principalId: groupId,
    });
    expect(toB.Status).toBe('SUCCEEDED');
    const described = await admin().send(
      new DescribeAccountAssignmentCreationStatusCommand({
        InstanceArn: instanceArn,
        AccountAssignmentCreationRequestId: toA.RequestId,
      }),
    );
    expect(described.AccountAssignmentCreationStatus).toMatchObject({
      Status: 'SUCCEEDED',
      RequestId: toA.RequestId,
    });

    for (const [account, creds] of [
      [A, memberA],
      [B, memberB],
    ] as const) {
      const iam = t.iam(creds);
      const role = (await ssoRole(iam, 'Developer'))!;
      expect(role.RoleName).toMatch(/^AWSReservedSSO_Developer_[0-9a-f]{16}$/);
      expect(role.Path).toBe(SSO_PATH);
      expect(role.MaxSessionDuration).toBe(4 * 3600);
      const providers = (await iam.send(new ListSAMLProvidersCommand({}))).SAMLProviderList!;
      const provider = providers.find((p) =>
        /saml-provider\/AWSSSO_[0-9a-f]{16}_DO_NOT_DELETE$/.test(p.Arn!),
      )!;
      expect(provider.Arn).toContain(`arn:aws:iam::${account}:saml-provider/`);
      const trust = JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!)) as {
        Statement: { Principal: { Federated: string }; Action: string[]; Condition: unknown }[];
      };
      expect(trust.Statement[0]).toMatchObject({
        Principal: { Federated: provider.Arn },
        Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
        Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
      });
      const inline = await iam.send(
        new GetRolePolicyCommand({ RoleName: role.RoleName, PolicyName: 'AwsSSOInlinePolicy' }),
      );
      expect(JSON.parse(decodeURIComponent(inline.PolicyDocument!))).toEqual(
        JSON.parse(POLICY('iam:ListRoles')),
      );
      const attached = (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role.RoleName })))
        .AttachedPolicies!.map((p) => p.PolicyArn)
        .sort();
      expect(attached).toEqual([
        `arn:aws:iam::${account}:policy/team/TeamPolicy`,
        'arn:aws:iam::aws:policy/ReadOnlyAccess',
      ]);
      const full = (await iam.send(new GetRoleCommand({ RoleName: role.RoleName }))).Role!;
      expect(full.PermissionsBoundary?.PermissionsBoundaryArn).toBe(
        'arn:aws:iam::aws:policy/PowerUserAccess',
      );
    }
    expect(await provisionedAccounts(admin(), instanceArn, psArn)).toEqual([A, B]);
    const forUser = await admin().send(
      new ListAccountAssignmentsForPrincipalCommand({
        InstanceArn: instanceArn,
        PrincipalType: 'USER',
        PrincipalId: userId,
      }),
    );
    expect(forUser.AccountAssignments).toEqual([
      { AccountId: A, PermissionSetArn: psArn, PrincipalType: 'USER', PrincipalId: userId },
    ]);
  });

  it('refuses IAM changes to the provisioned role and SAML provider while provisioning still changes them', async () => {
    const iam = t.iam(memberA);
    const role = (await ssoRole(iam, 'Developer'))!;
    const name = role.RoleName!;
    const message = `Cannot perform the operation on the protected role '${name}' - this role is only modifiable by AWS`;
    const attempts = [
      () => iam.send(new DeleteRoleCommand({ RoleName: name })),
      () =>
        iam.send(
          new PutRolePolicyCommand({ RoleName: name, PolicyName: 'x', PolicyDocument: POLICY('s3:*') }),
        ),
      () =>
        iam.send(
          new AttachRolePolicyCommand({
            RoleName: name,
            PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
          }),
        ),
      () => iam.send(new UpdateRoleCommand({ RoleName: name, MaxSessionDuration: 7200 })),
      () => iam.send(new TagRoleCommand({ RoleName: name, Tags: [{ Key: 'k', Value: 'v' }] })),
      () =>
        iam.send(
          new UpdateAssumeRolePolicyCommand({
            RoleName: name,
            PolicyDocument: decodeURIComponent(role.AssumeRolePolicyDocument!),
          }),
        ),
    ];
    for (const attempt of attempts) {
      const err = await awsError(attempt);
      expect(err).toMatchObject({ code: 'UnmodifiableEntity', message });
    }

    // a change to the permission set reaches the roles only with ProvisionPermissionSet
    await admin().send(
      new UpdatePermissionSetCommand({
        InstanceArn: instanceArn,
        PermissionSetArn: psArn,
        SessionDuration: 'PT8H',
      }),
    );
    await admin().send(
      new PutInlinePolicyToPermissionSetCommand({
        InstanceArn: instanceArn,
        PermissionSetArn: psArn,
        InlinePolicy: POLICY('iam:GetRole'),
      }),
    );
    const stale = await admin().send(
      new ListPermissionSetsProvisionedToAccountCommand({
        InstanceArn: instanceArn,
        AccountId: A,
        ProvisioningStatus: 'LATEST_PERMISSION_SET_NOT_PROVISIONED',
      }),
    );
    expect(stale.PermissionSets).toEqual([psArn]);
    expect((await ssoRole(iam, 'Developer'))!.MaxSessionDuration).toBe(4 * 3600);
    const provisioned = (
      await admin().send(
        new ProvisionPermissionSetCommand({
          InstanceArn: instanceArn,
          PermissionSetArn: psArn,
          TargetType: 'ALL_PROVISIONED_ACCOUNTS',
        }),
      )
    ).PermissionSetProvisioningStatus!;
    expect(provisioned).toMatchObject({ Status: 'SUCCEEDED', PermissionSetArn: psArn });
    for (const creds of [memberA, memberB]) {
      const r = (await ssoRole(t.iam(creds), 'Developer'))!;
      expect(r.RoleName).toBe(creds === memberA ? name : r.RoleName);
      expect(r.MaxSessionDuration).toBe(8 * 3600);
      const inline = await t
        .iam(creds)
        .send(new GetRolePolicyCommand({ RoleName: r.RoleName, PolicyName: 'AwsSSOInlinePolicy' }));
      expect(JSON.parse(decodeURIComponent(inline.PolicyDocument!))).toEqual(
        JSON.parse(POLICY('iam:GetRole')),
      );
    }
    const latest = await admin().send(
      new ListPermissionSetsProvisionedToAccountCommand({
        InstanceArn: instanceArn,
        AccountId: B,
        ProvisioningStatus: 'LATEST_PERMISSION_SET_PROVISIONED',
      }),
    );
    expect(latest.PermissionSets).toEqual([psArn]);
    const status = await admin().send(
      new DescribePermissionSetProvisioningStatusCommand({
        InstanceArn: instanceArn,
        ProvisionPermissionSetRequestId: provisioned.RequestId,
      }),
    );
    expect(status.PermissionSetProvisioningStatus?.Status).toBe('SUCCEEDED');
  });

  it('refuses to delete a permission set while it is assigned and provisioned', async () => {
    const err = await awsError(() =>
      admin().send(new DeletePermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: psArn })),
    );
    expect(err.name).toBe('ConflictException');
  });

  it('fails the assignment when a customer managed policy is missing in the account', async () => {
    const ps = (
      await admin().send(new CreatePermissionSetCommand({ InstanceArn: instanceArn, Name: 'Auditor' }))
    ).PermissionSet!.PermissionSetArn!;
    await admin().send(
      new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({
        InstanceArn: instanceArn,
        PermissionSetArn: ps,
        CustomerManagedPolicyReference: { Name: 'AuditPolicy' },
      }),
    );
    const status = await assign(admin(), {
      instanceArn,
      account: A,
      permissionSetArn: ps,
      principalType: 'USER',
      principalId: userId,
    });
    expect(status.Status).toBe('FAILED');
    expect(status.FailureReason).toContain(`arn:aws:iam::${A}:policy/AuditPolicy`);
    const listed = await admin().send(
      new ListAccountAssignmentsCommand({ InstanceArn: instanceArn, AccountId: A, PermissionSetArn: ps }),
    );
    expect(listed.AccountAssignments).toEqual([]);
    expect(await ssoRole(t.iam(memberA), 'Auditor')).toBeUndefined();
    const failed = await admin().send(
      new ListAccountAssignmentCreationStatusCommand({
        InstanceArn: instanceArn,
        Filter: { Status: 'FAILED' },
      }),
    );
    expect(failed.AccountAssignmentsCreationStatus!.map((s) => s.RequestId)).toEqual([status.RequestId]);
    const all = await admin().send(
      new ListAccountAssignmentCreationStatusCommand({ InstanceArn: instanceArn }),
    );
    expect(all.AccountAssignmentsCreationStatus).toHaveLength(3);
  });

  it('de-provisions the role when the last assignment in the account goes', async () => {
    const deleted = await unassign(admin(), {
      instanceArn,
      account: B,
      permissionSetArn: psArn,
      principalType: 'GROUP',
      principalId: groupId,
    });
    expect(deleted.Status).toBe('SUCCEEDED');
    expect(await ssoRole(t.iam(memberB), 'Developer')).toBeUndefined();
    expect(await ssoRole(t.iam(memberA), 'Developer')).toBeDefined();
    expect(await provisionedAccounts(admin(), instanceArn, psArn)).toEqual([A]);
    const status = await admin().send(
      new DescribeAccountAssignmentDeletionStatusCommand({
        InstanceArn: instanceArn,
        AccountAssignmentDeletionRequestId: deleted.RequestId,
      }),
    );
    expect(status.AccountAssignmentDeletionStatus).toMatchObject({ Status: 'SUCCEEDED', TargetId: B });
    expect(
      (await admin().send(new ListAccountAssignmentDeletionStatusCommand({ InstanceArn: instanceArn })))
        .AccountAssignmentsDeletionStatus,
    ).toHaveLength(1);
    expect(
      (await admin().send(new ListPermissionSetProvisioningStatusCommand({ InstanceArn: instanceArn })))
        .PermissionSetsProvisioningStatus,
    ).toHaveLength(1);
  });

  it('refuses unknown resources, invalid input, a member account and an IAM Deny', async () => {
    const missing = await awsError(() =>
      admin().send(
        new DescribePermissionSetCommand({
          InstanceArn: instanceArn,
          PermissionSetArn: `${psArn.slice(0, -16)}0000000000000000`,
        }),
      ),
    );
    expect(missing.name).toBe('ResourceNotFoundException');
    const noPrincipal = await awsError(() =>
      admin().send(
        new CreateAccountAssignmentCommand(
          assignmentRequest({
            instanceArn,
            account: A,
            permissionSetArn: psArn,
            principalType: 'USER',
            principalId: '00000000-0000-0000-0000-000000000000',
          }),
        ),
      ),
    );
    expect(noPrincipal.name).toBe('ResourceNotFoundException');
    const outside = await awsError(() =>
      admin().send(
        new CreateAccountAssignmentCommand(
          assignmentRequest({
            instanceArn,
            account: '999988887777',
            permissionSetArn: psArn,
            principalType: 'USER',
            principalId: userId,
          }),
        ),
      ),
    );
    expect(outside.name).toBe('ValidationException');
    const member = await awsError(() =>
      admin(memberA).send(new ListPermissionSetsCommand({ InstanceArn: instanceArn })),
    );
    expect(member.name).toBe('AccessDeniedException');

    // a user of the management account allowed sso:* but denied CreatePermissionSet
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'sso-operator' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'sso-operator',
        PolicyName: 'sso',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'sso:*', Resource: '*' },
            { Effect: 'Deny', Action: 'sso:CreatePermissionSet', Resource: '*' },
          ],
        }),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'sso-operator' }))).AccessKey!;
    const operator = admin({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    expect(
      (await operator.send(new ListPermissionSetsCommand({ InstanceArn: instanceArn }))).PermissionSets,
    ).toHaveLength(2);
    const denied = await awsError(() =>
      operator.send(new CreatePermissionSetCommand({ InstanceArn: instanceArn, Name: 'Sneaky' })),
    );
    expect(denied.name).toBe('AccessDeniedException');
  });
});
