// Who may administer an organization, through @aws-sdk/client-organizations and the AWS CLI: the
// resource-based delegation policy (PutResourcePolicy, DescribeResourcePolicy, DeleteResourcePolicy),
// which lets a member account's callers run the read-only actions it grants them (and never more), and
// EnableAllFeatures for an organization made with consolidated billing only; each refusal with its
// exception name, status, message and Reason.
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import {
  AcceptHandshakeCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  DeleteResourcePolicyCommand,
  DescribeHandshakeCommand,
  DescribeOrganizationCommand,
  DescribeResourcePolicyCommand,
  EnableAllFeaturesCommand,
  EnablePolicyTypeCommand,
  InviteAccountToOrganizationCommand,
  ListAccountsCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  OrganizationsClient,
  PutResourcePolicyCommand,
  RegisterDelegatedAdministratorCommand,
  RemoveAccountFromOrganizationCommand,
  TagResourceCommand,
} from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgError } from '../support/org-fixture.ts';
import { ensureAccount } from '../../src/domain/index.ts';
import { awsCli, CLI_VERSIONS, describeEachCli, type CliVersion } from '../support/aws-cli.ts';
import {
  BACKENDS,
  startTestServer,
  type Backend,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';

const MANAGEMENT = '123456789012';
const MEMBER = '210987654321';
const ADMIN = '220987654321';

const keyFor = (accountId: string): Credentials => ({
  accessKeyId: `AKIA${accountId}0000`,
  secretAccessKey: `secret${accountId}`.padEnd(40, 'x'),
});

const denied = {
  name: 'AccessDeniedException',
  status: 400,
  message: "You don't have permissions to access this resource.",
};
const notFound = {
  name: 'ResourcePolicyNotFoundException',
  status: 400,
  message: "We can't find a resource policy request with the parameter that you specified.",
};

/** A delegation policy document: one statement per entry. */
const delegation = (...statements: Record<string, unknown>[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });
const grant = (action: string | string[], principal = `arn:aws:iam::${MEMBER}:root`) => ({
  Effect: 'Allow',
  Principal: { AWS: principal },
  Action: action,
  Resource: '*',
});

describe.each(BACKENDS)('the delegation policy and EnableAllFeatures on %s', (backend) => {
  let t: TestServer;
  let org: OrganizationsClient;
  let orgId: string;
  /** The member account's root, its IAM user `auditor` (allowed the reads below), and `nobody` (no policy). */
  let memberRoot: OrganizationsClient;
  let auditor: OrganizationsClient;
  let nobody: OrganizationsClient;
  const orgsAs = (credentials: Credentials) =>
    new OrganizationsClient({ endpoint: t.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  const put = (Content: string, more: { Tags?: { Key: string; Value: string }[] } = {}) =>
    org.send(new PutResourcePolicyCommand({ Content, ...more }));
  const describeContent = async () =>
    (await org.send(new DescribeResourcePolicyCommand({}))).ResourcePolicy!.Content!;

  /** A Tessera account with root keys, in no organization. */
  async function outsider(accountId: string): Promise<OrganizationsClient> {
    await ensureAccount(t.server.store, t.server.services.sealer, accountId, new Date(), keyFor(accountId));
    return orgsAs(keyFor(accountId));
  }

  /** An account invited into `by`'s organization, having accepted. */
  async function joined(accountId: string, by: OrganizationsClient): Promise<OrganizationsClient> {
    const client = await outsider(accountId);
    const invite = await by.send(
      new InviteAccountToOrganizationCommand({ Target: { Id: accountId, Type: 'ACCOUNT' } }),
    );
    await client.send(new AcceptHandshakeCommand({ HandshakeId: invite.Handshake!.Id! }));
    return client;
  }

  /** An IAM user of the member account with keys, and the inline policy given. */
  async function memberUser(name: string, actions: string[]): Promise<OrganizationsClient> {
    const iam = t.iam(keyFor(MEMBER));
    await iam.send(new CreateUserCommand({ UserName: name }));
    if (actions.length)
      await iam.send(
        new PutUserPolicyCommand({
          UserName: name,
          PolicyName: 'organizations',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }],
          }),
        }),
      );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
    return orgsAs({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
  }

  beforeAll(async () => {
    t = await startTestServer(backend);
    org = orgsAs(t.root);
    orgId = (await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }))).Organization!.Id!;
    memberRoot = await joined(MEMBER, org);
    auditor = await memberUser('auditor', [
      'organizations:ListAccounts',
      'organizations:ListRoots',
      'organizations:DescribeResourcePolicy',
      'organizations:CreateOrganizationalUnit',
    ]);
    nobody = await memberUser('nobody', []);
  });
  afterAll(() => t.destroy());

  describe('PutResourcePolicy, DescribeResourcePolicy and DeleteResourcePolicy', () => {
    it('answers ResourcePolicyNotFoundException while the organization has no delegation policy', async () => {
      expect(await orgError(() => org.send(new DescribeResourcePolicyCommand({})))).toEqual(notFound);
      expect(await orgError(() => org.send(new DeleteResourcePolicyCommand({})))).toEqual(notFound);
    });

    it('refuses a member account its reads until a delegation policy grants them', async () => {
      expect(await orgError(() => auditor.send(new ListAccountsCommand({})))).toEqual(denied);
      // not even DescribeResourcePolicy tells a member whether there is a policy
      expect(await orgError(() => auditor.send(new DescribeResourcePolicyCommand({})))).toEqual(denied);
    });

    it('creates the policy with an rp- id, its ARN and its tags, and describes it', async () => {
      const content = delegation({ Sid: 'ListAccounts', ...grant('organizations:ListAccounts') });
      const made = (await put(content, { Tags: [{ Key: 'team', Value: 'security' }] })).ResourcePolicy!;
      const id = made.ResourcePolicySummary!.Id!;
      expect(id).toMatch(/^rp-[a-z0-9]{8}$/);
      expect(made).toEqual({
        ResourcePolicySummary: {
          Id: id,
          Arn: `arn:aws:organizations::${MANAGEMENT}:resourcepolicy/${orgId}/${id}`,
        },
        Content: content,
      });
      expect((await org.send(new DescribeResourcePolicyCommand({}))).ResourcePolicy).toEqual(made);
      const tags = await org.send(new ListTagsForResourceCommand({ ResourceId: id }));
      expect(tags.Tags).toEqual([{ Key: 'team', Value: 'security' }]);
    });

    it("lets the member's user list accounts once granted, and nothing the policy does not grant", async () => {
      const accounts = (await auditor.send(new ListAccountsCommand({}))).Accounts!;
      expect(accounts.map((a) => a.Id).sort()).toEqual([MANAGEMENT, MEMBER].sort());
      // ListRoots is in the user's own policy but not in the delegation policy
      expect(await orgError(() => auditor.send(new ListRootsCommand({})))).toEqual(denied);
    });

    it("still needs the caller's own identity policy to allow the read", async () => {
      const e = await orgError(() => nobody.send(new ListAccountsCommand({})));
      expect(e).toMatchObject({ name: 'AccessDeniedException', status: 403 });
      expect(e.message).toContain(`arn:aws:iam::${MEMBER}:user/nobody`);
      expect(e.message).toContain('organizations:ListAccounts');
    });

    it('replaces the content and keeps the id; a Deny for one user wins over the account grant', async () => {
      const before = (await org.send(new DescribeResourcePolicyCommand({}))).ResourcePolicy!;
      const content = delegation(grant('organizations:ListAccounts'), {
        Effect: 'Deny',
        Principal: { AWS: `arn:aws:iam::${MEMBER}:user/auditor` },
        Action: 'organizations:ListAccounts',
        Resource: '*',
      });
      const replaced = (await put(content)).ResourcePolicy!;
      expect(replaced).toEqual({ ResourcePolicySummary: before.ResourcePolicySummary, Content: content });
      expect(await orgError(() => auditor.send(new ListAccountsCommand({})))).toEqual(denied);
      // the member's root, named through its account, is still granted
      expect((await memberRoot.send(new ListAccountsCommand({}))).Accounts).toHaveLength(2);
    });

    it('never grants a write, even through organizations:*', async () => {
      await put(delegation(grant('organizations:*')));
      expect((await auditor.send(new ListAccountsCommand({}))).Accounts).toHaveLength(2);
      expect((await auditor.send(new DescribeResourcePolicyCommand({}))).ResourcePolicy!.Content).toBe(
        delegation(grant('organizations:*')),
      );
      const rootId = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
      expect(
        await orgError(() =>
          auditor.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Delegated' })),
        ),
      ).toEqual(denied);
    });

    it('grants the accounts of the organization through Principal "*" and aws:PrincipalOrgID', async () => {
      const forOrg = (id: string) =>
        delegation({
          Effect: 'Allow',
          Principal: '*',
          Action: 'organizations:ListAccounts',
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': id } },
        });
      await put(forOrg(orgId));
      expect((await memberRoot.send(new ListAccountsCommand({}))).Accounts).toHaveLength(2);
      await put(forOrg('o-aaaaaaaaaa'));
      expect(await orgError(() => memberRoot.send(new ListAccountsCommand({})))).toEqual(denied);
    });

    it('refuses a policy naming an action a delegation policy cannot grant, and keeps the old one', async () => {
      const current = await describeContent();
      const unsupported = (action: string) => ({
        name: 'InvalidInputException',
        status: 400,
        Reason: 'UNSUPPORTED_ACTION_IN_RESOURCE_POLICY',
        message:
          `You provided an unsupported action in the resource policy: ${action}. A delegation policy ` +
          "grants only Organizations' read-only actions and policy management actions.",
      });
      for (const action of ['organizations:CreateOrganizationalUnit', 's3:GetObject'])
        expect(await orgError(() => put(delegation(grant(['organizations:ListRoots', action]))))).toEqual(
          unsupported(action),
        );
      // policy management is delegable
      await put(delegation(grant(['organizations:CreatePolicy', 'organizations:TagResource'])));
      await put(current);
      expect(await describeContent()).toBe(current);
    });

    it('refuses documents that are not delegation policies, each with its Reason', async () => {
      const current = await describeContent();
      const invalid = (Reason: string, message: string) => ({
        name: 'InvalidInputException',
        status: 400,
        Reason,
        message,
      });
      expect(await orgError(() => put('{"Version": "2012-10-17", "Statement": ['))).toEqual(
        invalid(
          'INVALID_RESOURCE_POLICY_JSON',
          'The resource policy is not a valid policy document: Syntax errors in policy.',
        ),
      );
      const noPrincipal = delegation({
        Effect: 'Allow',
        Action: 'organizations:ListAccounts',
        Resource: '*',
      });
      expect(await orgError(() => put(noPrincipal))).toEqual(
        invalid('INVALID_PRINCIPAL', 'You specified an invalid principal element in the policy.'),
      );
      expect(
        await orgError(() => put(delegation(grant('organizations:ListAccounts', 'not-a-principal')))),
      ).toEqual(invalid('INVALID_PRINCIPAL', 'You specified an invalid principal element in the policy.'));
      expect(
        await orgError(() =>
          put(delegation({ ...grant('organizations:ListAccounts'), Resource: 'arn:aws:s3:::logs' })),
        ),
      ).toEqual(
        invalid(
          'UNSUPPORTED_RESOURCE_IN_RESOURCE_POLICY',
          'You provided an unsupported resource in the resource policy: arn:aws:s3:::logs. A delegation ' +
            'policy names "*" or Organizations resources.',
        ),
      );
      // the model's length constraint (1 to 40,000 characters), checked before the action runs
      const lengthError = (value: string, constraint: string) => ({
        name: 'ValidationException',
        status: 400,
        message: `1 validation error detected: Value ${value} at 'content' failed to satisfy constraint: ${constraint}`,
      });
      expect(await orgError(() => put(''))).toEqual(
        lengthError("''", 'Member must have length greater than or equal to 1'),
      );
      const padded = (length: number) => {
        const base = delegation(grant('organizations:ListAccounts'));
        return base.slice(0, -1) + ' '.repeat(length - base.length) + '}';
      };
      expect((await put(padded(40_000))).ResourcePolicy!.Content).toHaveLength(40_000);
      const tooLong = await orgError(() => put(padded(40_001)));
      expect(tooLong).toMatchObject({ name: 'ValidationException', status: 400 });
      expect(tooLong.message).toContain('Member must have length less than or equal to 40000');
      await put(current);
    });

    it('takes Tags only when it creates the policy; TagResource tags the existing one', async () => {
      const id = (await org.send(new DescribeResourcePolicyCommand({}))).ResourcePolicy!
        .ResourcePolicySummary!.Id!;
      const content = await describeContent();
      expect(await orgError(() => put(content, { Tags: [{ Key: 'late', Value: 'tag' }] }))).toEqual({
        name: 'InvalidInputException',
        status: 400,
        Reason: 'INVALID_LIST_MEMBER',
        message:
          'Tags apply only when PutResourcePolicy creates the resource policy: tag the existing policy ' +
          `${id} with TagResource.`,
      });
      await org.send(new TagResourceCommand({ ResourceId: id, Tags: [{ Key: 'late', Value: 'tag' }] }));
      const tags = await org.send(new ListTagsForResourceCommand({ ResourceId: id }));
      // sorted by key, as every Tessera tag list is
      expect(tags.Tags).toEqual([
        { Key: 'late', Value: 'tag' },
        { Key: 'team', Value: 'security' },
      ]);
    });

    it('lets only the management account write it, and delegated administrators read it', async () => {
      const content = await describeContent();
      expect(
        await orgError(() => memberRoot.send(new PutResourcePolicyCommand({ Content: content }))),
      ).toEqual(denied);
      expect(await orgError(() => memberRoot.send(new DeleteResourcePolicyCommand({})))).toEqual(denied);
      const admin = await joined(ADMIN, org);
      expect(await orgError(() => admin.send(new DescribeResourcePolicyCommand({})))).toEqual(denied);
      await org.send(
        new RegisterDelegatedAdministratorCommand({
          AccountId: ADMIN,
          ServicePrincipal: 'config.amazonaws.com',
        }),
      );
      expect((await admin.send(new DescribeResourcePolicyCommand({}))).ResourcePolicy!.Content).toBe(content);
      const stranger = await outsider('230987654321');
      expect(
        await orgError(() => stranger.send(new PutResourcePolicyCommand({ Content: content }))),
      ).toMatchObject({ name: 'AWSOrganizationsNotInUseException', status: 400 });
    });

    it('deletes the policy with its tags, and the member is refused again', async () => {
      const id = (await org.send(new DescribeResourcePolicyCommand({}))).ResourcePolicy!
        .ResourcePolicySummary!.Id!;
      await put(delegation(grant('organizations:ListAccounts')));
      expect((await memberRoot.send(new ListAccountsCommand({}))).Accounts!.length).toBeGreaterThan(1);
      await org.send(new DeleteResourcePolicyCommand({}));
      expect(await orgError(() => org.send(new DescribeResourcePolicyCommand({})))).toEqual(notFound);
      expect(await orgError(() => memberRoot.send(new ListAccountsCommand({})))).toEqual(denied);
      expect(
        await orgError(() => org.send(new ListTagsForResourceCommand({ ResourceId: id }))),
      ).toMatchObject({
        name: 'TargetNotFoundException',
      });
      // a new policy gets a new id and no tags
      const again = (await put(delegation(grant('organizations:ListAccounts')))).ResourcePolicy!;
      expect(again.ResourcePolicySummary!.Id).not.toBe(id);
      const tags = await org.send(
        new ListTagsForResourceCommand({ ResourceId: again.ResourcePolicySummary!.Id! }),
      );
      expect(tags.Tags).toEqual([]);
    });
  });

  describe('EnableAllFeatures', () => {
    const BILLING = '310987654321';
    const INVITED = '320987654321';
    let billing: OrganizationsClient;

    beforeAll(async () => {
      billing = await outsider(BILLING);
      await billing.send(new CreateOrganizationCommand({ FeatureSet: 'CONSOLIDATED_BILLING' }));
    });

    it('refuses a member account and an account outside any organization', async () => {
      const invited = await joined(INVITED, billing);
      expect(await orgError(() => invited.send(new EnableAllFeaturesCommand({})))).toEqual(denied);
      const stranger = await outsider('330987654321');
      expect(await orgError(() => stranger.send(new EnableAllFeaturesCommand({})))).toEqual({
        name: 'AWSOrganizationsNotInUseException',
        status: 400,
        message: 'Your account is not a member of an organization.',
      });
    });

    it('refuses while an invited member account would have to approve the change', async () => {
      const e = await orgError(() => billing.send(new EnableAllFeaturesCommand({})));
      expect(e).toMatchObject({ name: 'HandshakeConstraintViolationException', status: 400 });
      expect(e.message).toContain(INVITED);
      const described = await billing.send(new DescribeOrganizationCommand({}));
      expect(described.Organization!.FeatureSet).toBe('CONSOLIDATED_BILLING');
    });

    it('moves the organization to all features when no invited account must approve', async () => {
      await billing.send(new RemoveAccountFromOrganizationCommand({ AccountId: INVITED }));
      // an account the organization created does not need to approve
      await billing.send(new CreateAccountCommand({ AccountName: 'Created', Email: 'created@example.com' }));
      const rootId = (await billing.send(new ListRootsCommand({}))).Roots![0]!.Id!;
      const before = await orgError(() =>
        billing.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' })),
      );
      expect(before).toMatchObject({
        name: 'ConstraintViolationException',
        Reason: 'ORGANIZATION_NOT_IN_ALL_FEATURES_MODE',
      });

      const handshake = (await billing.send(new EnableAllFeaturesCommand({}))).Handshake!;
      const billingOrgId = (await billing.send(new DescribeOrganizationCommand({}))).Organization!.Id!;
      expect(handshake).toMatchObject({
        Id: expect.stringMatching(/^h-[a-z0-9]{10}$/),
        Action: 'ENABLE_ALL_FEATURES',
        State: 'ACCEPTED',
        Parties: [
          { Id: billingOrgId, Type: 'ORGANIZATION' },
          { Id: BILLING, Type: 'ACCOUNT' },
        ],
      });
      expect(handshake.Arn).toBe(
        `arn:aws:organizations::${BILLING}:handshake/${billingOrgId}/enable_all_features/${handshake.Id}`,
      );
      const described = await billing.send(new DescribeHandshakeCommand({ HandshakeId: handshake.Id }));
      expect(described.Handshake).toEqual(handshake);
      expect((await billing.send(new DescribeOrganizationCommand({}))).Organization!.FeatureSet).toBe('ALL');
      const enabled = await billing.send(
        new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }),
      );
      expect(enabled.Root!.PolicyTypes).toEqual([{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }]);
    });

    it('answers ORGANIZATION_ALREADY_HAS_ALL_FEATURES once it has them', async () => {
      const already = {
        name: 'HandshakeConstraintViolationException',
        status: 400,
        message:
          'The handshake request is invalid because the organization has already enabled all features.',
        Reason: 'ORGANIZATION_ALREADY_HAS_ALL_FEATURES',
      };
      expect(await orgError(() => billing.send(new EnableAllFeaturesCommand({})))).toEqual(already);
      expect(await orgError(() => org.send(new EnableAllFeaturesCommand({})))).toEqual(already);
    });
  });
});

// Both CLIs have these commands: AWS CLI v1 (1.45) and v2 as installed here (2.9.19) list
// put-resource-policy, describe-resource-policy, delete-resource-policy and enable-all-features.
const CASES: [CliVersion, Backend][] = CLI_VERSIONS.flatMap((v) =>
  BACKENDS.map((b): [CliVersion, Backend] => [v, b]),
);

describeEachCli(CASES)(
  'aws %s organizations delegation policy on %s',
  { timeout: 120_000 },
  (version, backend) => {
    let t: TestServer;

    beforeAll(async () => {
      t = await startTestServer(backend);
    });
    afterAll(() => t.destroy());

    it('enables all features, then puts, describes and deletes the delegation policy', async () => {
      const cli = await awsCli(version, t.url, t.root);
      const made = await cli.json<{ Organization: { Id: string; FeatureSet: string } }>([
        'organizations',
        'create-organization',
        '--feature-set',
        'CONSOLIDATED_BILLING',
      ]);
      expect(made.Organization.FeatureSet).toBe('CONSOLIDATED_BILLING');
      const enabled = await cli.json<{ Handshake: { Action: string; State: string } }>([
        'organizations',
        'enable-all-features',
      ]);
      expect(enabled.Handshake).toMatchObject({ Action: 'ENABLE_ALL_FEATURES', State: 'ACCEPTED' });

      const content = delegation(grant('organizations:ListAccounts'));
      const put = await cli.json<{ ResourcePolicy: { ResourcePolicySummary: { Id: string; Arn: string } } }>([
        'organizations',
        'put-resource-policy',
        '--content',
        content,
        '--tags',
        'Key=team,Value=security',
      ]);
      const id = put.ResourcePolicy.ResourcePolicySummary.Id;
      expect(id).toMatch(/^rp-[a-z0-9]{8}$/);
      const described = await cli.json(['organizations', 'describe-resource-policy']);
      expect(described).toEqual({
        ResourcePolicy: {
          ResourcePolicySummary: {
            Id: id,
            Arn: `arn:aws:organizations::${MANAGEMENT}:resourcepolicy/${made.Organization.Id}/${id}`,
          },
          Content: content,
        },
      });

      await cli.json(['organizations', 'delete-resource-policy']);
      const gone = await cli.run(['organizations', 'describe-resource-policy']);
      expect(gone.status).not.toBe(0);
      expect(gone.stderr).toContain('ResourcePolicyNotFoundException');
    });
  },
);
