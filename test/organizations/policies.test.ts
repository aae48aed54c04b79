// Organizations' policy API with the real @aws-sdk/client-organizations, on every backend: policy types
// on the root (AWS's FullAWSAccess / RCPFullAWSAccess installed everywhere), SCPs and RCPs created,
// described, updated, listed and deleted, attached and detached within AWS's quotas, tags on roots,
// OUs, accounts and policies, and each refusal with AWS's exception, HTTP status and Reason.
// Quotas: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
import {
  AcceptHandshakeCommand,
  AttachPolicyCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  CreatePolicyCommand,
  DeletePolicyCommand,
  DescribeEffectivePolicyCommand,
  DescribePolicyCommand,
  DetachPolicyCommand,
  DisablePolicyTypeCommand,
  EnablePolicyTypeCommand,
  InviteAccountToOrganizationCommand,
  ListPoliciesCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  ListTargetsForPolicyCommand,
  OrganizationsClient,
  RegisterDelegatedAdministratorCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdatePolicyCommand,
  type PolicyType,
} from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAccount, newOrgPolicyId } from '../../src/domain/index.ts';
import type { OrganizationRow } from '../../src/store/index.ts';
import { BACKENDS, startTestServer, type Credentials, type TestServer } from '../support/test-server.ts';

const SCP: PolicyType = 'SERVICE_CONTROL_POLICY';
const RCP: PolicyType = 'RESOURCE_CONTROL_POLICY';
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const DENY_S3 = doc({ Effect: 'Deny', Action: 's3:*', Resource: '*' });
const DENY_S3_TO_ALL = doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' });

interface OrgCall {
  name: string;
  status: number;
  message: string;
  reason: string | undefined;
}

/** Runs a call expected to fail; returns its exception's name, HTTP status, message and Reason. */
async function orgError(fn: () => Promise<unknown>): Promise<OrgCall> {
  try {
    await fn();
  } catch (err) {
    const e = err as {
      name: string;
      message: string;
      Reason?: string;
      $metadata?: { httpStatusCode?: number };
    };
    return { name: e.name, status: e.$metadata?.httpStatusCode ?? 0, message: e.message, reason: e.Reason };
  }
  throw new Error('expected an Organizations error, but the call succeeded');
}

const keyFor = (accountId: string): Credentials => ({
  accessKeyId: `AKIAPOLX${accountId}`,
  secretAccessKey: `policysecret${accountId}`.padEnd(40, 'x'),
});

/** An organization of its own for one test: its management account and client, its tree made through the API. */
interface TestOrg {
  client: OrganizationsClient;
  org: OrganizationRow;
  rootId: string;
  /** An OU under the root (CreateOrganizationalUnit). */
  ou(name: string): Promise<string>;
  /** An account with root keys, invited and joined under the root (its name is its id). */
  member(accountId: string): Promise<Credentials>;
  clientFor(creds: Credentials): OrganizationsClient;
}

async function newOrg(
  t: TestServer,
  accountId: string,
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING' = 'ALL',
): Promise<TestOrg> {
  const { store, sealer } = t.server.services;
  const clientFor = (credentials: Credentials) =>
    new OrganizationsClient({ endpoint: t.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  const creds = keyFor(accountId);
  await ensureAccount(store, sealer, accountId, new Date(), creds);
  const client = clientFor(creds);
  await client.send(new CreateOrganizationCommand({ FeatureSet: featureSet }));
  const org = (await store.read((r) => r.organizations.managedBy(accountId)))!;
  return {
    client,
    org,
    rootId: org.root_id,
    clientFor,
    async ou(Name) {
      const { OrganizationalUnit } = await client.send(
        new CreateOrganizationalUnitCommand({ ParentId: org.root_id, Name }),
      );
      return OrganizationalUnit!.Id!;
    },
    async member(memberId) {
      const memberCreds = keyFor(memberId);
      await ensureAccount(store, sealer, memberId, new Date(), memberCreds);
      const { Handshake } = await client.send(
        new InviteAccountToOrganizationCommand({ Target: { Id: memberId, Type: 'ACCOUNT' } }),
      );
      await clientFor(memberCreds).send(new AcceptHandshakeCommand({ HandshakeId: Handshake!.Id! }));
      return memberCreds;
    },
  };
}

describe.each(BACKENDS)('Organizations policies on %s', (backend) => {
  let t: TestServer;

  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t.destroy());

  const enable = (o: TestOrg, PolicyType: PolicyType) =>
    o.client.send(new EnablePolicyTypeCommand({ RootId: o.rootId, PolicyType }));
  const create = (o: TestOrg, Name: string, Content = DENY_S3, Type: PolicyType = SCP) =>
    o.client.send(new CreatePolicyCommand({ Name, Description: `${Name} policy`, Content, Type }));
  const createId = async (o: TestOrg, Name: string, Content = DENY_S3, Type: PolicyType = SCP) =>
    (await create(o, Name, Content, Type)).Policy!.PolicySummary!.Id!;
  const attach = (o: TestOrg, PolicyId: string, TargetId: string) =>
    o.client.send(new AttachPolicyCommand({ PolicyId, TargetId }));
  const detach = (o: TestOrg, PolicyId: string, TargetId: string) =>
    o.client.send(new DetachPolicyCommand({ PolicyId, TargetId }));
  const attachedTo = async (o: TestOrg, TargetId: string, Filter: PolicyType = SCP) =>
    (await o.client.send(new ListPoliciesForTargetCommand({ TargetId, Filter }))).Policies!.map(
      (p) => p.Name,
    );

  describe('EnablePolicyType and DisablePolicyType', () => {
    it('enables SCPs on the root and attaches FullAWSAccess to the root, every OU and every account', async () => {
      const o = await newOrg(t, '200000000001');
      const ou = await o.ou('Workloads');
      await o.member('200000000002');
      const { Root } = await enable(o, SCP);
      expect(Root).toMatchObject({
        Id: o.rootId,
        Name: 'Root',
        Arn: `arn:aws:organizations::200000000001:root/${o.org.org_id}/${o.rootId}`,
        PolicyTypes: [{ Type: SCP, Status: 'ENABLED' }],
      });
      const roots = (await o.client.send(new ListRootsCommand({}))).Roots!;
      expect(roots[0]!.PolicyTypes).toEqual([{ Type: SCP, Status: 'ENABLED' }]);
      const onRoot = (
        await o.client.send(new ListPoliciesForTargetCommand({ TargetId: o.rootId, Filter: SCP }))
      ).Policies!;
      expect(onRoot).toEqual([
        {
          Id: 'p-FullAWSAccess',
          Arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
          Name: 'FullAWSAccess',
          Description: 'Allows access to every operation',
          Type: SCP,
          AwsManaged: true,
        },
      ]);
      for (const target of [ou, '200000000001', '200000000002'])
        expect(await attachedTo(o, target)).toEqual(['FullAWSAccess']);
      const full = (await o.client.send(new DescribePolicyCommand({ PolicyId: 'p-FullAWSAccess' }))).Policy!;
      expect(JSON.parse(full.Content!)).toEqual({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
      });
    });

    it('refuses a second enable, an unknown root, a type Tessera lacks, and a consolidated-billing organization', async () => {
      const o = await newOrg(t, '200000000011');
      await enable(o, SCP);
      expect(await orgError(() => enable(o, SCP))).toEqual({
        name: 'PolicyTypeAlreadyEnabledException',
        status: 400,
        message: 'The specified policy type is already enabled in the specified root.',
        reason: undefined,
      });
      expect(
        await orgError(() =>
          o.client.send(new EnablePolicyTypeCommand({ RootId: 'r-zzzz', PolicyType: RCP })),
        ),
      ).toMatchObject({ name: 'RootNotFoundException', status: 400 });
      expect(await orgError(() => enable(o, 'TAG_POLICY'))).toMatchObject({
        name: 'PolicyTypeNotAvailableForOrganizationException',
        status: 400,
      });
      const billing = await newOrg(t, '200000000012', 'CONSOLIDATED_BILLING');
      expect(await orgError(() => enable(billing, SCP))).toMatchObject({
        name: 'ConstraintViolationException',
        status: 400,
        reason: 'ORGANIZATION_NOT_IN_ALL_FEATURES_MODE',
      });
      expect(await orgError(() => create(billing, 'deny-s3'))).toMatchObject({
        name: 'ConstraintViolationException',
        reason: 'ORGANIZATION_NOT_IN_ALL_FEATURES_MODE',
      });
      const roots = (await o.client.send(new ListRootsCommand({}))).Roots!;
      expect(roots[0]!.PolicyTypes).toEqual([{ Type: SCP, Status: 'ENABLED' }]);
    });

    it('lets only the management account enable or disable a type', async () => {
      const o = await newOrg(t, '200000000021');
      const member = o.clientFor(await o.member('200000000022'));
      expect(
        await orgError(() => member.send(new EnablePolicyTypeCommand({ RootId: o.rootId, PolicyType: SCP }))),
      ).toMatchObject({ name: 'AccessDeniedException', status: 400 });
      await ensureAccount(
        t.server.store,
        t.server.services.sealer,
        '200000000023',
        new Date(),
        keyFor('200000000023'),
      );
      const outsider = o.clientFor(keyFor('200000000023'));
      expect(await orgError(() => outsider.send(new ListPoliciesCommand({ Filter: SCP })))).toMatchObject({
        name: 'AWSOrganizationsNotInUseException',
        status: 400,
      });
      expect((await o.client.send(new ListRootsCommand({}))).Roots![0]!.PolicyTypes).toEqual([]);
    });

    it('disables SCPs: every SCP is detached from every target and kept, and attaching is refused', async () => {
      const o = await newOrg(t, '200000000031');
      const ou = await o.ou('Sandbox');
      await enable(o, SCP);
      const deny = await createId(o, 'deny-s3');
      await attach(o, deny, ou);
      await attach(o, deny, o.rootId);

      const { Root } = await o.client.send(
        new DisablePolicyTypeCommand({ RootId: o.rootId, PolicyType: SCP }),
      );
      expect(Root!.PolicyTypes).toEqual([]);
      expect(await attachedTo(o, o.rootId)).toEqual([]);
      expect(await attachedTo(o, ou)).toEqual([]);
      expect((await o.client.send(new ListTargetsForPolicyCommand({ PolicyId: deny }))).Targets).toEqual([]);
      // AWS keeps the policies of a disabled type (disable-policy-type.html)
      const kept = (await o.client.send(new ListPoliciesCommand({ Filter: SCP }))).Policies!;
      expect(kept.map((p) => p.Name)).toEqual(['FullAWSAccess', 'deny-s3']);
      expect(await orgError(() => attach(o, deny, ou))).toMatchObject({
        name: 'PolicyTypeNotEnabledException',
        status: 400,
      });
      expect(
        await orgError(() =>
          o.client.send(new DisablePolicyTypeCommand({ RootId: o.rootId, PolicyType: SCP })),
        ),
      ).toMatchObject({ name: 'PolicyTypeNotEnabledException', status: 400 });

      // enabled again, every target starts with FullAWSAccess alone
      await enable(o, SCP);
      expect(await attachedTo(o, o.rootId)).toEqual(['FullAWSAccess']);
      expect(await attachedTo(o, ou)).toEqual(['FullAWSAccess']);
    });
  });

  describe('CreatePolicy, DescribePolicy, UpdatePolicy, ListPolicies and DeletePolicy', () => {
    it('creates, describes, lists, updates and deletes a customer SCP', async () => {
      const o = await newOrg(t, '200000000041');
      await enable(o, SCP);
      const created = (await create(o, 'deny-s3')).Policy!;
      const id = created.PolicySummary!.Id!;
      expect(id).toMatch(/^p-[a-z0-9]{10}$/);
      expect(created).toEqual({
        PolicySummary: {
          Id: id,
          Arn: `arn:aws:organizations::200000000041:policy/${o.org.org_id}/service_control_policy/${id}`,
          Name: 'deny-s3',
          Description: 'deny-s3 policy',
          Type: SCP,
          AwsManaged: false,
        },
        Content: DENY_S3,
      });
      expect((await o.client.send(new DescribePolicyCommand({ PolicyId: id }))).Policy).toEqual(created);

      const listed = (await o.client.send(new ListPoliciesCommand({ Filter: SCP }))).Policies!;
      expect(listed.map((p) => [p.Name, p.AwsManaged])).toEqual([
        ['FullAWSAccess', true],
        ['deny-s3', false],
      ]);
      expect((await o.client.send(new ListPoliciesCommand({ Filter: RCP }))).Policies).toEqual([]);
      const page1 = await o.client.send(new ListPoliciesCommand({ Filter: SCP, MaxResults: 1 }));
      const page2 = await o.client.send(
        new ListPoliciesCommand({ Filter: SCP, MaxResults: 1, NextToken: page1.NextToken! }),
      );
      expect([page1.Policies![0]!.Name, page2.Policies![0]!.Name, page2.NextToken]).toEqual([
        'FullAWSAccess',
        'deny-s3',
        undefined,
      ]);

      const ec2 = doc({ Effect: 'Deny', Action: 'ec2:*', Resource: '*' });
      const updated = (
        await o.client.send(
          new UpdatePolicyCommand({ PolicyId: id, Name: 'deny-ec2', Description: 'no EC2', Content: ec2 }),
        )
      ).Policy!;
      expect(updated).toMatchObject({
        PolicySummary: { Id: id, Name: 'deny-ec2', Description: 'no EC2', AwsManaged: false },
        Content: ec2,
      });
      expect((await o.client.send(new DescribePolicyCommand({ PolicyId: id }))).Policy).toEqual(updated);

      await o.client.send(new DeletePolicyCommand({ PolicyId: id }));
      expect(await orgError(() => o.client.send(new DescribePolicyCommand({ PolicyId: id })))).toEqual({
        name: 'PolicyNotFoundException',
        status: 400,
        message: "We can't find a policy with the PolicyId that you specified.",
        reason: undefined,
      });
      expect(
        (await o.client.send(new ListPoliciesCommand({ Filter: SCP }))).Policies!.map((p) => p.Name),
      ).toEqual(['FullAWSAccess']);
    });

    it('creates policies before their type is enabled, but attaches them only after', async () => {
      const o = await newOrg(t, '200000000051');
      const id = await createId(o, 'early');
      expect(await orgError(() => attach(o, id, o.rootId))).toEqual({
        name: 'PolicyTypeNotEnabledException',
        status: 400,
        message: expect.stringContaining("The specified policy type isn't currently enabled in this root."),
        reason: undefined,
      });
      await enable(o, SCP);
      await attach(o, id, o.rootId);
      expect(await attachedTo(o, o.rootId)).toEqual(['FullAWSAccess', 'early']);
    });

    it('refuses a malformed document with the engine message and changes nothing', async () => {
      const o = await newOrg(t, '200000000061');
      expect(await orgError(() => create(o, 'broken', '{"Version": "2012-10-17", "Statement": ['))).toEqual({
        name: 'MalformedPolicyDocumentException',
        status: 400,
        message: 'Syntax errors in policy.',
        reason: undefined,
      });
      const withPrincipal = doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' });
      expect(await orgError(() => create(o, 'principal', withPrincipal))).toMatchObject({
        name: 'MalformedPolicyDocumentException',
        message: 'Policy document should not specify a principal.',
      });
      const noVendor = doc({ Effect: 'Deny', Action: 'GetObject', Resource: '*' });
      expect(await orgError(() => create(o, 'vendor', noVendor))).toMatchObject({
        name: 'MalformedPolicyDocumentException',
        message: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
      });
      // RCPs: a Principal is required, and Allow belongs to RCPFullAWSAccess alone
      expect(await orgError(() => create(o, 'rcp-no-principal', DENY_S3, RCP))).toMatchObject({
        name: 'MalformedPolicyDocumentException',
        message: 'Missing required field Principal',
      });
      const allow = doc({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' });
      expect(await orgError(() => create(o, 'rcp-allow', allow, RCP))).toMatchObject({
        name: 'MalformedPolicyDocumentException',
        status: 400,
      });
      // RCP syntax has no NotAction or NotPrincipal, and its Principal is "*" narrowed by conditions
      const rcpRefusals: [string, unknown, string][] = [
        [
          'rcp-not-action',
          { Effect: 'Deny', Principal: '*', NotAction: 's3:GetObject', Resource: '*' },
          'NotAction is not supported in resource control policies.',
        ],
        [
          'rcp-not-principal',
          {
            Effect: 'Deny',
            NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' },
            Action: 's3:*',
            Resource: '*',
          },
          'NotPrincipal is not supported in resource control policies.',
        ],
        [
          'rcp-named-principal',
          {
            Effect: 'Deny',
            Principal: { AWS: 'arn:aws:iam::111122223333:root' },
            Action: 's3:*',
            Resource: '*',
          },
          'The Principal of a resource control policy must be "*": narrow it with conditions instead.',
        ],
      ];
      for (const [name, statement, message] of rcpRefusals)
        expect(await orgError(() => create(o, name, doc(statement), RCP))).toMatchObject({
          name: 'MalformedPolicyDocumentException',
          message,
        });
      await createId(
        o,
        'rcp-aws-star',
        doc({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Resource: '*' }),
        RCP,
      );

      const id = await createId(o, 'good');
      expect(
        await orgError(() =>
          o.client.send(new UpdatePolicyCommand({ PolicyId: id, Content: '{"Statement":' })),
        ),
      ).toMatchObject({ name: 'MalformedPolicyDocumentException', message: 'Syntax errors in policy.' });
      expect((await o.client.send(new DescribePolicyCommand({ PolicyId: id }))).Policy!.Content).toBe(
        DENY_S3,
      );
      expect(
        (await o.client.send(new ListPoliciesCommand({ Filter: SCP }))).Policies!.map((p) => p.Name),
      ).toEqual(['good']);
    });

    it('counts every character of a document, white space included, against 5,120', async () => {
      const o = await newOrg(t, '200000000071');
      const padded = (length: number) => DENY_S3 + ' '.repeat(length - DENY_S3.length);
      const fits = await createId(o, 'at-limit', padded(5120));
      expect(
        (await o.client.send(new DescribePolicyCommand({ PolicyId: fits }))).Policy!.Content,
      ).toHaveLength(5120);
      expect(await orgError(() => create(o, 'over-limit', padded(5121)))).toMatchObject({
        name: 'ConstraintViolationException',
        status: 400,
        reason: 'POLICY_CONTENT_LIMIT_EXCEEDED',
      });
      expect(
        await orgError(() => create(o, 'rcp-over', DENY_S3_TO_ALL + ' '.repeat(5121), RCP)),
      ).toMatchObject({
        name: 'ConstraintViolationException',
        reason: 'POLICY_CONTENT_LIMIT_EXCEEDED',
      });
      expect(
        await orgError(() =>
          o.client.send(new UpdatePolicyCommand({ PolicyId: fits, Content: padded(5121) })),
        ),
      ).toMatchObject({ name: 'ConstraintViolationException', reason: 'POLICY_CONTENT_LIMIT_EXCEEDED' });
    });

    it('refuses a second policy of the same name and type, on create and on rename', async () => {
      const o = await newOrg(t, '200000000081');
      const first = await createId(o, 'guardrail');
      const duplicate = {
        name: 'DuplicatePolicyException',
        status: 400,
        message: 'A policy with the same name already exists.',
      };
      expect(await orgError(() => create(o, 'guardrail'))).toMatchObject(duplicate);
      const second = await createId(o, 'other');
      expect(
        await orgError(() => o.client.send(new UpdatePolicyCommand({ PolicyId: second, Name: 'guardrail' }))),
      ).toMatchObject(duplicate);
      // renaming a policy to its own name is no conflict
      await o.client.send(new UpdatePolicyCommand({ PolicyId: first, Name: 'guardrail' }));
      const names = (await o.client.send(new ListPoliciesCommand({ Filter: SCP }))).Policies!.map(
        (p) => p.Name,
      );
      expect(names.sort()).toEqual(['guardrail', 'other']);
    });

    it('refuses a type Tessera does not offer', async () => {
      const o = await newOrg(t, '200000000091');
      expect(await orgError(() => create(o, 'tags', '{"tags":{}}', 'TAG_POLICY'))).toMatchObject({
        name: 'PolicyTypeNotAvailableForOrganizationException',
        status: 400,
      });
    });

    it('stops at 1,000 RCPs in an organization', async () => {
      const o = await newOrg(t, '200000000101');
      await t.server.store.write('200000000101', async (repos) => {
        for (let i = 0; i < 999; i++)
          await repos.orgPolicies.insert({
            org_id: o.org.org_id,
            policy_id: newOrgPolicyId(),
            policy_type: RCP,
            name: `seeded-${i}`,
            description: '',
            content: DENY_S3_TO_ALL,
            aws_managed: 0,
            created_at: new Date().toISOString(),
          });
      });
      await createId(o, 'the-thousandth', DENY_S3_TO_ALL, RCP);
      expect(await orgError(() => create(o, 'one-too-many', DENY_S3_TO_ALL, RCP))).toMatchObject({
        name: 'ConstraintViolationException',
        status: 400,
        reason: 'POLICY_NUMBER_LIMIT_EXCEEDED',
      });
      // the quota is per type: SCPs are still welcome
      await createId(o, 'an-scp');
    });

    it("keeps AWS's own policies unchangeable and a policy in use undeletable", async () => {
      const o = await newOrg(t, '200000000111');
      await enable(o, SCP);
      const immutable = { name: 'InvalidInputException', status: 400, reason: 'IMMUTABLE_POLICY' };
      expect(
        await orgError(() =>
          o.client.send(new UpdatePolicyCommand({ PolicyId: 'p-FullAWSAccess', Name: 'Mine' })),
        ),
      ).toMatchObject(immutable);
      expect(
        await orgError(() => o.client.send(new DeletePolicyCommand({ PolicyId: 'p-FullAWSAccess' }))),
      ).toMatchObject(immutable);
      const id = await createId(o, 'in-use');
      await attach(o, id, o.rootId);
      expect(await orgError(() => o.client.send(new DeletePolicyCommand({ PolicyId: id })))).toEqual({
        name: 'PolicyInUseException',
        status: 400,
        message:
          'The policy is attached to one or more entities. You must detach it from all roots, OUs, and accounts before performing this operation.',
        reason: undefined,
      });
      await detach(o, id, o.rootId);
      await o.client.send(new DeletePolicyCommand({ PolicyId: id }));
      expect(
        await orgError(() => o.client.send(new DeletePolicyCommand({ PolicyId: 'p-abcdefghij' }))),
      ).toMatchObject({ name: 'PolicyNotFoundException', status: 400 });
    });

    it('lets a delegated administrator read policies but not write them', async () => {
      const o = await newOrg(t, '200000000121');
      await enable(o, SCP);
      const id = await createId(o, 'shared');
      const adminCreds = await o.member('200000000122');
      await o.client.send(
        new RegisterDelegatedAdministratorCommand({
          AccountId: '200000000122',
          ServicePrincipal: 'securityhub.amazonaws.com',
        }),
      );
      const admin = o.clientFor(adminCreds);
      expect(
        (await admin.send(new DescribePolicyCommand({ PolicyId: id }))).Policy!.PolicySummary!.Name,
      ).toBe('shared');
      expect((await admin.send(new ListPoliciesCommand({ Filter: SCP }))).Policies).toHaveLength(2);
      expect(await orgError(() => admin.send(new DeletePolicyCommand({ PolicyId: id })))).toMatchObject({
        name: 'AccessDeniedException',
        status: 400,
      });
      const plain = o.clientFor(await o.member('200000000123'));
      expect(await orgError(() => plain.send(new DescribePolicyCommand({ PolicyId: id })))).toMatchObject({
        name: 'AccessDeniedException',
      });
    });
  });

  describe('AttachPolicy, DetachPolicy, ListPoliciesForTarget and ListTargetsForPolicy', () => {
    it('lists the root, OU and account a policy is attached to, with their types, names and ARNs', async () => {
      const o = await newOrg(t, '200000000131');
      const ou = await o.ou('Production');
      await o.member('200000000132');
      await enable(o, SCP);
      const id = await createId(o, 'deny-s3');
      for (const target of [o.rootId, ou, '200000000132']) await attach(o, id, target);
      const { Targets } = await o.client.send(new ListTargetsForPolicyCommand({ PolicyId: id }));
      const base = `arn:aws:organizations::200000000131`;
      expect(Targets).toEqual([
        {
          TargetId: '200000000132',
          Arn: `${base}:account/${o.org.org_id}/200000000132`,
          Name: '200000000132',
          Type: 'ACCOUNT',
        },
        {
          TargetId: ou,
          Arn: `${base}:ou/${o.org.org_id}/${ou}`,
          Name: 'Production',
          Type: 'ORGANIZATIONAL_UNIT',
        },
        { TargetId: o.rootId, Arn: `${base}:root/${o.org.org_id}/${o.rootId}`, Name: 'Root', Type: 'ROOT' },
      ]);
      expect(await attachedTo(o, ou)).toEqual(['FullAWSAccess', 'deny-s3']);
      const full = (await o.client.send(new ListTargetsForPolicyCommand({ PolicyId: 'p-FullAWSAccess' })))
        .Targets!;
      expect(full.map((x) => x.Type).sort()).toEqual(['ACCOUNT', 'ACCOUNT', 'ORGANIZATIONAL_UNIT', 'ROOT']);
    });

    it('refuses unknown targets and policies, a second attachment, and a detach of what is not attached', async () => {
      const o = await newOrg(t, '200000000141');
      const ou = await o.ou('Dev');
      await enable(o, SCP);
      const id = await createId(o, 'deny-s3');
      const targetNotFound = {
        name: 'TargetNotFoundException',
        status: 400,
        message: "We can't find a root, OU, or account with the TargetId that you specified.",
        reason: undefined,
      };
      expect(await orgError(() => attach(o, id, 'ou-zzzz-zzzzzzzz'))).toEqual(targetNotFound);
      expect(await orgError(() => attach(o, id, '999999999999'))).toEqual(targetNotFound);
      expect(await orgError(() => attach(o, id, 'r-zzzz'))).toEqual(targetNotFound);
      expect(await orgError(() => detach(o, id, '999999999999'))).toEqual(targetNotFound);
      expect(
        await orgError(() =>
          o.client.send(new ListPoliciesForTargetCommand({ TargetId: 'r-zzzz', Filter: SCP })),
        ),
      ).toEqual(targetNotFound);
      expect(await orgError(() => attach(o, 'p-0000000000', ou))).toMatchObject({
        name: 'PolicyNotFoundException',
        status: 400,
      });
      expect(
        await orgError(() => o.client.send(new ListTargetsForPolicyCommand({ PolicyId: 'p-0000000000' }))),
      ).toMatchObject({ name: 'PolicyNotFoundException' });

      await attach(o, id, ou);
      expect(await orgError(() => attach(o, id, ou))).toEqual({
        name: 'DuplicatePolicyAttachmentException',
        status: 400,
        message: 'The selected policy is already attached to the specified target.',
        reason: undefined,
      });
      expect(await orgError(() => detach(o, id, o.rootId))).toEqual({
        name: 'PolicyNotAttachedException',
        status: 400,
        message: "The policy isn't attached to the specified target in the specified root.",
        reason: undefined,
      });
      expect(await attachedTo(o, ou)).toEqual(['FullAWSAccess', 'deny-s3']);
    });

    it('attaches at most five SCPs to one target, FullAWSAccess included', async () => {
      const o = await newOrg(t, '200000000151');
      const ou = await o.ou('Crowded');
      await enable(o, SCP);
      for (let i = 1; i <= 4; i++) await attach(o, await createId(o, `scp-${i}`), ou);
      expect(await attachedTo(o, ou)).toHaveLength(5);
      const sixth = await createId(o, 'scp-5');
      expect(await orgError(() => attach(o, sixth, ou))).toMatchObject({
        name: 'ConstraintViolationException',
        status: 400,
        reason: 'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
      });
      expect(await attachedTo(o, ou)).not.toContain('scp-5');
      // the quota is per target: the root still takes it
      await attach(o, sixth, o.rootId);
    });

    it('keeps at least one SCP on every target', async () => {
      const o = await newOrg(t, '200000000161');
      await o.member('200000000162');
      await enable(o, SCP);
      const minimum = {
        name: 'ConstraintViolationException',
        status: 400,
        reason: 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
      };
      expect(await orgError(() => detach(o, 'p-FullAWSAccess', '200000000162'))).toMatchObject(minimum);
      expect(await orgError(() => detach(o, 'p-FullAWSAccess', o.rootId))).toMatchObject(minimum);
      const allowList = await createId(
        o,
        'allow-s3',
        doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }),
      );
      await attach(o, allowList, '200000000162');
      await detach(o, 'p-FullAWSAccess', '200000000162');
      expect(await attachedTo(o, '200000000162')).toEqual(['allow-s3']);
      expect(await orgError(() => detach(o, allowList, '200000000162'))).toMatchObject(minimum);
    });

    it('enables RCPs with RCPFullAWSAccess, which cannot be detached, while customer RCPs come and go', async () => {
      const o = await newOrg(t, '200000000171');
      await o.member('200000000172');
      const { Root } = await enable(o, RCP);
      expect(Root!.PolicyTypes).toEqual([{ Type: RCP, Status: 'ENABLED' }]);
      const onRoot = (
        await o.client.send(new ListPoliciesForTargetCommand({ TargetId: o.rootId, Filter: RCP }))
      ).Policies!;
      expect(onRoot).toEqual([
        {
          Id: 'p-RCPFullAWSAccess',
          Arn: 'arn:aws:organizations::aws:policy/resource_control_policy/p-RCPFullAWSAccess',
          Name: 'RCPFullAWSAccess',
          Description: 'Allows access to every operation',
          Type: RCP,
          AwsManaged: true,
        },
      ]);
      expect(await attachedTo(o, '200000000172', RCP)).toEqual(['RCPFullAWSAccess']);
      expect(await attachedTo(o, '200000000172', SCP)).toEqual([]);
      expect(await orgError(() => detach(o, 'p-RCPFullAWSAccess', '200000000172'))).toEqual({
        name: 'InvalidInputException',
        status: 400,
        message: "You can't detach this AWS Managed Policy.",
        reason: 'NON_DETACHABLE_POLICY',
      });
      const rcp = await createId(o, 'deny-s3-outside', DENY_S3_TO_ALL, RCP);
      await attach(o, rcp, '200000000172');
      expect(await attachedTo(o, '200000000172', RCP)).toEqual(['RCPFullAWSAccess', 'deny-s3-outside']);
      // RCPs have no minimum: the customer RCP comes off, RCPFullAWSAccess stays
      await detach(o, rcp, '200000000172');
      expect(await attachedTo(o, '200000000172', RCP)).toEqual(['RCPFullAWSAccess']);
    });
  });

  describe('TagResource, UntagResource and ListTagsForResource', () => {
    it('tags and untags a root, an OU, an account and a policy', async () => {
      const o = await newOrg(t, '200000000181');
      const ou = await o.ou('Tagged');
      await o.member('200000000182');
      const policy = (
        await o.client.send(
          new CreatePolicyCommand({
            Name: 'tagged',
            Description: '',
            Content: DENY_S3,
            Type: SCP,
            Tags: [{ Key: 'team', Value: 'security' }],
          }),
        )
      ).Policy!.PolicySummary!.Id!;
      const tagsOf = async (ResourceId: string) =>
        (await o.client.send(new ListTagsForResourceCommand({ ResourceId }))).Tags;
      expect(await tagsOf(policy)).toEqual([{ Key: 'team', Value: 'security' }]);
      for (const id of [o.rootId, ou, '200000000182', policy]) {
        await o.client.send(
          new TagResourceCommand({
            ResourceId: id,
            Tags: [
              { Key: 'env', Value: 'prod' },
              { Key: 'owner', Value: id },
            ],
          }),
        );
        await o.client.send(new UntagResourceCommand({ ResourceId: id, TagKeys: ['env'] }));
        // sorted by key, as IAM's tag lists are
        expect(await tagsOf(id)).toEqual([
          { Key: 'owner', Value: id },
          ...(id === policy ? [{ Key: 'team', Value: 'security' }] : []),
        ]);
      }
      // a deleted policy's tags go with it
      await o.client.send(new DeletePolicyCommand({ PolicyId: policy }));
      expect(await t.server.store.read((r) => r.tags.list('org-resource', policy))).toEqual([]);
    });

    it('refuses unknown resources, AWS-reserved keys, duplicate keys and more than 50 tags', async () => {
      const o = await newOrg(t, '200000000191');
      const tag = (ResourceId: string, Tags: { Key: string; Value: string }[]) =>
        o.client.send(new TagResourceCommand({ ResourceId, Tags }));
      const notFound = {
        name: 'TargetNotFoundException',
        status: 400,
        message: "We can't find a root, OU, account, or policy with the TargetId that you specified.",
      };
      expect(await orgError(() => tag('999999999999', [{ Key: 'a', Value: 'b' }]))).toMatchObject(notFound);
      expect(await orgError(() => tag('p-abcdefghij', [{ Key: 'a', Value: 'b' }]))).toMatchObject(notFound);
      expect(await orgError(() => tag('ou-zzzz-zzzzzzzz', [{ Key: 'a', Value: 'b' }]))).toMatchObject(
        notFound,
      );
      expect(
        await orgError(() => o.client.send(new ListTagsForResourceCommand({ ResourceId: 'r-zzzz' }))),
      ).toMatchObject(notFound);
      expect(await orgError(() => tag(o.rootId, [{ Key: 'aws:reserved', Value: 'x' }]))).toMatchObject({
        name: 'InvalidInputException',
        status: 400,
        reason: 'INVALID_SYSTEM_TAGS_PARAMETER',
      });
      expect(
        await orgError(() =>
          tag(o.rootId, [
            { Key: 'env', Value: 'a' },
            { Key: 'env', Value: 'b' },
          ]),
        ),
      ).toMatchObject({ name: 'InvalidInputException', reason: 'DUPLICATE_TAG_KEY' });

      const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: `${i}` }));
      await tag(o.rootId, fifty);
      expect(await orgError(() => tag(o.rootId, [{ Key: 'one-more', Value: 'x' }]))).toMatchObject({
        name: 'ConstraintViolationException',
        status: 400,
        reason: 'MAX_TAG_LIMIT_EXCEEDED',
      });
      // overwriting an existing key stays within the quota
      await tag(o.rootId, [{ Key: 'k0', Value: 'changed' }]);
      const first = await o.client.send(new ListTagsForResourceCommand({ ResourceId: o.rootId }));
      expect(first.Tags![0]).toEqual({ Key: 'k0', Value: 'changed' });
      const all = [...first.Tags!];
      for (let next = first.NextToken; next;) {
        const page = await o.client.send(
          new ListTagsForResourceCommand({ ResourceId: o.rootId, NextToken: next }),
        );
        all.push(...page.Tags!);
        next = page.NextToken;
      }
      expect(all).toHaveLength(50);

      await enable(o, SCP);
      expect(await orgError(() => tag('p-FullAWSAccess', [{ Key: 'a', Value: 'b' }]))).toMatchObject({
        name: 'InvalidInputException',
        reason: 'IMMUTABLE_POLICY',
      });
      expect(
        await orgError(() =>
          o.client.send(
            new CreatePolicyCommand({
              Name: 'bad-tags',
              Description: '',
              Content: DENY_S3,
              Type: SCP,
              Tags: [{ Key: 'aws:x', Value: 'y' }],
            }),
          ),
        ),
      ).toMatchObject({ name: 'InvalidInputException', reason: 'INVALID_SYSTEM_TAGS_PARAMETER' });
      expect(
        (await o.client.send(new ListPoliciesCommand({ Filter: SCP }))).Policies!.map((p) => p.Name),
      ).toEqual(['FullAWSAccess']);
    });
  });

  describe('DescribeEffectivePolicy', () => {
    it('answers as AWS does for the policy types Tessera has: never for SCPs or RCPs', async () => {
      const o = await newOrg(t, '200000000201');
      await enable(o, SCP);
      // SCPs and RCPs are outside the operation's PolicyType enum
      const scp = await orgError(() =>
        o.client.send(new DescribeEffectivePolicyCommand({ PolicyType: SCP as never })),
      );
      expect(scp.status).toBe(400);
      expect(['ValidationException', 'InvalidInputException']).toContain(scp.name);
      // a management policy type: none is enabled in a Tessera organization
      expect(
        await orgError(() => o.client.send(new DescribeEffectivePolicyCommand({ PolicyType: 'TAG_POLICY' }))),
      ).toMatchObject({ name: 'EffectivePolicyNotFoundException', status: 400 });
      expect(
        await orgError(() =>
          o.client.send(new DescribeEffectivePolicyCommand({ PolicyType: 'TAG_POLICY', TargetId: o.rootId })),
        ),
      ).toMatchObject({ name: 'InvalidInputException', reason: 'TARGET_NOT_SUPPORTED' });
      expect(
        await orgError(() =>
          o.client.send(
            new DescribeEffectivePolicyCommand({ PolicyType: 'BACKUP_POLICY', TargetId: '999999999999' }),
          ),
        ),
      ).toMatchObject({ name: 'TargetNotFoundException', status: 400 });
      // any account may ask about itself; only the management account or a delegated administrator about others
      const member = o.clientFor(await o.member('200000000202'));
      expect(
        await orgError(() => member.send(new DescribeEffectivePolicyCommand({ PolicyType: 'TAG_POLICY' }))),
      ).toMatchObject({ name: 'EffectivePolicyNotFoundException', status: 400 });
      expect(
        await orgError(() =>
          member.send(
            new DescribeEffectivePolicyCommand({ PolicyType: 'TAG_POLICY', TargetId: '200000000201' }),
          ),
        ),
      ).toMatchObject({ name: 'AccessDeniedException', status: 400 });
    });
  });
});
