// `tessera import authz-details`' rules on both backends: a dump shaped as the AWS CLI prints
// get-account-authorization-details (test/fixtures/authz-details/, written from AWS's model) becomes an
// account with AWS's ids, ARNs and dates; AWS managed policies come from Tessera, the dump or a
// placeholder; a second import changes nothing, a newer one changes what changed and removes what is
// gone; a broken entity is named with its field and nothing is imported; SCPs govern the account from
// an organization of their own. Then the real @aws-sdk/client-iam reads the account back through
// GetAccountAuthorizationDetails and SimulatePrincipalPolicy against a test server.
import {
  GetAccountAuthorizationDetailsCommand,
  type GetAccountAuthorizationDetailsCommandOutput,
  GetInstanceProfileCommand,
  GetRoleCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_QUOTAS } from '../../src/config/defaults.ts';
import {
  createOrganization,
  ImportError,
  importAuthorizationDetails,
  type ImportOptions,
  PLACEHOLDER_DESCRIPTION,
  seedAwsManagedPolicies,
} from '../../src/domain/index.ts';
import type { Database } from '../../src/store/database.ts';
import type { KyselyStore } from '../../src/store/index.ts';
import { NOW, openDomainStore, type DomainStore } from '../support/domain-store.ts';
import { BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/authz-details/account-123456789012.json');
const FIXTURE_TEXT = readFileSync(FIXTURE, 'utf8');

// A loose view of the fixture, for editing it in tests.
type Json = Record<string, unknown>;
type Dump = {
  UserDetailList: Json[];
  GroupDetailList: Json[];
  RoleDetailList: Json[];
  Policies: Json[];
};
const dump = (): Dump => JSON.parse(FIXTURE_TEXT) as Dump;
const named = (list: Json[], member: string, name: string): Json => {
  const found = list.find((e) => e[member] === name);
  if (!found) throw new Error(`no ${name} in the fixture`);
  return found;
};
const policy = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });

const ROOT_SCP = policy(
  { Effect: 'Allow', Action: '*', Resource: '*' },
  { Effect: 'Deny', Action: 's3:*', Resource: ['arn:aws:s3:::secret-*', 'arn:aws:s3:::secret-*/*'] },
);
const OU_SCP = policy({ Effect: 'Allow', Action: ['s3:*', 'sts:*', 'lambda:*', 'iam:*'], Resource: '*' });
const SCPS = [
  { name: 'root.json', content: JSON.stringify(ROOT_SCP) },
  { name: 'workloads.json', content: JSON.stringify(OU_SCP) },
];

const run = (store: KyselyStore, d: Dump | string, options: Partial<ImportOptions> = {}) =>
  importAuthorizationDetails(store, typeof d === 'string' ? d : JSON.stringify(d), {
    quotas: DEFAULT_QUOTAS,
    now: NOW,
    ...options,
  });

/** The ImportError an import throws. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ImportError) return err.message;
    throw err;
  }
  throw new Error('expected the import to be refused');
}

const TABLES: readonly (keyof Database)[] = [
  'accounts',
  'users',
  'access_keys',
  'groups',
  'group_members',
  'roles',
  'managed_policies',
  'policy_versions',
  'policy_attachments',
  'inline_policies',
  'tags',
  'instance_profiles',
  'instance_profile_roles',
  'instances',
  'organizations',
  'org_units',
  'org_accounts',
  'org_policies',
  'org_policy_targets',
];

/** Every row the import may touch, in an order that does not depend on the backend. */
const snapshot = async (store: KyselyStore) =>
  Promise.all(TABLES.map(async (t) => (await store.rawRows(t)).map((r) => JSON.stringify(r)).sort()));

describe.each(BACKENDS)('import authz-details on %s', (backend) => {
  let db: DomainStore;
  beforeEach(async () => {
    db = await openDomainStore('import', backend);
  });
  afterEach(() => db.close());

  it("imports users, groups, roles, instance profiles and customer policies with AWS's ids, ARNs and dates", async () => {
    const summary = await run(db.store, dump());
    expect(summary).toMatchObject({
      accountId: ACCOUNT,
      dumpAccountId: ACCOUNT,
      accountCreated: true,
      users: { total: 3, created: 3, removed: 0 },
      groups: { total: 2, created: 2 },
      roles: { total: 3, created: 3 },
      instanceProfiles: { total: 1, created: 1 },
      policies: { total: 2, created: 2 },
      quotasRaised: [],
      documentsNamingDumpAccount: 0,
    });
    await db.read(async (r) => {
      // the account is made without root keys
      expect(await r.accessKeys.listFor(ACCOUNT, null)).toEqual([]);
      const alice = (await r.users.byName(ACCOUNT, 'alice'))!;
      expect(alice).toMatchObject({
        user_id: 'AIDAZ4Q7MBJN2XKL5RV3E',
        path: '/engineering/',
        arn: 'arn:aws:iam::123456789012:user/engineering/alice',
        created_at: '2021-03-08T10:12:44.000Z',
        permissions_boundary: 'arn:aws:iam::123456789012:policy/developer-boundary',
      });
      expect(await r.tags.list('user', alice.user_id)).toEqual([
        { Key: 'cost-center', Value: '4711' },
        { Key: 'team', Value: 'platform' },
      ]);
      const inline = (await r.inlinePolicies.get('user', alice.user_id, 'assume-deployer'))!;
      expect(JSON.parse(inline.document)).toEqual(
        (named(dump().UserDetailList, 'UserName', 'alice').UserPolicyList as Json[])[0]!.PolicyDocument,
      );
      const bob = (await r.users.byName(ACCOUNT, 'bob'))!;
      expect((await r.groups.forUser(bob.user_id, { limit: 10 })).map((g) => g.group_id)).toEqual([
        'AGPAZ4Q7MBJNKD7XW3QFN',
        'AGPAZ4Q7MBJNTX2M6YRCV',
      ]);
      const developers = (await r.groups.byName(ACCOUNT, 'developers'))!;
      expect((await r.managedPolicies.attachedTo('group', developers.group_id)).map((p) => p.arn)).toEqual([
        'arn:aws:iam::123456789012:policy/app/deploy-app',
      ]);

      const deployer = (await r.roles.byName(ACCOUNT, 'deployer'))!;
      expect(deployer).toMatchObject({
        role_id: 'AROAZ4Q7MBJNR2VQX7MDE',
        created_at: '2021-03-09T09:00:12.000Z',
        max_session_duration: 3600,
        description: null,
        last_used_at: '2024-05-01T12:00:00.000Z',
        last_used_region: 'eu-west-1',
        linked_service: null,
      });
      expect(JSON.parse(deployer.assume_role_policy)).toEqual(
        named(dump().RoleDetailList, 'RoleName', 'deployer').AssumeRolePolicyDocument,
      );
      // RoleDetail has no MaxSessionDuration nor Description: the role inside the instance profile has them
      expect(await r.roles.byName(ACCOUNT, 'web-server')).toMatchObject({
        max_session_duration: 7200,
        description: 'Runs the web tier',
        last_used_at: null,
      });
      expect(await r.roles.byName(ACCOUNT, 'AWSServiceRoleForSupport')).toMatchObject({
        linked_service: 'support.amazonaws.com',
      });
      const profile = (await r.instanceProfiles.byName(ACCOUNT, 'web-server'))!;
      expect(profile).toMatchObject({
        instance_profile_id: 'AIPAZ4Q7MBJNF3KRT6YWC',
        arn: 'arn:aws:iam::123456789012:instance-profile/service/web-server',
        created_at: '2022-02-14T11:30:47.000Z',
      });
      const held = await r.instanceProfiles.rolesOf([profile.instance_profile_id]);
      expect(held.get(profile.instance_profile_id)!.map((x) => x.role_name)).toEqual(['web-server']);
      expect(await r.tags.list('instance-profile', profile.instance_profile_id)).toEqual([
        { Key: 'tier', Value: 'web' },
      ]);

      const deployApp = (await r.managedPolicies.byArn('arn:aws:iam::123456789012:policy/app/deploy-app'))!;
      expect(deployApp).toMatchObject({
        policy_id: 'ANPAZ4Q7MBJNV6GWX2LQD',
        account_id: ACCOUNT,
        path: '/app/',
        default_version: 2,
        next_version: 3,
        created_at: '2021-03-09T08:55:03.000Z',
        updated_at: '2023-07-19T13:41:26.000Z',
      });
      const versions = await r.managedPolicies.versions(deployApp.policy_id);
      expect(versions.map((v) => [v.version, v.created_at])).toEqual([
        [1, '2021-03-09T08:55:03.000Z'],
        [2, '2023-07-19T13:41:26.000Z'],
      ]);
      const fixtureVersions = named(dump().Policies, 'PolicyName', 'deploy-app').PolicyVersionList as Json[];
      expect(JSON.parse(versions[0]!.document)).toEqual(fixtureVersions[1]!.Document);
    });
  });

  it("uses Tessera's own AWS managed policies, stores one the dump includes, and makes a placeholder for one it has neither of", async () => {
    const summary = await run(db.store, dump());
    expect(summary.awsManagedPolicies).toEqual({
      known: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      fromDump: ['arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy'],
      placeholders: ['arn:aws:iam::aws:policy/SecurityAudit'],
    });
    await db.read(async (r) => {
      const bob = (await r.users.byName(ACCOUNT, 'bob'))!;
      // Tessera's own ReadOnlyAccess, with AWS's id
      expect(await r.managedPolicies.attachedTo('user', bob.user_id)).toMatchObject([
        { policy_id: 'ANPAILL3HVNFSB6DCOWYQ', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
      ]);
      const support = (await r.managedPolicies.byArn(
        'arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy',
      ))!;
      expect(support).toMatchObject({
        policy_id: 'ANPAJ7W6266ELXF5MISDS',
        account_id: 'aws',
        path: '/aws-service-role/',
      });
      const placeholder = (await r.managedPolicies.byArn('arn:aws:iam::aws:policy/SecurityAudit'))!;
      expect(placeholder).toMatchObject({ account_id: 'aws', description: PLACEHOLDER_DESCRIPTION });
      const [version] = await r.managedPolicies.versions(placeholder.policy_id);
      expect(JSON.parse(version!.document).Statement).toEqual([
        { Sid: 'PlaceholderAllowsNothing', Effect: 'Allow', NotAction: '*', Resource: '*' },
      ]);
    });
    // a later dump that includes the policy replaces the placeholder's document, keeping its id
    const later = dump();
    later.Policies.push({
      PolicyName: 'SecurityAudit',
      PolicyId: 'ANPAIX2T3QCXHR2OGGCTO',
      Arn: 'arn:aws:iam::aws:policy/SecurityAudit',
      Path: '/',
      DefaultVersionId: 'v3',
      CreateDate: '2015-02-06T18:41:01+00:00',
      UpdateDate: '2024-01-04T11:00:00+00:00',
      PolicyVersionList: [
        {
          Document: policy({
            Effect: 'Allow',
            Action: ['iam:GetAccountSummary', 'iam:List*'],
            Resource: '*',
          }),
          VersionId: 'v3',
          IsDefaultVersion: true,
          CreateDate: '2024-01-04T11:00:00+00:00',
        },
      ],
    });
    const again = await run(db.store, later);
    expect(again.awsManagedPolicies.placeholders).toEqual([]);
    expect(again.awsManagedPolicies.fromDump).toContain('arn:aws:iam::aws:policy/SecurityAudit');
    await db.read(async (r) => {
      const audit = (await r.managedPolicies.byArn('arn:aws:iam::aws:policy/SecurityAudit'))!;
      expect(audit).toMatchObject({ default_version: 3, description: null });
      expect((await r.managedPolicies.versions(audit.policy_id)).map((v) => v.version)).toEqual([3]);
    });
  });

  it('changes nothing when the same dump is imported again', async () => {
    await run(db.store, dump(), { scps: SCPS });
    const before = await snapshot(db.store);
    const summary = await run(db.store, dump(), { scps: SCPS });
    expect(await snapshot(db.store)).toEqual(before);
    for (const kind of ['users', 'groups', 'roles', 'instanceProfiles', 'policies'] as const)
      expect(summary[kind]).toMatchObject({ created: 0, updated: 0, removed: 0 });
    expect(summary.users.unchanged).toBe(3);
    expect(summary).toMatchObject({ accountCreated: false, organization: { created: false } });
  });

  it('updates what a newer dump changed and removes what it no longer has', async () => {
    await run(db.store, dump());
    // what Tessera added meanwhile: a key of carol's, an instance carrying web-server's profile
    await db.write(ACCOUNT, async (r) => {
      await r.accessKeys.insert({
        access_key_id: 'AKIAIMPORTTESTKEY001',
        account_id: ACCOUNT,
        user_id: 'AIDAZ4Q7MBJNQ5HVD2LXS',
        status: 'Active',
        secret_sealed: 'sealed',
        created_at: NOW.toISOString(),
        last_used_at: null,
        last_used_service: null,
        last_used_region: null,
      });
      await r.instances.insert({
        instance_id: 'i-0123456789abcdef0',
        account_id: ACCOUNT,
        name: 'web-1',
        name_key: 'web-1',
        instance_profile_id: 'AIPAZ4Q7MBJNF3KRT6YWC',
        secret_digest: '00',
        created_at: NOW.toISOString(),
      });
    });
    const newer = dump();
    newer.UserDetailList = newer.UserDetailList.filter((u) => u.UserName !== 'carol');
    named(newer.UserDetailList, 'UserName', 'bob').Tags = [{ Key: 'on-call', Value: 'yes' }];
    named(newer.GroupDetailList, 'GroupName', 'developers').GroupPolicyList = [];
    const deployer = named(newer.RoleDetailList, 'RoleName', 'deployer');
    deployer.AttachedManagedPolicies = [];
    deployer.RoleLastUsed = { LastUsedDate: '2024-07-01T00:00:00+00:00', Region: 'us-west-2' };
    newer.RoleDetailList = newer.RoleDetailList.filter((r) => r.RoleName !== 'web-server');
    const deployApp = named(newer.Policies, 'PolicyName', 'deploy-app');
    deployApp.DefaultVersionId = 'v3';
    deployApp.PolicyVersionList = [
      { ...(deployApp.PolicyVersionList as Json[])[0], IsDefaultVersion: false },
      {
        Document: policy({ Effect: 'Allow', Action: 'lambda:UpdateFunctionCode', Resource: '*' }),
        VersionId: 'v3',
        IsDefaultVersion: true,
        CreateDate: '2024-08-01T09:00:00+00:00',
      },
    ];

    const summary = await run(db.store, newer);
    expect(summary).toMatchObject({
      users: { total: 2, created: 0, updated: 1, unchanged: 1, removed: 1 },
      groups: { updated: 1, unchanged: 1, removed: 0 },
      roles: { total: 2, updated: 1, unchanged: 1, removed: 1 },
      instanceProfiles: { total: 0, removed: 1 },
      policies: { updated: 1, unchanged: 1 },
      instancesRemoved: 1,
    });
    await db.read(async (r) => {
      expect(await r.users.byName(ACCOUNT, 'carol')).toBeUndefined();
      expect(await r.accessKeys.get('AKIAIMPORTTESTKEY001')).toBeUndefined();
      expect(await r.tags.list('user', 'AIDAZ4Q7MBJNW3FTPJ6KA')).toEqual([{ Key: 'on-call', Value: 'yes' }]);
      expect(await r.inlinePolicies.list('group', 'AGPAZ4Q7MBJNTX2M6YRCV')).toEqual([]);
      expect(await r.managedPolicies.attachedTo('role', 'AROAZ4Q7MBJNR2VQX7MDE')).toEqual([]);
      expect(await r.roles.byId('AROAZ4Q7MBJNR2VQX7MDE')).toMatchObject({
        last_used_at: '2024-07-01T00:00:00.000Z',
        last_used_region: 'us-west-2',
      });
      expect(await r.roles.byName(ACCOUNT, 'web-server')).toBeUndefined();
      expect(await r.instanceProfiles.byName(ACCOUNT, 'web-server')).toBeUndefined();
      expect(await r.instances.list(ACCOUNT)).toEqual([]);
      const policy = (await r.managedPolicies.byArn('arn:aws:iam::123456789012:policy/app/deploy-app'))!;
      expect(policy.default_version).toBe(3);
      expect((await r.managedPolicies.versions(policy.policy_id)).map((v) => v.version)).toEqual([2, 3]);
    });
  });

  it('keeps ids across renames, even when two users swap names', async () => {
    await run(db.store, dump());
    const swapped = dump();
    const alice = named(swapped.UserDetailList, 'UserName', 'alice');
    const bob = named(swapped.UserDetailList, 'UserName', 'bob');
    Object.assign(alice, { UserName: 'bob', Arn: 'arn:aws:iam::123456789012:user/engineering/bob' });
    Object.assign(bob, { UserName: 'alice', Arn: 'arn:aws:iam::123456789012:user/alice' });
    const summary = await run(db.store, swapped);
    expect(summary.users).toMatchObject({ updated: 2, unchanged: 1, created: 0, removed: 0 });
    await db.read(async (r) => {
      expect(await r.users.byName(ACCOUNT, 'bob')).toMatchObject({
        user_id: 'AIDAZ4Q7MBJN2XKL5RV3E',
        arn: 'arn:aws:iam::123456789012:user/engineering/bob',
      });
      expect(await r.users.byName(ACCOUNT, 'alice')).toMatchObject({
        user_id: 'AIDAZ4Q7MBJNW3FTPJ6KA',
        path: '/',
      });
    });
  });

  const broken: [string, (d: Dump) => void, RegExp][] = [
    [
      'a trust policy IAM would refuse',
      (d) => {
        named(d.RoleDetailList, 'RoleName', 'deployer').AssumeRolePolicyDocument = policy({
          Effect: 'Permit',
          Principal: { AWS: '*' },
          Action: 'sts:AssumeRole',
        });
      },
      /^RoleDetailList\[1\] \(deployer\)\.AssumeRolePolicyDocument: \S/,
    ],
    [
      'an inline policy that is not JSON',
      (d) => {
        (named(d.UserDetailList, 'UserName', 'alice').UserPolicyList as Json[])[0]!.PolicyDocument =
          '%7B%22Version';
      },
      /^UserDetailList\[0\] \(alice\)\.UserPolicyList\[0\] \(assume-deployer\)\.PolicyDocument: Syntax errors in policy\.$/,
    ],
    [
      'a group the dump lacks',
      (d) => {
        d.GroupDetailList = d.GroupDetailList.filter((g) => g.GroupName !== 'auditors');
      },
      /^UserDetailList\[1\] \(bob\)\.GroupList\[1\]: names group auditors, which GroupDetailList lacks$/,
    ],
    [
      'an ARN its path and name do not make',
      (d) => {
        named(d.RoleDetailList, 'RoleName', 'web-server').Arn = 'arn:aws:iam::123456789012:role/web-server';
      },
      /^RoleDetailList\[2\] \(web-server\)\.Arn: is arn:aws:iam::123456789012:role\/web-server, but its Path and name make arn:aws:iam::123456789012:role\/service\/web-server$/,
    ],
    [
      'a boundary among no Policies',
      (d) => {
        d.Policies = d.Policies.filter((p) => p.PolicyName !== 'developer-boundary');
      },
      /^UserDetailList\[0\] \(alice\)\.PermissionsBoundary\.PermissionsBoundaryArn: arn:aws:iam::123456789012:policy\/developer-boundary is not among the dump's Policies/,
    ],
    [
      'a date that is none',
      (d) => {
        named(d.GroupDetailList, 'GroupName', 'auditors').CreateDate = 'yesterday';
      },
      /^GroupDetailList\[0\] \(auditors\)\.CreateDate: is not a date$/,
    ],
    [
      'a default version the policy lacks',
      (d) => {
        named(d.Policies, 'PolicyName', 'deploy-app').DefaultVersionId = 'v7';
      },
      /^Policies\[0\] \(deploy-app\)\.DefaultVersionId: names v7, which PolicyVersionList lacks$/,
    ],
    [
      'a user name IAM would refuse',
      (d) => {
        named(d.UserDetailList, 'UserName', 'carol').UserName = 'carol smith';
      },
      /^UserDetailList\[2\] \(carol smith\)\.UserName: may hold only letters, digits and _\+=,\.@-$/,
    ],
  ];

  it.each(broken)('names the entity and field of %s, and imports nothing', async (_, breakIt, message) => {
    await run(db.store, dump());
    const before = await snapshot(db.store);
    const d = dump();
    // what would otherwise change
    named(d.UserDetailList, 'UserName', 'alice').Tags = [];
    breakIt(d);
    expect(await refusal(run(db.store, d))).toMatch(message);
    expect(await snapshot(db.store)).toEqual(before);
  });

  it('rolls everything back when a write fails midway (an id another account holds), naming the entity', async () => {
    await run(db.store, dump());
    const before = await snapshot(db.store);
    const message = await refusal(run(db.store, dump(), { accountId: '210987654321' }));
    expect(message).toMatch(
      /^Policies\[0\] \(deploy-app\)\.PolicyId: ANPAZ4Q7MBJNV6GWX2LQD is already used in this Tessera/,
    );
    // the account, made at the start of the transaction, is gone with the rest
    expect(await db.read((r) => r.accounts.get('210987654321'))).toBeUndefined();
    expect(await snapshot(db.store)).toEqual(before);
  });

  it("reads the raw API's URL-encoded documents and epoch-second dates as the CLI's objects and ISO dates", async () => {
    const encode = (doc: unknown) => encodeURIComponent(JSON.stringify(doc));
    const seconds = (iso: unknown) => Date.parse(iso as string) / 1000;
    const raw = dump();
    for (const u of raw.UserDetailList) {
      u.CreateDate = seconds(u.CreateDate);
      for (const p of u.UserPolicyList as Json[]) p.PolicyDocument = encode(p.PolicyDocument);
    }
    for (const r of raw.RoleDetailList) r.AssumeRolePolicyDocument = encode(r.AssumeRolePolicyDocument);
    for (const p of raw.Policies)
      for (const v of p.PolicyVersionList as Json[]) v.Document = encode(v.Document);
    await run(db.store, raw);
    const fromCli = dump();
    await db.read(async (r) => {
      expect((await r.users.byName(ACCOUNT, 'alice'))!.created_at).toBe('2021-03-08T10:12:44.000Z');
      const inline = (await r.inlinePolicies.get('user', 'AIDAZ4Q7MBJN2XKL5RV3E', 'assume-deployer'))!;
      // the API's text is kept as it was sent
      expect(inline.document).toBe(
        JSON.stringify(
          (named(fromCli.UserDetailList, 'UserName', 'alice').UserPolicyList as Json[])[0]!.PolicyDocument,
        ),
      );
      const deployer = (await r.roles.byName(ACCOUNT, 'deployer'))!;
      expect(JSON.parse(deployer.assume_role_policy)).toEqual(
        named(fromCli.RoleDetailList, 'RoleName', 'deployer').AssumeRolePolicyDocument,
      );
    });
  });

  it("imports into the account --account names, moving the entities' ARNs there and saying which documents still name the dump's", async () => {
    const summary = await run(db.store, dump(), { accountId: '210987654321' });
    expect(summary).toMatchObject({
      accountId: '210987654321',
      dumpAccountId: ACCOUNT,
      accountCreated: true,
    });
    // alice's inline policy, deployer's trust policy and deploy-app v1 name 123456789012
    expect(summary.documentsNamingDumpAccount).toBe(3);
    await db.read(async (r) => {
      expect(await r.users.byName('210987654321', 'alice')).toMatchObject({
        arn: 'arn:aws:iam::210987654321:user/engineering/alice',
        permissions_boundary: 'arn:aws:iam::210987654321:policy/developer-boundary',
      });
      expect(await r.managedPolicies.attachedTo('group', 'AGPAZ4Q7MBJNTX2M6YRCV')).toMatchObject([
        { arn: 'arn:aws:iam::210987654321:policy/app/deploy-app' },
      ]);
      expect(await r.users.byName(ACCOUNT, 'alice')).toBeUndefined();
    });
  });

  it("raises the account's quotas where the AWS account had more than Tessera's, and says so", async () => {
    const summary = await run(db.store, dump(), {
      quotas: { ...DEFAULT_QUOTAS, rolesPerAccount: 2, groupsPerUser: 1 },
    });
    expect(summary.quotasRaised).toEqual([
      { quota: 'rolesPerAccount', from: 2, to: 3 },
      { quota: 'groupsPerUser', from: 1, to: 2 },
    ]);
    const account = await db.read((r) => r.accounts.get(ACCOUNT));
    expect(JSON.parse(account!.quotas!)).toEqual({ rolesPerAccount: 3, groupsPerUser: 2 });
    expect(summary.roles.created).toBe(3);
  });

  it('places the account under its SCPs, one per level from the root down, and reshapes the levels on re-import', async () => {
    const first = await run(db.store, dump(), { scps: SCPS });
    const org = first.organization!;
    expect(org).toMatchObject({
      created: true,
      levels: [{ targetType: 'ROOT' }, { targetType: 'ORGANIZATIONAL_UNIT' }],
    });
    const [root, ou] = org.levels;
    await db.read(async (r) => {
      expect(await r.organizations.member(ACCOUNT)).toMatchObject({
        org_id: org.orgId,
        parent_id: ou!.targetId,
      });
      const scpsOn = async (target: string) =>
        (await r.orgPolicies.attachedTo(org.orgId, [target], 'SERVICE_CONTROL_POLICY')).map((p) => p.content);
      expect((await scpsOn(root!.targetId)).map((c) => JSON.parse(c))).toEqual([ROOT_SCP]);
      expect((await scpsOn(ou!.targetId)).map((c) => JSON.parse(c))).toEqual([OU_SCP]);
      // the account's own level keeps FullAWSAccess: only the given levels narrow it
      expect(
        (await r.orgPolicies.attachedTo(org.orgId, [ACCOUNT], 'SERVICE_CONTROL_POLICY')).map((p) => p.name),
      ).toEqual(['FullAWSAccess']);
      // the synthetic management account has no credentials
      expect(await r.organizations.byId(org.orgId)).toMatchObject({
        management_account_id: org.managementAccountId,
      });
      expect(await r.accessKeys.listFor(org.managementAccountId, null)).toEqual([]);
    });
    const second = await run(db.store, dump(), { scps: [SCPS[1]!] });
    expect(second.organization).toMatchObject({
      orgId: org.orgId,
      created: false,
      levels: [{ targetId: root!.targetId }],
    });
    await db.read(async (r) => {
      expect(await r.organizations.member(ACCOUNT)).toMatchObject({ parent_id: root!.targetId });
      expect(await r.organizations.units(org.orgId)).toEqual([]);
      expect(
        (await r.orgPolicies.list(org.orgId, 'SERVICE_CONTROL_POLICY')).map((p) => p.name).sort(),
      ).toEqual(['FullAWSAccess', 'imported-scp-level-1']);
    });
  });

  it('refuses SCPs it cannot place: an organization no import made, a policy Organizations would refuse', async () => {
    // Tessera's own AWS managed policies are stored before any import's transaction, once for all
    await seedAwsManagedPolicies(db.store, NOW);
    await db.write(ACCOUNT, async (r) => {
      await r.accounts.insert({ account_id: ACCOUNT, created_at: NOW.toISOString(), quotas: null });
      await createOrganization(r, ACCOUNT, 'ALL', NOW);
    });
    const before = await snapshot(db.store);
    expect(await refusal(run(db.store, dump(), { scps: SCPS }))).toMatch(
      /^--scp: account 123456789012 already belongs to organization o-\w+, which no import made/,
    );
    expect(await snapshot(db.store)).toEqual(before);
    const bad = [SCPS[0]!, { name: 'broken.json', content: '{"Version":"2012-10-17","Statement":[]}' }];
    expect(await refusal(run(db.store, dump(), { scps: bad }))).toMatch(/^--scp\[2\] \(broken\.json\): \S/);
    expect(await snapshot(db.store)).toEqual(before);
  });
});

/** Users, groups, roles and customer policies as both the fixture and the API can be compared. */
function comparable(d: {
  UserDetailList?: unknown[];
  GroupDetailList?: unknown[];
  RoleDetailList?: unknown[];
  Policies?: unknown[];
}) {
  const iso = (v: unknown) => (v === undefined ? undefined : new Date(v as string | Date).toISOString());
  const doc = (v: unknown) => (typeof v === 'string' ? (JSON.parse(decodeURIComponent(v)) as unknown) : v);
  const inline = (list: unknown) =>
    ((list ?? []) as Json[]).map((p) => ({
      PolicyName: p.PolicyName,
      PolicyDocument: doc(p.PolicyDocument),
    }));
  const attached = (list: unknown) => ((list ?? []) as Json[]).map((p) => p.PolicyArn).sort();
  const boundary = (b: unknown) => (b as Json | undefined)?.PermissionsBoundaryArn;
  return {
    users: ((d.UserDetailList ?? []) as Json[]).map((u) => ({
      ...pick(u, 'Path', 'UserName', 'UserId', 'Arn'),
      CreateDate: iso(u.CreateDate),
      UserPolicyList: inline(u.UserPolicyList),
      GroupList: [...((u.GroupList ?? []) as string[])].sort(),
      AttachedManagedPolicies: attached(u.AttachedManagedPolicies),
      PermissionsBoundary: boundary(u.PermissionsBoundary),
      Tags: u.Tags ?? [],
    })),
    groups: ((d.GroupDetailList ?? []) as Json[]).map((g) => ({
      ...pick(g, 'Path', 'GroupName', 'GroupId', 'Arn'),
      CreateDate: iso(g.CreateDate),
      GroupPolicyList: inline(g.GroupPolicyList),
      AttachedManagedPolicies: attached(g.AttachedManagedPolicies),
    })),
    roles: ((d.RoleDetailList ?? []) as Json[]).map((r) => ({
      ...pick(r, 'Path', 'RoleName', 'RoleId', 'Arn'),
      CreateDate: iso(r.CreateDate),
      AssumeRolePolicyDocument: doc(r.AssumeRolePolicyDocument),
      InstanceProfileList: ((r.InstanceProfileList ?? []) as Json[]).map((p) => ({
        ...pick(p, 'Path', 'InstanceProfileName', 'InstanceProfileId', 'Arn'),
        CreateDate: iso(p.CreateDate),
        Roles: (p.Roles as Json[]).map((x) => x.RoleId),
      })),
      RolePolicyList: inline(r.RolePolicyList),
      AttachedManagedPolicies: attached(r.AttachedManagedPolicies),
      PermissionsBoundary: boundary(r.PermissionsBoundary),
      Tags: r.Tags ?? [],
      RoleLastUsed: {
        LastUsedDate: iso((r.RoleLastUsed as Json | undefined)?.LastUsedDate),
        Region: (r.RoleLastUsed as Json | undefined)?.Region,
      },
    })),
    customerPolicies: ((d.Policies ?? []) as Json[])
      .filter((p) => !(p.Arn as string).startsWith('arn:aws:iam::aws:'))
      .map((p) => ({
        ...pick(
          p,
          'PolicyName',
          'PolicyId',
          'Arn',
          'Path',
          'DefaultVersionId',
          'AttachmentCount',
          'PermissionsBoundaryUsageCount',
          'Description',
        ),
        CreateDate: iso(p.CreateDate),
        UpdateDate: iso(p.UpdateDate),
        PolicyVersionList: (p.PolicyVersionList as Json[])
          .map((v) => ({
            VersionId: v.VersionId,
            IsDefaultVersion: v.IsDefaultVersion,
            CreateDate: iso(v.CreateDate),
            Document: doc(v.Document),
          }))
          .sort((a, b) => String(a.VersionId).localeCompare(String(b.VersionId))),
      })),
  };
}

function pick(o: Json, ...keys: string[]): Json {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}

describe.each(BACKENDS)('an imported account through the IAM API on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
    await importAuthorizationDetails(t.server.store, FIXTURE_TEXT, {
      quotas: t.config.quotas,
      now: new Date(),
      scps: SCPS,
    });
  });
  afterAll(() => t.destroy());

  it('gives the dump back through GetAccountAuthorizationDetails', async () => {
    const pages: GetAccountAuthorizationDetailsCommandOutput[] = [];
    let Marker: string | undefined;
    do {
      const page = await t.iam().send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 4, Marker }));
      pages.push(page);
      Marker = page.IsTruncated ? page.Marker : undefined;
    } while (Marker);
    const merged = {
      UserDetailList: pages.flatMap((p) => p.UserDetailList ?? []),
      GroupDetailList: pages.flatMap((p) => p.GroupDetailList ?? []),
      RoleDetailList: pages.flatMap((p) => p.RoleDetailList ?? []),
      Policies: pages.flatMap((p) => p.Policies ?? []),
    };
    expect(comparable(merged)).toEqual(comparable(dump()));
    // GetAccountAuthorizationDetails leaves instance profiles' tags out; GetInstanceProfile has them
    const profile = await t.iam().send(new GetInstanceProfileCommand({ InstanceProfileName: 'web-server' }));
    expect(profile.InstanceProfile).toMatchObject({
      InstanceProfileId: 'AIPAZ4Q7MBJNF3KRT6YWC',
      Tags: [{ Key: 'tier', Value: 'web' }],
      Roles: [{ RoleName: 'web-server' }],
    });
    // RoleDetail has neither; the role inside the dump's instance profile had them
    const role = await t.iam().send(new GetRoleCommand({ RoleName: 'web-server' }));
    expect(role.Role).toMatchObject({ MaxSessionDuration: 7200, Description: 'Runs the web tier' });
    // the AWS managed policies the account uses: Tessera's, the dump's and the placeholder
    expect(
      merged.Policies.filter((p) => p.Arn!.startsWith('arn:aws:iam::aws:'))
        .map((p) => [p.PolicyName, p.PolicyId])
        .sort(),
    ).toEqual([
      ['AWSSupportServiceRolePolicy', 'ANPAJ7W6266ELXF5MISDS'],
      ['ReadOnlyAccess', 'ANPAILL3HVNFSB6DCOWYQ'],
      ['SecurityAudit', expect.stringMatching(/^ANPA\w{17}$/)],
    ]);
  });

  it('decides SimulatePrincipalPolicy with the imported policies, boundaries, placeholders and SCPs', async () => {
    const decide = async (principal: string, action: string, resource = '*') => {
      const out = await t.iam().send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: `arn:aws:iam::${ACCOUNT}:${principal}`,
          ActionNames: [action],
          ResourceArns: [resource],
        }),
      );
      return out.EvaluationResults![0]!.EvalDecision;
    };
    // the developers group's inline policy, within alice's boundary and both SCP levels
    expect(await decide('user/engineering/alice', 's3:GetObject', 'arn:aws:s3:::dev-data/report.csv')).toBe(
      'allowed',
    );
    // deploy-app's default version (v2) through the group; v1 would not allow lambda:PublishVersion
    expect(await decide('user/engineering/alice', 'lambda:PublishVersion')).toBe('allowed');
    // alice's boundary leaves out what ReadOnlyAccess would not give her anyway
    expect(await decide('user/engineering/alice', 'iam:CreateUser')).toBe('implicitDeny');
    // Tessera's ReadOnlyAccess, attached to bob
    expect(await decide('user/bob', 'iam:ListUsers')).toBe('allowed');
    // ReadOnlyAccess allows it, the OU's allow-list SCP does not
    expect(await decide('user/bob', 'ec2:DescribeInstances')).toBe('implicitDeny');
    // the root's SCP denies the secret buckets
    expect(await decide('user/bob', 's3:GetObject', 'arn:aws:s3:::secret-plans/q3.pdf')).toBe('explicitDeny');
    // carol holds only the SecurityAudit placeholder, which allows nothing
    expect(await decide('user/contractors/carol', 'iam:GetAccountSummary')).toBe('implicitDeny');
    // the deployer role: deploy-app within developer-boundary
    expect(await decide('role/deployer', 'iam:PassRole')).toBe('allowed');
    expect(await decide('role/deployer', 's3:DeleteBucket')).toBe('implicitDeny');
    // the web-server role's inline policy
    expect(
      await decide('role/service/web-server', 's3:GetObject', 'arn:aws:s3:::example-assets/logo.png'),
    ).toBe('allowed');
  });
});
