// An organization's accounts through @aws-sdk/client-organizations: CreateAccount (asynchronous as in
// AWS, making a real account whose OrganizationAccountAccessRole the management account assumes),
// invitations accepted, declined and canceled, MoveAccount, RemoveAccountFromOrganization,
// LeaveOrganization, CloseAccount and delegated administrators, with each refusal's exception name,
// status 400, message and Reason as AWS gives them.
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolesCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  AcceptHandshakeCommand,
  CancelHandshakeCommand,
  CloseAccountCommand,
  CreateAccountCommand,
  CreateOrganizationCommand,
  CreateOrganizationalUnitCommand,
  DeclineHandshakeCommand,
  DeregisterDelegatedAdministratorCommand,
  DescribeAccountCommand,
  DescribeCreateAccountStatusCommand,
  DescribeHandshakeCommand,
  DescribeOrganizationCommand,
  EnablePolicyTypeCommand,
  InviteAccountToOrganizationCommand,
  LeaveOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListCreateAccountStatusCommand,
  ListDelegatedAdministratorsCommand,
  ListDelegatedServicesForAccountCommand,
  ListHandshakesForAccountCommand,
  ListHandshakesForOrganizationCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  MoveAccountCommand,
  OrganizationsClient,
  RegisterDelegatedAdministratorCommand,
  RemoveAccountFromOrganizationCommand,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgError } from '../support/org-fixture.ts';
import { ensureAccount } from '../../src/domain/index.ts';
import { BACKENDS, startTestServer, type Credentials, type TestServer } from '../support/test-server.ts';

const MANAGEMENT = '123456789012';
const config = (t: TestServer, credentials: Credentials) => ({
  endpoint: t.url,
  region: 'us-east-1',
  credentials,
  maxAttempts: 1,
});
const keyFor = (accountId: string): Credentials => ({
  accessKeyId: `AKIA${accountId}0000`,
  secretAccessKey: `secret${accountId}`.padEnd(40, 'x'),
});

const accountNotFound = {
  name: 'AccountNotFoundException',
  status: 400,
  message: "We can't find an AWS account with the AccountId that you specified.",
};

describe.each(BACKENDS)('accounts of an organization on %s', (backend) => {
  let t: TestServer;
  let org: OrganizationsClient;
  let orgId: string;
  let rootId: string;
  const orgsAs = (credentials: Credentials) => new OrganizationsClient(config(t, credentials));

  /** A Tessera account with root keys, in no organization. */
  async function outsider(accountId: string): Promise<OrganizationsClient> {
    await ensureAccount(t.server.store, t.server.services.sealer, accountId, new Date(), keyFor(accountId));
    return orgsAs(keyFor(accountId));
  }

  /** An account invited into the organization, having accepted. */
  async function joined(accountId: string): Promise<OrganizationsClient> {
    const client = await outsider(accountId);
    const invite = await org.send(
      new InviteAccountToOrganizationCommand({ Target: { Id: accountId, Type: 'ACCOUNT' } }),
    );
    await client.send(new AcceptHandshakeCommand({ HandshakeId: invite.Handshake!.Id! }));
    return client;
  }

  /** CreateAccount, and the id of the account it made. */
  async function created(AccountName: string, more: { RoleName?: string } = {}): Promise<string> {
    const res = await org.send(
      new CreateAccountCommand({ AccountName, Email: `${AccountName}@example.com`, ...more }),
    );
    const status = await org.send(
      new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: res.CreateAccountStatus!.Id }),
    );
    return status.CreateAccountStatus!.AccountId!;
  }

  beforeAll(async () => {
    t = await startTestServer(backend);
    org = orgsAs(t.root);
    orgId = (await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }))).Organization!.Id!;
    rootId = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    await org.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
  });
  afterAll(() => t.destroy());

  describe('CreateAccount', () => {
    it('answers IN_PROGRESS, and the request then says SUCCEEDED with the new account', async () => {
      const res = await org.send(
        new CreateAccountCommand({
          AccountName: 'Production',
          Email: 'prod@example.com',
          Tags: [{ Key: 'env', Value: 'prod' }],
        }),
      );
      const pending = res.CreateAccountStatus!;
      expect(pending).toEqual({
        Id: expect.stringMatching(/^car-[a-z0-9]{32}$/),
        AccountName: 'Production',
        State: 'IN_PROGRESS',
        RequestedTimestamp: expect.any(Date),
      });

      const done = (
        await org.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: pending.Id }))
      ).CreateAccountStatus!;
      expect(done).toEqual({
        ...pending,
        State: 'SUCCEEDED',
        AccountId: expect.stringMatching(/^\d{12}$/),
        CompletedTimestamp: expect.any(Date),
      });
      const accountId = done.AccountId!;

      const succeeded = await org.send(new ListCreateAccountStatusCommand({ States: ['SUCCEEDED'] }));
      expect(succeeded.CreateAccountStatuses!.map((s) => s.Id)).toContain(pending.Id);
      const inProgress = await org.send(new ListCreateAccountStatusCommand({ States: ['IN_PROGRESS'] }));
      expect(inProgress.CreateAccountStatuses).toEqual([]);

      const described = await org.send(new DescribeAccountCommand({ AccountId: accountId }));
      expect(described.Account).toEqual({
        Id: accountId,
        Arn: `arn:aws:organizations::${MANAGEMENT}:account/${orgId}/${accountId}`,
        Email: 'prod@example.com',
        Name: 'Production',
        Status: 'ACTIVE',
        State: 'ACTIVE',
        Paths: [`${orgId}/${rootId}/${accountId}/`],
        JoinedMethod: 'CREATED',
        JoinedTimestamp: expect.any(Date),
      });
      const atRoot = await org.send(new ListAccountsForParentCommand({ ParentId: rootId }));
      expect(atRoot.Accounts!.map((a) => a.Id)).toContain(accountId);
      const tags = await org.send(new ListTagsForResourceCommand({ ResourceId: accountId }));
      expect(tags.Tags).toEqual([{ Key: 'env', Value: 'prod' }]);
      // a new account gets FullAWSAccess when SCPs are enabled
      const scps = await org.send(
        new ListPoliciesForTargetCommand({ TargetId: accountId, Filter: 'SERVICE_CONTROL_POLICY' }),
      );
      expect(scps.Policies!.map((p) => p.Name)).toEqual(['FullAWSAccess']);
    });

    it('makes OrganizationAccountAccessRole, which the management account assumes to administer the account', async () => {
      const accountId = await created('Sandbox');
      // AWS lets no root user assume a role: an administrator of the management account does
      const iam = new IAMClient(config(t, t.root));
      await iam.send(new CreateUserCommand({ UserName: 'org-admin' }));
      await iam.send(
        new PutUserPolicyCommand({
          UserName: 'org-admin',
          PolicyName: 'assume',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
          }),
        }),
      );
      const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'org-admin' }))).AccessKey!;
      const sts = new STSClient(
        config(t, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }),
      );
      const assumed = await sts.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`,
          RoleSessionName: 'admin',
        }),
      );
      expect(assumed.AssumedRoleUser!.Arn).toBe(
        `arn:aws:sts::${accountId}:assumed-role/OrganizationAccountAccessRole/admin`,
      );
      const c = assumed.Credentials!;
      const inside = new IAMClient(
        config(t, {
          accessKeyId: c.AccessKeyId!,
          secretAccessKey: c.SecretAccessKey!,
          sessionToken: c.SessionToken!,
        }),
      );
      const roles = (await inside.send(new ListRolesCommand({}))).Roles!;
      expect(roles.map((r) => r.RoleName)).toEqual(['OrganizationAccountAccessRole']);
      expect(roles[0]!.Arn).toBe(`arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`);
      expect(JSON.parse(decodeURIComponent(roles[0]!.AssumeRolePolicyDocument!))).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${MANAGEMENT}:root` },
            Action: 'sts:AssumeRole',
          },
        ],
      });
      const attached = await inside.send(
        new ListAttachedRolePoliciesCommand({ RoleName: 'OrganizationAccountAccessRole' }),
      );
      expect(attached.AttachedPolicies).toEqual([
        { PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
      ]);
    });

    it('names the role as RoleName asks', async () => {
      const accountId = await created('Custom', { RoleName: 'OrgAdmin' });
      const roles = await t.server.store.read((r) => r.roles.byName(accountId, 'OrgAdmin'));
      expect(roles?.arn).toBe(`arn:aws:iam::${accountId}:role/OrgAdmin`);
    });

    it('reports an email already in the organization as FAILED with EMAIL_ALREADY_EXISTS', async () => {
      const res = await org.send(
        new CreateAccountCommand({ AccountName: 'Again', Email: 'PROD@example.com' }),
      );
      expect(res.CreateAccountStatus!.State).toBe('IN_PROGRESS');
      const status = (
        await org.send(
          new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: res.CreateAccountStatus!.Id }),
        )
      ).CreateAccountStatus!;
      expect(status).toMatchObject({ State: 'FAILED', FailureReason: 'EMAIL_ALREADY_EXISTS' });
      expect(status.AccountId).toBeUndefined();
      const failed = await org.send(new ListCreateAccountStatusCommand({ States: ['FAILED'] }));
      expect(failed.CreateAccountStatuses!.map((s) => s.Id)).toEqual([res.CreateAccountStatus!.Id]);
    });

    it('answers an unknown request with CreateAccountStatusNotFoundException', async () => {
      expect(
        await orgError(() =>
          org.send(
            new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: `car-${'0'.repeat(32)}` }),
          ),
        ),
      ).toEqual({
        name: 'CreateAccountStatusNotFoundException',
        status: 400,
        message:
          "We can't find an create account request with the CreateAccountRequestId that you specified.",
      });
    });
  });

  describe('invitations', () => {
    it('invites an account, which accepts and joins under the root with the invitation tags', async () => {
      const invitee = await outsider('310000000001');
      const invite = (
        await org.send(
          new InviteAccountToOrganizationCommand({
            Target: { Id: '310000000001', Type: 'ACCOUNT' },
            Notes: 'Welcome aboard',
            Tags: [{ Key: 'team', Value: 'data' }],
          }),
        )
      ).Handshake!;
      expect(invite).toEqual({
        Id: expect.stringMatching(/^h-[a-z0-9]{10}$/),
        Arn: `arn:aws:organizations::${MANAGEMENT}:handshake/${orgId}/invite/${invite.Id}`,
        Parties: [
          { Id: orgId, Type: 'ORGANIZATION' },
          { Id: '310000000001', Type: 'ACCOUNT' },
        ],
        State: 'OPEN',
        RequestedTimestamp: expect.any(Date),
        ExpirationTimestamp: expect.any(Date),
        Action: 'INVITE',
        Resources: [
          {
            Type: 'ORGANIZATION',
            Value: orgId,
            Resources: [
              { Type: 'MASTER_EMAIL', Value: `${MANAGEMENT}@accounts.tessera.invalid` },
              { Type: 'MASTER_NAME', Value: MANAGEMENT },
              { Type: 'ORGANIZATION_FEATURE_SET', Value: 'ALL' },
            ],
          },
          { Type: 'ACCOUNT', Value: '310000000001' },
          { Type: 'NOTES', Value: 'Welcome aboard' },
        ],
      });
      // AWS's invitations stay open for 15 days
      expect(invite.ExpirationTimestamp!.getTime() - invite.RequestedTimestamp!.getTime()).toBe(
        15 * 86_400_000,
      );

      const mine = await invitee.send(new ListHandshakesForAccountCommand({}));
      expect(mine.Handshakes!.map((h) => h.Id)).toEqual([invite.Id]);
      const sent = await org.send(
        new ListHandshakesForOrganizationCommand({ Filter: { ActionType: 'INVITE' } }),
      );
      expect(sent.Handshakes!.map((h) => h.Id)).toContain(invite.Id);
      expect(
        (await invitee.send(new DescribeHandshakeCommand({ HandshakeId: invite.Id }))).Handshake,
      ).toEqual(invite);

      const accepted = await invitee.send(new AcceptHandshakeCommand({ HandshakeId: invite.Id }));
      expect(accepted.Handshake).toEqual({ ...invite, State: 'ACCEPTED' });
      expect((await invitee.send(new DescribeOrganizationCommand({}))).Organization!.Id).toBe(orgId);
      const account = (await org.send(new DescribeAccountCommand({ AccountId: '310000000001' }))).Account!;
      expect(account).toMatchObject({
        Id: '310000000001',
        Status: 'ACTIVE',
        JoinedMethod: 'INVITED',
        Paths: [`${orgId}/${rootId}/310000000001/`],
      });
      expect((await org.send(new ListTagsForResourceCommand({ ResourceId: '310000000001' }))).Tags).toEqual([
        { Key: 'team', Value: 'data' },
      ]);
    });

    it('refuses a second open invitation and an account already in an organization', async () => {
      await outsider('310000000002');
      const invite = (
        await org.send(
          new InviteAccountToOrganizationCommand({ Target: { Id: '310000000002', Type: 'ACCOUNT' } }),
        )
      ).Handshake!;
      expect(
        await orgError(() =>
          org.send(
            new InviteAccountToOrganizationCommand({ Target: { Id: '310000000002', Type: 'ACCOUNT' } }),
          ),
        ),
      ).toEqual({
        name: 'DuplicateHandshakeException',
        status: 400,
        message:
          'A handshake with the same action and target already exists. For example, if you invited an account ' +
          'to join your organization, the invited account might already have a pending invitation from this ' +
          'organization. If you intend to resend an invitation to an account, ensure that existing handshakes ' +
          'that might be considered duplicates are canceled or declined.',
      });
      await org.send(new CancelHandshakeCommand({ HandshakeId: invite.Id }));

      const member = await joined('310000000003');
      expect(member).toBeDefined();
      expect(
        await orgError(() =>
          org.send(
            new InviteAccountToOrganizationCommand({ Target: { Id: '310000000003', Type: 'ACCOUNT' } }),
          ),
        ),
      ).toEqual({
        name: 'HandshakeConstraintViolationException',
        status: 400,
        message:
          'The handshake request is invalid because the invited account is already a member of an organization.',
        Reason: 'ALREADY_IN_AN_ORGANIZATION',
      });
      // the management account of another organization is in one too
      const other = await outsider('310000000004');
      await other.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
      expect(
        await orgError(() =>
          org.send(
            new InviteAccountToOrganizationCommand({ Target: { Id: '310000000004', Type: 'ACCOUNT' } }),
          ),
        ),
      ).toMatchObject({
        name: 'HandshakeConstraintViolationException',
        Reason: 'ALREADY_IN_AN_ORGANIZATION',
      });
    });

    it('lets the invited account decline and the management account cancel, and neither be undone', async () => {
      const invitee = await outsider('310000000005');
      const first = (
        await org.send(
          new InviteAccountToOrganizationCommand({ Target: { Id: '310000000005', Type: 'ACCOUNT' } }),
        )
      ).Handshake!;
      const declined = await invitee.send(new DeclineHandshakeCommand({ HandshakeId: first.Id }));
      expect(declined.Handshake!.State).toBe('DECLINED');
      expect(
        await orgError(() => invitee.send(new AcceptHandshakeCommand({ HandshakeId: first.Id }))),
      ).toEqual({
        name: 'InvalidHandshakeTransitionException',
        status: 400,
        message:
          "You can't perform the operation on the handshake in its current state. For example, you can't cancel " +
          'a handshake that was already accepted or accept a handshake that was already declined.',
      });
      expect(
        await orgError(() => invitee.send(new DeclineHandshakeCommand({ HandshakeId: first.Id }))),
      ).toEqual({
        name: 'HandshakeAlreadyInStateException',
        status: 400,
        message:
          "The specified handshake is already in the requested state. For example, you can't accept a handshake " +
          'that was already accepted.',
      });

      // a declined invitation does not stop another one
      const second = (
        await org.send(
          new InviteAccountToOrganizationCommand({ Target: { Id: '310000000005', Type: 'ACCOUNT' } }),
        )
      ).Handshake!;
      // only the invited account answers an invitation
      expect(
        await orgError(() => org.send(new AcceptHandshakeCommand({ HandshakeId: second.Id }))),
      ).toMatchObject({
        name: 'AccessDeniedException',
        status: 400,
      });
      expect((await org.send(new CancelHandshakeCommand({ HandshakeId: second.Id }))).Handshake!.State).toBe(
        'CANCELED',
      );
      expect(
        await orgError(() => invitee.send(new AcceptHandshakeCommand({ HandshakeId: second.Id }))),
      ).toMatchObject({ name: 'InvalidHandshakeTransitionException', status: 400 });
      expect(await orgError(() => invitee.send(new DescribeOrganizationCommand({})))).toMatchObject({
        name: 'AWSOrganizationsNotInUseException',
      });
      const states = (await invitee.send(new ListHandshakesForAccountCommand({}))).Handshakes!.map(
        (h) => h.State,
      );
      expect(states.sort()).toEqual(['CANCELED', 'DECLINED']);
      expect(
        await orgError(() => invitee.send(new DescribeHandshakeCommand({ HandshakeId: 'h-zzzzzzzzzz' }))),
      ).toEqual({
        name: 'HandshakeNotFoundException',
        status: 400,
        message: "We can't find a handshake with the HandshakeId that you specified.",
      });
    });
  });

  describe('the tree', () => {
    it('moves an account between parents, with AWS refusals for each wrong id', async () => {
      const accountId = await created('Mover');
      const ou = (await org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Moves' })))
        .OrganizationalUnit!;
      await org.send(
        new MoveAccountCommand({ AccountId: accountId, SourceParentId: rootId, DestinationParentId: ou.Id }),
      );
      const moved = (await org.send(new DescribeAccountCommand({ AccountId: accountId }))).Account!;
      expect(moved.Paths).toEqual([`${orgId}/${rootId}/${ou.Id}/${accountId}/`]);
      expect(
        (await org.send(new ListAccountsForParentCommand({ ParentId: ou.Id }))).Accounts!.map((a) => a.Id),
      ).toEqual([accountId]);

      const unknownOu = `ou-${rootId.slice(2)}-zzzzzzzz`;
      const move = (AccountId: string, SourceParentId: string, DestinationParentId: string) =>
        orgError(() => org.send(new MoveAccountCommand({ AccountId, SourceParentId, DestinationParentId })));
      expect(await move(accountId, unknownOu, rootId)).toEqual({
        name: 'SourceParentNotFoundException',
        status: 400,
        message: "We can't find a source root or OU with the ParentId that you specified.",
      });
      expect(await move(accountId, ou.Id!, unknownOu)).toEqual({
        name: 'DestinationParentNotFoundException',
        status: 400,
        message:
          "We can't find the destination container (a root or OU) with the ParentId that you specified.",
      });
      expect(await move('999999999999', ou.Id!, rootId)).toEqual(accountNotFound);
      expect(await move(accountId, ou.Id!, ou.Id!)).toEqual({
        name: 'DuplicateAccountException',
        status: 400,
        message: 'That account is already present in the specified destination.',
      });
    });
  });

  describe('leaving and closing', () => {
    it('removes a member account, and never the management account', async () => {
      const member = await joined('320000000001');
      await org.send(new RemoveAccountFromOrganizationCommand({ AccountId: '320000000001' }));
      expect(
        await orgError(() => org.send(new DescribeAccountCommand({ AccountId: '320000000001' }))),
      ).toEqual(accountNotFound);
      expect(await orgError(() => member.send(new DescribeOrganizationCommand({})))).toMatchObject({
        name: 'AWSOrganizationsNotInUseException',
      });
      const policies = await t.server.store.read((r) => r.orgPolicies.attachedTo(orgId, ['320000000001']));
      expect(policies).toEqual([]);

      expect(
        await orgError(() => org.send(new RemoveAccountFromOrganizationCommand({ AccountId: MANAGEMENT }))),
      ).toEqual({
        name: 'ConstraintViolationException',
        status: 400,
        message:
          "You attempted to remove the management account from the organization. You can't remove the " +
          'management account. Instead, after you remove all member accounts, delete the organization itself.',
        Reason: 'ACCOUNT_CANNOT_LEAVE_ORGANIZATION',
      });
      expect(
        await orgError(() =>
          org.send(new RemoveAccountFromOrganizationCommand({ AccountId: '320000000001' })),
        ),
      ).toEqual(accountNotFound);
      // only the management account removes accounts
      const other = await joined('320000000002');
      expect(
        await orgError(() =>
          other.send(new RemoveAccountFromOrganizationCommand({ AccountId: '320000000002' })),
        ),
      ).toMatchObject({ name: 'AccessDeniedException', status: 400 });
    });

    it('lets a member account leave, and never the management account', async () => {
      const member = await joined('320000000003');
      await member.send(new LeaveOrganizationCommand({}));
      expect(await orgError(() => member.send(new DescribeOrganizationCommand({})))).toMatchObject({
        name: 'AWSOrganizationsNotInUseException',
      });
      expect((await org.send(new ListAccountsCommand({}))).Accounts!.map((a) => a.Id)).not.toContain(
        '320000000003',
      );
      expect(await orgError(() => org.send(new LeaveOrganizationCommand({})))).toEqual({
        name: 'MasterCannotLeaveOrganizationException',
        status: 400,
        message:
          "You can't remove a management account from an organization. If you want the management account to " +
          'become a member account in another organization, you must first delete the current organization ' +
          'of the management account.',
      });
    });

    it('closes a member account once, and never the management account', async () => {
      const accountId = await created('Closing');
      await org.send(new CloseAccountCommand({ AccountId: accountId }));
      const closed = (await org.send(new DescribeAccountCommand({ AccountId: accountId }))).Account!;
      expect(closed).toMatchObject({ Id: accountId, Status: 'SUSPENDED', State: 'CLOSED' });
      expect(await orgError(() => org.send(new CloseAccountCommand({ AccountId: accountId })))).toEqual({
        name: 'AccountAlreadyClosedException',
        status: 400,
        message: 'You attempted to close an account that is already closed.',
      });
      expect(await orgError(() => org.send(new CloseAccountCommand({ AccountId: MANAGEMENT })))).toEqual({
        name: 'ConstraintViolationException',
        status: 400,
        message:
          'You attempted to close the management account. To close the management account for the ' +
          'organization, you must first either remove or close all member accounts in the organization. ' +
          'Follow standard account closure process using root credentials.',
        Reason: 'CANNOT_CLOSE_MANAGEMENT_ACCOUNT',
      });
      expect(await orgError(() => org.send(new CloseAccountCommand({ AccountId: '999999999999' })))).toEqual(
        accountNotFound,
      );
    });
  });

  describe('delegated administrators', () => {
    it('registers a member account for a service, lists it, and deregisters it', async () => {
      const admin = await joined('330000000001');
      // before registering, a member account may not read the organization's accounts
      expect(await orgError(() => admin.send(new DescribeAccountCommand({ AccountId: MANAGEMENT })))).toEqual(
        {
          name: 'AccessDeniedException',
          status: 400,
          message: "You don't have permissions to access this resource.",
        },
      );
      await org.send(
        new RegisterDelegatedAdministratorCommand({
          AccountId: '330000000001',
          ServicePrincipal: 'sso.amazonaws.com',
        }),
      );
      await org.send(
        new RegisterDelegatedAdministratorCommand({
          AccountId: '330000000001',
          ServicePrincipal: 'config.amazonaws.com',
        }),
      );
      const listed = await org.send(new ListDelegatedAdministratorsCommand({}));
      expect(listed.DelegatedAdministrators).toEqual([
        expect.objectContaining({
          Id: '330000000001',
          Arn: `arn:aws:organizations::${MANAGEMENT}:account/${orgId}/330000000001`,
          Status: 'ACTIVE',
          JoinedMethod: 'INVITED',
          DelegationEnabledDate: expect.any(Date),
        }),
      ]);
      expect(
        (await org.send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: 'iam.amazonaws.com' })))
          .DelegatedAdministrators,
      ).toEqual([]);
      const services = await admin.send(
        new ListDelegatedServicesForAccountCommand({ AccountId: '330000000001' }),
      );
      expect(services.DelegatedServices!.map((s) => s.ServicePrincipal).sort()).toEqual([
        'config.amazonaws.com',
        'sso.amazonaws.com',
      ]);
      // a delegated administrator reads the organization's accounts, and changes nothing
      expect((await admin.send(new DescribeAccountCommand({ AccountId: MANAGEMENT }))).Account!.Id).toBe(
        MANAGEMENT,
      );
      expect(
        await orgError(() =>
          admin.send(new CreateAccountCommand({ AccountName: 'x', Email: 'x@example.com' })),
        ),
      ).toMatchObject({ name: 'AccessDeniedException', status: 400 });

      expect(
        await orgError(() =>
          org.send(
            new RegisterDelegatedAdministratorCommand({
              AccountId: '330000000001',
              ServicePrincipal: 'sso.amazonaws.com',
            }),
          ),
        ),
      ).toEqual({
        name: 'AccountAlreadyRegisteredException',
        status: 400,
        message: 'The specified account is already a delegated administrator for this AWS service.',
      });
      expect(
        await orgError(() =>
          org.send(new RemoveAccountFromOrganizationCommand({ AccountId: '330000000001' })),
        ),
      ).toMatchObject({
        name: 'ConstraintViolationException',
        status: 400,
        Reason: 'CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG',
      });

      for (const ServicePrincipal of ['sso.amazonaws.com', 'config.amazonaws.com'])
        await org.send(
          new DeregisterDelegatedAdministratorCommand({ AccountId: '330000000001', ServicePrincipal }),
        );
      const notRegistered = {
        name: 'AccountNotRegisteredException',
        status: 400,
        message: 'The specified account is not a delegated administrator for this AWS service.',
      };
      expect(
        await orgError(() =>
          org.send(
            new DeregisterDelegatedAdministratorCommand({
              AccountId: '330000000001',
              ServicePrincipal: 'sso.amazonaws.com',
            }),
          ),
        ),
      ).toEqual(notRegistered);
      expect(
        await orgError(() =>
          org.send(new ListDelegatedServicesForAccountCommand({ AccountId: '330000000001' })),
        ),
      ).toEqual(notRegistered);
      expect(await orgError(() => admin.send(new ListAccountsCommand({})))).toMatchObject({
        name: 'AccessDeniedException',
      });
    });

    it('refuses the management account, and accounts outside the organization', async () => {
      expect(
        await orgError(() =>
          org.send(
            new RegisterDelegatedAdministratorCommand({
              AccountId: MANAGEMENT,
              ServicePrincipal: 'sso.amazonaws.com',
            }),
          ),
        ),
      ).toEqual({
        name: 'ConstraintViolationException',
        status: 400,
        message:
          'You attempted to register the management account of the organization as a delegated administrator ' +
          'for an AWS service integrated with Organizations. You can designate only a member account as a ' +
          'delegated administrator.',
        Reason: 'CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR',
      });
      expect(
        await orgError(() =>
          org.send(
            new RegisterDelegatedAdministratorCommand({
              AccountId: '999999999999',
              ServicePrincipal: 'sso.amazonaws.com',
            }),
          ),
        ),
      ).toEqual(accountNotFound);
    });
  });
});
