// Account-level actions over HTTP with the real AWS SDK v3 IAM client (and the AWS CLI), on each
// storage backend: GetAccountSummary, account aliases and GetAccountAuthorizationDetails.
import {
  AddRoleToInstanceProfileCommand,
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccountAliasCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccountAliasCommand,
  DeleteAccountPasswordPolicyCommand,
  DeleteInstanceProfileCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  type GetAccountAuthorizationDetailsCommandOutput,
  ListAccountAliasesCommand,
  PutGroupPolicyCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  SetSecurityTokenServicePreferencesCommand,
  TagRoleCommand,
  TagUserCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUOTAS } from '../../src/config/defaults.ts';
import { ensureAccount } from '../../src/domain/accounts.ts';
import { awsCli, itWithCli } from '../support/aws-cli.ts';
import { awsError, BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const POWER = 'arn:aws:iam::aws:policy/PowerUserAccess';

const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const READ = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
});
const WRITE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::bucket/*' }],
});

describe.each(BACKENDS)('account summary on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend, {
      config: { quotas: { ...DEFAULT_QUOTAS, usersPerAccount: 40, instanceProfilesPerAccount: 7 } },
    });
  });
  afterAll(() => t.destroy());

  it("reports AWS's SummaryMap keys with the quotas in force and zero counts for a new account", async () => {
    const res = await t.iam().send(new GetAccountSummaryCommand({}));
    const map = res.SummaryMap!;
    expect(Object.keys(map).sort()).toEqual(
      [
        'AccessKeysPerUserQuota',
        'AccountAccessKeysPresent',
        'AccountMFAEnabled',
        'AccountSigningCertificatesPresent',
        'AssumeRolePolicySizeQuota',
        'AttachedPoliciesPerGroupQuota',
        'AttachedPoliciesPerRoleQuota',
        'AttachedPoliciesPerUserQuota',
        'GlobalEndpointTokenVersion',
        'GroupPolicySizeQuota',
        'Groups',
        'GroupsPerUserQuota',
        'GroupsQuota',
        'InstanceProfiles',
        'InstanceProfilesQuota',
        'MFADevices',
        'MFADevicesInUse',
        'Policies',
        'PoliciesQuota',
        'PolicySizeQuota',
        'PolicyVersionsInUse',
        'PolicyVersionsInUseQuota',
        'Providers',
        'RolePolicySizeQuota',
        'Roles',
        'RolesQuota',
        'ServerCertificates',
        'ServerCertificatesQuota',
        'SigningCertificatesPerUserQuota',
        'UserPolicySizeQuota',
        'Users',
        'UsersQuota',
        'VersionsPerPolicyQuota',
      ].sort(),
    );
    expect(map).toMatchObject({
      Users: 0,
      Groups: 0,
      Roles: 0,
      Policies: 0,
      InstanceProfiles: 0,
      PolicyVersionsInUse: 0,
      UsersQuota: 40,
      InstanceProfilesQuota: 7,
      GroupsQuota: 300,
      RolesQuota: 1000,
      PoliciesQuota: 1500,
      GroupPolicySizeQuota: 5120,
      UserPolicySizeQuota: 2048,
      RolePolicySizeQuota: 10240,
      PolicySizeQuota: 6144,
      AssumeRolePolicySizeQuota: 2048,
      VersionsPerPolicyQuota: 5,
      AttachedPoliciesPerUserQuota: 10,
      AttachedPoliciesPerGroupQuota: 10,
      AttachedPoliciesPerRoleQuota: 10,
      GroupsPerUserQuota: 10,
      AccessKeysPerUserQuota: 2,
      PolicyVersionsInUseQuota: 10000,
      GlobalEndpointTokenVersion: 1,
      // The root user of a Tessera account has its bootstrap access key.
      AccountAccessKeysPresent: 1,
      AccountMFAEnabled: 0,
      MFADevices: 0,
      Providers: 0,
    });
  });

  it('counts the users, groups, roles and instance profiles the account has', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'u1' }));
    await iam.send(new CreateUserCommand({ UserName: 'u2' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'g1' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'r1', AssumeRolePolicyDocument: TRUST }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ip1' }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ip2' }));
    await iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'ip2' }));
    const map = (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!;
    expect(map).toMatchObject({ Users: 2, Groups: 1, Roles: 1, InstanceProfiles: 1 });
  });

  it('leaves MaxPasswordAge and HardExpiry out of the password policy when they were never set', async () => {
    const iam = t.iam();
    await iam.send(
      new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, RequireNumbers: true }),
    );
    const got = await iam.send(new GetAccountPasswordPolicyCommand({}));
    expect(got.PasswordPolicy).toEqual({
      MinimumPasswordLength: 14,
      RequireSymbols: false,
      RequireNumbers: true,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: false,
      ExpirePasswords: false,
    });
    expect(got.PasswordPolicy).not.toHaveProperty('MaxPasswordAge');
    expect(got.PasswordPolicy).not.toHaveProperty('HardExpiry');
    await iam.send(new DeleteAccountPasswordPolicyCommand({}));
  });

  it('reports the STS preference SetSecurityTokenServicePreferences sets as GlobalEndpointTokenVersion', async () => {
    const iam = t.iam();
    const version = async () =>
      (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap?.GlobalEndpointTokenVersion;
    // v1Token is AWS's default for an account
    expect(await version()).toBe(1);
    await iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v2Token' }));
    expect(await version()).toBe(2);
    // it is the account's own setting
    const { services } = t.server;
    const creds = await ensureAccount(services.store, services.sealer, '210987654322', new Date());
    const otherIam = t.iam({ accessKeyId: creds!.accessKeyId, secretAccessKey: creds!.secretAccessKey });
    const other = await otherIam.send(new GetAccountSummaryCommand({}));
    expect(other.SummaryMap?.GlobalEndpointTokenVersion).toBe(1);
    const bad = await awsError(() =>
      iam.send(
        new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v3Token' as 'v1Token' }),
      ),
    );
    expect(bad).toMatchObject({ code: 'ValidationError', status: 400 });
    expect(await version()).toBe(2);
    await iam.send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v1Token' }));
    expect(await version()).toBe(1);
  });

  for (const cli of ['v1', 'v2'] as const)
    itWithCli(cli)(`sets the STS preference with AWS CLI ${cli}`, async () => {
      const aws = await awsCli(cli, t.url, t.root);
      const set = await aws.run([
        'iam',
        'set-security-token-service-preferences',
        '--global-endpoint-token-version',
        'v2Token',
      ]);
      expect(set.status, set.stderr).toBe(0);
      const summary = await t.iam().send(new GetAccountSummaryCommand({}));
      expect(summary.SummaryMap?.GlobalEndpointTokenVersion).toBe(2);
      await t
        .iam()
        .send(new SetSecurityTokenServicePreferencesCommand({ GlobalEndpointTokenVersion: 'v1Token' }));
    });
});

describe.each(BACKENDS)('account aliases on %s', (backend) => {
  let t: TestServer;
  let other: { accessKeyId: string; secretAccessKey: string };
  beforeAll(async () => {
    t = await startTestServer(backend);
    const creds = await ensureAccount(
      t.server.services.store,
      t.server.services.sealer,
      '210987654321',
      new Date(),
    );
    other = { accessKeyId: creds!.accessKeyId, secretAccessKey: creds!.secretAccessKey };
  });
  afterAll(() => t.destroy());

  it('lists no alias for an account that has none', async () => {
    const res = await t.iam().send(new ListAccountAliasesCommand({}));
    expect(res.AccountAliases).toEqual([]);
    expect(res.IsTruncated).toBe(false);
  });

  it('creates an alias and lists it', async () => {
    await t.iam().send(new CreateAccountAliasCommand({ AccountAlias: 'example-corp' }));
    const res = await t.iam().send(new ListAccountAliasesCommand({}));
    expect(res.AccountAliases).toEqual(['example-corp']);
  });

  it('replaces the alias when the account creates another, keeping one per account', async () => {
    await t.iam().send(new CreateAccountAliasCommand({ AccountAlias: 'example-prod' }));
    const res = await t.iam().send(new ListAccountAliasesCommand({}));
    expect(res.AccountAliases).toEqual(['example-prod']);
  });

  it('refuses an alias another account holds, since aliases are globally unique', async () => {
    const e = await awsError(() =>
      t.iam(other).send(new CreateAccountAliasCommand({ AccountAlias: 'example-prod' })),
    );
    expect(e).toMatchObject({
      code: 'EntityAlreadyExists',
      status: 409,
      message: 'The account alias example-prod already exists.',
    });
    expect((await t.iam(other).send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([]);
    // The alias the first account gave up is free again.
    await t.iam(other).send(new CreateAccountAliasCommand({ AccountAlias: 'example-corp' }));
    expect((await t.iam(other).send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([
      'example-corp',
    ]);
  });

  it('refuses the alias the account already holds', async () => {
    const e = await awsError(() =>
      t.iam().send(new CreateAccountAliasCommand({ AccountAlias: 'example-prod' })),
    );
    expect(e.code).toBe('EntityAlreadyExists');
  });

  it("rejects an alias outside AWS's pattern with a ValidationError", async () => {
    for (const alias of ['Upper-Case', 'double--dash', '-leading']) {
      const e = await awsError(() => t.iam().send(new CreateAccountAliasCommand({ AccountAlias: alias })));
      expect(e.code).toBe('ValidationError');
      expect(e.status).toBe(400);
      expect(e.message).toContain(`Value '${alias}' at 'accountAlias' failed to satisfy constraint`);
    }
    expect((await t.iam().send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual(['example-prod']);
  });

  it('answers NoSuchEntity when deleting an alias the account does not have', async () => {
    for (const alias of ['not-mine', 'example-corp']) {
      const e = await awsError(() => t.iam().send(new DeleteAccountAliasCommand({ AccountAlias: alias })));
      expect(e).toMatchObject({
        code: 'NoSuchEntity',
        status: 404,
        message: `The account alias ${alias} cannot be found.`,
      });
    }
    expect((await t.iam(other).send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([
      'example-corp',
    ]);
  });

  it('deletes the alias', async () => {
    await t.iam().send(new DeleteAccountAliasCommand({ AccountAlias: 'example-prod' }));
    expect((await t.iam().send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([]);
  });
});

describe.each(BACKENDS)('account authorization details on %s', (backend) => {
  let t: TestServer;
  let customerArn: string;
  beforeAll(async () => {
    t = await startTestServer(backend);
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'alice', Path: '/eng/' }));
    await iam.send(new CreateUserCommand({ UserName: 'bob' }));
    await iam.send(new TagUserCommand({ UserName: 'alice', Tags: [{ Key: 'team', Value: 'core' }] }));
    await iam.send(new CreateGroupCommand({ GroupName: 'Admins' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'Dev' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'Admins', UserName: 'alice' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'Dev', UserName: 'alice' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'Read', PolicyDocument: READ }));
    await iam.send(
      new PutGroupPolicyCommand({ GroupName: 'Dev', PolicyName: 'Write', PolicyDocument: WRITE }),
    );
    await iam.send(new CreateRoleCommand({ RoleName: 'EC2role', AssumeRolePolicyDocument: TRUST }));
    await iam.send(new TagRoleCommand({ RoleName: 'EC2role', Tags: [{ Key: 'tier', Value: 'web' }] }));
    await iam.send(
      new PutRolePolicyCommand({ RoleName: 'EC2role', PolicyName: 'Read', PolicyDocument: READ }),
    );
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'EC2role' }));
    await iam.send(
      new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'EC2role', RoleName: 'EC2role' }),
    );
    const policy = await iam.send(new CreatePolicyCommand({ PolicyName: 'ReadOnly', PolicyDocument: READ }));
    customerArn = policy.Policy!.Arn!;
    await iam.send(new CreatePolicyVersionCommand({ PolicyArn: customerArn, PolicyDocument: WRITE }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'bob', PolicyArn: customerArn }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'EC2role', PolicyArn: customerArn }));
    await iam.send(
      new PutUserPermissionsBoundaryCommand({ UserName: 'bob', PermissionsBoundary: customerArn }),
    );
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'Admins', PolicyArn: ADMIN }));
    await iam.send(
      new PutRolePermissionsBoundaryCommand({ RoleName: 'EC2role', PermissionsBoundary: POWER }),
    );
  });
  afterAll(() => t.destroy());

  it('returns users with their groups, inline and attached policies, boundary and tags', async () => {
    const res = await t.iam().send(new GetAccountAuthorizationDetailsCommand({}));
    expect(res.IsTruncated).toBe(false);
    expect(res.UserDetailList?.map((u) => u.UserName)).toEqual(['alice', 'bob']);
    const [alice, bob] = res.UserDetailList!;
    expect(alice).toMatchObject({
      Path: '/eng/',
      Arn: 'arn:aws:iam::123456789012:user/eng/alice',
      GroupList: ['Admins', 'Dev'],
      UserPolicyList: [{ PolicyName: 'Read', PolicyDocument: encodeURIComponent(READ) }],
      AttachedManagedPolicies: [],
      Tags: [{ Key: 'team', Value: 'core' }],
    });
    expect(alice!.UserId).toMatch(/^AIDA/);
    expect(alice!.CreateDate).toBeInstanceOf(Date);
    expect(alice!.PermissionsBoundary).toBeUndefined();
    expect(bob).toMatchObject({
      GroupList: [],
      UserPolicyList: [],
      AttachedManagedPolicies: [{ PolicyName: 'ReadOnly', PolicyArn: customerArn }],
      PermissionsBoundary: {
        PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
        PermissionsBoundaryArn: customerArn,
      },
    });
  });

  it('returns groups with their inline and attached policies', async () => {
    const res = await t.iam().send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Group'] }));
    expect(res.GroupDetailList).toEqual([
      expect.objectContaining({
        GroupName: 'Admins',
        GroupPolicyList: [],
        AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: ADMIN }],
      }),
      expect.objectContaining({
        GroupName: 'Dev',
        Arn: 'arn:aws:iam::123456789012:group/Dev',
        GroupPolicyList: [{ PolicyName: 'Write', PolicyDocument: encodeURIComponent(WRITE) }],
      }),
    ]);
    expect(res.UserDetailList).toEqual([]);
    expect(res.RoleDetailList).toEqual([]);
    expect(res.Policies).toEqual([]);
  });

  it('returns roles with their trust policy, instance profiles, policies, tags and RoleLastUsed', async () => {
    const res = await t.iam().send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'] }));
    expect(res.RoleDetailList).toHaveLength(1);
    const role = res.RoleDetailList![0]!;
    expect(role).toMatchObject({
      RoleName: 'EC2role',
      Path: '/',
      Arn: 'arn:aws:iam::123456789012:role/EC2role',
      AssumeRolePolicyDocument: encodeURIComponent(TRUST),
      RolePolicyList: [{ PolicyName: 'Read', PolicyDocument: encodeURIComponent(READ) }],
      AttachedManagedPolicies: [{ PolicyName: 'ReadOnly', PolicyArn: customerArn }],
      Tags: [{ Key: 'tier', Value: 'web' }],
      PermissionsBoundary: {
        PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
        PermissionsBoundaryArn: POWER,
      },
      RoleLastUsed: {},
    });
    expect(role.InstanceProfileList).toHaveLength(1);
    expect(role.InstanceProfileList![0]).toMatchObject({
      InstanceProfileName: 'EC2role',
      Arn: 'arn:aws:iam::123456789012:instance-profile/EC2role',
      Roles: [
        expect.objectContaining({ RoleName: 'EC2role', AssumeRolePolicyDocument: encodeURIComponent(TRUST) }),
      ],
    });
    expect(role.InstanceProfileList![0]!.InstanceProfileId).toMatch(/^AIPA/);
    expect(res.UserDetailList).toEqual([]);
  });

  it('returns customer managed policies with every version, attachment and boundary counts', async () => {
    const res = await t
      .iam()
      .send(new GetAccountAuthorizationDetailsCommand({ Filter: ['LocalManagedPolicy'] }));
    expect(res.Policies).toHaveLength(1);
    const p = res.Policies![0]!;
    expect(p).toMatchObject({
      PolicyName: 'ReadOnly',
      Arn: customerArn,
      Path: '/',
      DefaultVersionId: 'v1',
      AttachmentCount: 2,
      PermissionsBoundaryUsageCount: 1,
      IsAttachable: true,
    });
    expect(p.PolicyId).toMatch(/^ANPA/);
    expect(
      p.PolicyVersionList?.map((v) => [v.VersionId, v.IsDefaultVersion, decodeURIComponent(v.Document!)]),
    ).toEqual([
      ['v1', true, READ],
      ['v2', false, WRITE],
    ]);
  });

  it('returns only the AWS managed policies the account attaches or uses as a boundary', async () => {
    const res = await t
      .iam()
      .send(new GetAccountAuthorizationDetailsCommand({ Filter: ['AWSManagedPolicy'] }));
    expect(res.Policies?.map((p) => [p.Arn, p.AttachmentCount, p.PermissionsBoundaryUsageCount])).toEqual([
      [ADMIN, 1, 0],
      [POWER, 0, 1],
    ]);
    const admin = res.Policies![0]!;
    expect(admin.PolicyVersionList?.filter((v) => v.IsDefaultVersion).map((v) => v.VersionId)).toEqual([
      admin.DefaultVersionId,
    ]);
    expect(JSON.parse(decodeURIComponent(admin.PolicyVersionList![0]!.Document!))).toMatchObject({
      Statement: [expect.objectContaining({ Effect: 'Allow', Action: '*', Resource: '*' })],
    });
  });

  it('pages across all four lists with Marker and MaxItems, losing and repeating nothing', async () => {
    const iam = t.iam();
    const whole = await iam.send(new GetAccountAuthorizationDetailsCommand({}));
    const names = (r: GetAccountAuthorizationDetailsCommandOutput) => [
      ...(r.UserDetailList ?? []).map((u) => `user:${u.UserName}`),
      ...(r.GroupDetailList ?? []).map((g) => `group:${g.GroupName}`),
      ...(r.RoleDetailList ?? []).map((x) => `role:${x.RoleName}`),
      ...(r.Policies ?? []).map((p) => `policy:${p.PolicyName}`),
    ];
    const expected = names(whole);
    expect(expected.slice(0, 5)).toEqual([
      'user:alice',
      'user:bob',
      'group:Admins',
      'group:Dev',
      'role:EC2role',
    ]);
    expect(expected).toContain('policy:ReadOnly');
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 2, Marker: marker }));
      const got = names(page);
      expect(got.length).toBeLessThanOrEqual(2);
      seen.push(...got);
      marker = page.IsTruncated ? page.Marker : undefined;
      pages++;
    } while (marker && pages < 50);
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 2));
    const e = await awsError(() => iam.send(new GetAccountAuthorizationDetailsCommand({ Marker: 'bogus!' })));
    expect(e).toMatchObject({ code: 'InvalidInput', status: 400 });
  });

  it('combines filters and rejects an unknown filter value', async () => {
    const iam = t.iam();
    const res = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['User', 'Role'] }));
    expect(res.UserDetailList).toHaveLength(2);
    expect(res.RoleDetailList).toHaveLength(1);
    expect(res.GroupDetailList).toEqual([]);
    expect(res.Policies).toEqual([]);
    const e = await awsError(() =>
      iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Bogus' as 'User'] })),
    );
    expect(e.code).toBe('ValidationError');
  });

  itWithCli('v1')('prints the JSON shape of real AWS through the AWS CLI, documents decoded', async () => {
    const aws = await awsCli('v1', t.url, t.root);
    // --page-size makes the CLI fetch two entries a request and follow the Marker itself.
    const { status, stderr, stdout } = await aws.run([
      'iam',
      'get-account-authorization-details',
      '--page-size',
      '2',
    ]);
    expect(status, stderr).toBe(0);
    const out = JSON.parse(stdout) as {
      UserDetailList: { UserName: string; UserPolicyList: { PolicyDocument: unknown }[] }[];
      GroupDetailList: unknown[];
      RoleDetailList: {
        AssumeRolePolicyDocument: unknown;
        InstanceProfileList: { Roles: { AssumeRolePolicyDocument: unknown }[] }[];
      }[];
      Policies: { PolicyVersionList: { Document: unknown }[] }[];
    };
    // The CLI pages through by itself and drops IsTruncated and Marker, as it does against AWS.
    expect(Object.keys(out).sort()).toEqual([
      'GroupDetailList',
      'Policies',
      'RoleDetailList',
      'UserDetailList',
    ]);
    expect(out.UserDetailList[0]?.UserPolicyList[0]?.PolicyDocument).toEqual(JSON.parse(READ));
    expect(out.RoleDetailList[0]?.AssumeRolePolicyDocument).toEqual(JSON.parse(TRUST));
    expect(out.RoleDetailList[0]?.InstanceProfileList[0]?.Roles[0]?.AssumeRolePolicyDocument).toEqual(
      JSON.parse(TRUST),
    );
    expect(out.UserDetailList.map((u) => u.UserName)).toEqual(['alice', 'bob']);
    expect(out.GroupDetailList).toHaveLength(2);
    expect(out.Policies).toHaveLength(3);
    const local = out.Policies.find((p) => p.PolicyVersionList.length === 2);
    expect(local?.PolicyVersionList[1]?.Document).toEqual(JSON.parse(WRITE));
  });

  it('counts attached policies as PolicyVersionsInUse and customer policies as Policies', async () => {
    const map = (await t.iam().send(new GetAccountSummaryCommand({}))).SummaryMap!;
    expect(map).toMatchObject({
      Users: 2,
      Groups: 2,
      Roles: 1,
      InstanceProfiles: 1,
      Policies: 1,
      PolicyVersionsInUse: 3,
    });
  });
});
