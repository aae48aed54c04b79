// IAM delegation requests (temporary delegation to a partner) and STS GetDelegatedAccessToken with the
// real AWS SDK v3 and AWS CLI, on each storage backend: a partner account files a request from its
// policy template; the customer's account associates, forwards, accepts and releases it; the partner
// exchanges the trade-in token for credentials of the accepting identity, limited by the requested
// policy. Rejection, every refused transition (the errors AWS's model lists), listing, and the
// deterministic human-readable summary.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/temporary-delegation-building-integration.html
import {
  AcceptDelegationRequestCommand,
  AssociateDelegationRequestCommand,
  CreateAccessKeyCommand,
  CreateDelegationRequestCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  GetDelegationRequestCommand,
  GetHumanReadableSummaryCommand,
  ListDelegationRequestsCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
  RejectDelegationRequestCommand,
  SendDelegationTokenCommand,
  UpdateDelegationRequestCommand,
  type CreateDelegationRequestCommandInput,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, GetDelegatedAccessTokenCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAccount } from '../../src/domain/accounts.ts';
import { SUMMARY_ORIGIN } from '../../src/domain/index.ts';
import { releasedTradeInToken } from '../../src/sts/index.ts';
import { awsCli, describeEachCli, type AwsCli } from '../support/aws-cli.ts';
import {
  awsError,
  BACKENDS,
  startTestServer,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';

const PARTNER = '123456789012';
const CUSTOMER = '210987654321';
const STRANGER = '310987654321';

const TEMPLATE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'ReadUsers', Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' },
    {
      Effect: 'Allow',
      Action: ['iam:GetUser'],
      Resource: 'arn:aws:iam::*:user/{{UserName}}',
      Condition: { StringEquals: { 'aws:RequestedRegion': '{{Regions}}' } },
    },
  ],
});
const TEMPLATE_ARN = `arn:aws:iam::${PARTNER}:policy/partner/DelegationTemplate`;

let workflow = 0;
function request(
  over: Partial<CreateDelegationRequestCommandInput> = {},
): CreateDelegationRequestCommandInput {
  workflow += 1;
  return {
    OwnerAccountId: CUSTOMER,
    Description: 'Read the users of the account for an audit',
    Permissions: {
      PolicyTemplateArn: TEMPLATE_ARN,
      Parameters: [
        { Name: 'UserName', Type: 'string', Values: ['alice'] },
        { Name: 'Regions', Type: 'stringList', Values: ['us-east-1', 'eu-west-1'] },
      ],
    },
    RequestorWorkflowId: `workflow-${workflow}-${Math.random().toString(36).slice(2)}`,
    NotificationChannel: `arn:aws:sns:us-east-1:${PARTNER}:delegation-updates`,
    SessionDuration: 3600,
    ...over,
  };
}

async function otherAccount(t: TestServer, id: string, n: number): Promise<Credentials> {
  const creds = {
    accessKeyId: `AKIADELEGROOT${String(n).padStart(7, '0')}`,
    secretAccessKey: `${'d'.repeat(39)}${n}`,
  };
  await ensureAccount(t.server.store, t.server.services.sealer, id, new Date(), creds);
  return creds;
}

async function userWithKey(iam: IAMClient, name: string): Promise<{ creds: Credentials; arn: string }> {
  const user = (await iam.send(new CreateUserCommand({ UserName: name }))).User!;
  await iam.send(
    new PutUserPolicyCommand({
      UserName: name,
      PolicyName: 'admin',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['iam:*', 'sts:*'], Resource: '*' }],
      }),
    }),
  );
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  return { creds: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }, arn: user.Arn! };
}

async function createTemplate(t: TestServer): Promise<void> {
  await t.iam().send(
    new CreatePolicyCommand({
      PolicyName: 'DelegationTemplate',
      Path: '/partner/',
      PolicyDocument: TEMPLATE,
    }),
  );
}

describe.each(BACKENDS)('delegation requests on %s', { timeout: 60_000 }, (backend) => {
  let t: TestServer;
  let partner: IAMClient;
  let customerRoot: IAMClient;
  let approver: { creds: Credentials; arn: string };
  let approverIam: IAMClient;
  let stranger: IAMClient;

  beforeAll(async () => {
    t = await startTestServer(backend);
    partner = t.iam();
    await createTemplate(t);
    customerRoot = t.iam(await otherAccount(t, CUSTOMER, 1));
    stranger = t.iam(await otherAccount(t, STRANGER, 2));
    approver = await userWithKey(customerRoot, 'approver');
    approverIam = t.iam(approver.creds);
  });
  afterAll(() => t?.destroy());

  const get = (iam: IAMClient, id: string) =>
    iam.send(new GetDelegationRequestCommand({ DelegationRequestId: id })).then((r) => r.DelegationRequest!);
  const create = async (over: Partial<CreateDelegationRequestCommandInput> = {}) =>
    (await partner.send(new CreateDelegationRequestCommand(request(over)))).DelegationRequestId!;

  it('runs the lifecycle to FINALIZED, and the trade-in token gives working, limited credentials', async () => {
    const id = await create({
      RequestMessage: 'for the yearly audit',
      RedirectUrl: 'https://partner.example.com/back',
    });
    expect(id).toMatch(/^[\w-]{16,128}$/);

    const filed = await get(partner, id);
    expect(filed).toMatchObject({
      DelegationRequestId: id,
      OwnerAccountId: CUSTOMER,
      State: 'UNASSIGNED',
      RequestorId: PARTNER,
      SessionDuration: 3600,
      RequestMessage: 'for the yearly audit',
      RedirectUrl: 'https://partner.example.com/back',
      OnlySendByOwner: false,
      Permissions: { PolicyTemplateArn: TEMPLATE_ARN },
    });
    expect(filed.OwnerId).toBeUndefined();
    // the template filled: a string parameter inside a string, a stringList as the whole value
    expect(JSON.parse(filed.PermissionPolicy!)).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'ReadUsers', Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' },
        {
          Effect: 'Allow',
          Action: ['iam:GetUser'],
          Resource: 'arn:aws:iam::*:user/alice',
          Condition: { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
        },
      ],
    });
    // an unassigned request expires after a day
    expect(filed.ExpirationTime!.getTime() - filed.CreateDate!.getTime()).toBe(86_400_000);

    // the owner account sees it; another account does not
    expect((await get(approverIam, id)).State).toBe('UNASSIGNED');
    expect(await awsError(() => get(stranger, id))).toMatchObject({
      name: 'NoSuchEntityException',
      status: 404,
    });

    await approverIam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: id }));
    expect(await get(approverIam, id)).toMatchObject({ State: 'ASSIGNED', OwnerId: approver.arn });

    await approverIam.send(
      new UpdateDelegationRequestCommand({ DelegationRequestId: id, Notes: 'please approve' }),
    );
    expect(await get(approverIam, id)).toMatchObject({ State: 'PENDING_APPROVAL', Notes: 'please approve' });

    await approverIam.send(new AcceptDelegationRequestCommand({ DelegationRequestId: id }));
    const accepted = await get(approverIam, id);
    expect(accepted).toMatchObject({ State: 'ACCEPTED', ApproverId: approver.arn });
    expect(accepted.ExpirationTime!.getTime() - accepted.UpdatedTime!.getTime()).toBe(7 * 86_400_000);

    await approverIam.send(new SendDelegationTokenCommand({ DelegationRequestId: id }));
    expect((await get(partner, id)).State).toBe('FINALIZED');

    // the token the partner's notification carries; kept sealed at rest
    const row = await t.server.store.read((r) => r.delegationRequests.get(id));
    const token = releasedTradeInToken(t.server.services.sealer, row!)!;
    expect(row!.trade_in_token_sealed).not.toBe(token);

    // a token is exchanged by the partner account only
    expect(
      await awsError(() =>
        t.sts(approver.creds).send(new GetDelegatedAccessTokenCommand({ TradeInToken: token })),
      ),
    ).toMatchObject({ name: 'ExpiredTradeInTokenException', status: 400 });
    expect(
      await awsError(() => t.sts().send(new GetDelegatedAccessTokenCommand({ TradeInToken: 'not-a-token' }))),
    ).toMatchObject({ code: 'InvalidParameterValue', status: 400 });

    const before = Date.now();
    const out = await t.sts().send(new GetDelegatedAccessTokenCommand({ TradeInToken: token }));
    expect(out.AssumedPrincipal).toBe(approver.arn);
    expect(out.PackedPolicySize).toBeUndefined();
    const c = out.Credentials!;
    expect(c.AccessKeyId).toMatch(/^ASIA/);
    // the credentials last until the delegation period (SessionDuration from SendDelegationToken) ends
    expect(c.Expiration!.getTime()).toBeGreaterThan(before + 3500_000);
    expect(c.Expiration!.getTime()).toBeLessThanOrEqual(before + 3600_000 + 1000);
    const delegated = {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    };

    const me = await t.sts(delegated).send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Account: CUSTOMER, Arn: approver.arn });
    // allowed by the approver's policies and the requested policy
    const users = await t.iam(delegated).send(new ListUsersCommand({}));
    expect(users.Users!.map((u) => u.UserName)).toContain('approver');
    // the approver may, but the request did not ask for it
    expect(
      await awsError(() => t.iam(delegated).send(new CreateUserCommand({ UserName: 'intruder' }))),
    ).toMatchObject({ name: 'AccessDenied', status: 403 });
  });

  it('refuses each transition the lifecycle does not allow, with the error AWS lists', async () => {
    const id = await create();
    const call = {
      associate: (iam: IAMClient) =>
        iam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: id })),
      update: (iam: IAMClient) =>
        iam.send(new UpdateDelegationRequestCommand({ DelegationRequestId: id, Notes: 'n' })),
      accept: (iam: IAMClient) => iam.send(new AcceptDelegationRequestCommand({ DelegationRequestId: id })),
      reject: (iam: IAMClient) => iam.send(new RejectDelegationRequestCommand({ DelegationRequestId: id })),
      send: (iam: IAMClient) => iam.send(new SendDelegationTokenCommand({ DelegationRequestId: id })),
    };
    const invalid = { name: 'InvalidInputException', status: 400 };
    const concurrent = { name: 'ConcurrentModificationException', status: 409 };

    // UNASSIGNED: only AssociateDelegationRequest
    expect(await awsError(() => call.update(approverIam))).toMatchObject(invalid);
    expect(await awsError(() => call.accept(approverIam))).toMatchObject(concurrent);
    expect(await awsError(() => call.reject(approverIam))).toMatchObject(invalid);
    expect(await awsError(() => call.send(approverIam))).toMatchObject(invalid);
    // only the named owner account may associate it; others do not see it at all
    expect(await awsError(() => call.associate(stranger))).toMatchObject({ name: 'NoSuchEntityException' });
    expect(await awsError(() => call.associate(partner))).toMatchObject(invalid);

    await call.associate(approverIam);
    // ASSIGNED: not associated twice, no token before acceptance
    expect(await awsError(() => call.associate(approverIam))).toMatchObject(invalid);
    expect(await awsError(() => call.send(approverIam))).toMatchObject(invalid);
    // the partner cannot approve its own request
    expect(await awsError(() => call.accept(partner))).toMatchObject({ name: 'NoSuchEntityException' });

    await call.accept(approverIam);
    // ACCEPTED: not accepted or forwarded again
    expect(await awsError(() => call.accept(approverIam))).toMatchObject(concurrent);
    expect(await awsError(() => call.update(approverIam))).toMatchObject(invalid);

    await call.send(approverIam);
    // FINALIZED is final
    for (const refused of [call.associate, call.update, call.reject, call.send])
      expect(await awsError(() => refused(approverIam))).toMatchObject(invalid);
    expect(await awsError(() => call.accept(approverIam))).toMatchObject(concurrent);

    // an unknown id
    expect(
      await awsError(() =>
        approverIam.send(new AcceptDelegationRequestCommand({ DelegationRequestId: 'ffffffffffffffffffff' })),
      ),
    ).toMatchObject({ name: 'NoSuchEntityException', status: 404 });
  });

  it('rejects a request (also after accepting it), with a reason, and a rejected request stays rejected', async () => {
    // open to any account: the customer's root takes it up
    const id = await create({ OwnerAccountId: undefined });
    expect((await get(stranger, id)).State).toBe('UNASSIGNED');
    await customerRoot.send(new AssociateDelegationRequestCommand({ DelegationRequestId: id }));
    expect(await get(customerRoot, id)).toMatchObject({
      OwnerAccountId: CUSTOMER,
      OwnerId: `arn:aws:iam::${CUSTOMER}:root`,
    });
    // now the other account no longer sees it
    expect(await awsError(() => get(stranger, id))).toMatchObject({ name: 'NoSuchEntityException' });
    await customerRoot.send(new AcceptDelegationRequestCommand({ DelegationRequestId: id }));
    await customerRoot.send(
      new RejectDelegationRequestCommand({ DelegationRequestId: id, Notes: 'changed my mind' }),
    );
    expect(await get(partner, id)).toMatchObject({ State: 'REJECTED', RejectionReason: 'changed my mind' });
    expect(
      await awsError(() =>
        customerRoot.send(new AcceptDelegationRequestCommand({ DelegationRequestId: id })),
      ),
    ).toMatchObject({ name: 'ConcurrentModificationException' });
    for (const refused of [
      () => customerRoot.send(new SendDelegationTokenCommand({ DelegationRequestId: id })),
      () => customerRoot.send(new UpdateDelegationRequestCommand({ DelegationRequestId: id })),
      () => customerRoot.send(new RejectDelegationRequestCommand({ DelegationRequestId: id })),
    ])
      expect(await awsError(refused)).toMatchObject({ name: 'InvalidInputException' });
  });

  it('lets only the owner send the token when the partner asked so', async () => {
    const id = await create({ OnlySendByOwner: true });
    await approverIam.send(new AssociateDelegationRequestCommand({ DelegationRequestId: id }));
    await customerRoot.send(new AcceptDelegationRequestCommand({ DelegationRequestId: id }));
    expect(
      await awsError(() => customerRoot.send(new SendDelegationTokenCommand({ DelegationRequestId: id }))),
    ).toMatchObject({ status: 403 });
    await approverIam.send(new SendDelegationTokenCommand({ DelegationRequestId: id }));
    const finalized = await get(customerRoot, id);
    expect(finalized).toMatchObject({ State: 'FINALIZED', OnlySendByOwner: true });
    expect(finalized.ApproverId).toBe(`arn:aws:iam::${CUSTOMER}:root`);
  });

  it('refuses a repeated workflow id and a template the partner does not have', async () => {
    const first = request();
    await partner.send(new CreateDelegationRequestCommand(first));
    expect(await awsError(() => partner.send(new CreateDelegationRequestCommand(first)))).toMatchObject({
      name: 'EntityAlreadyExistsException',
      status: 409,
    });
    const missing = request({
      Permissions: { PolicyTemplateArn: `arn:aws:iam::${PARTNER}:policy/NoSuchTemplate` },
    });
    expect(await awsError(() => partner.send(new CreateDelegationRequestCommand(missing)))).toMatchObject({
      name: 'InvalidInputException',
    });
    const unfilled = request({ Permissions: { PolicyTemplateArn: TEMPLATE_ARN } });
    expect(await awsError(() => partner.send(new CreateDelegationRequestCommand(unfilled)))).toMatchObject({
      name: 'InvalidInputException',
    });
  });

  it('lists the requests owned in the account, by owner, with paging', async () => {
    const owned = (await customerRoot.send(new ListDelegationRequestsCommand({}))).DelegationRequests!;
    expect(owned.length).toBeGreaterThanOrEqual(3);
    expect(owned.every((r) => r.OwnerAccountId === CUSTOMER && r.OwnerId !== undefined)).toBe(true);
    // an unassigned request naming the account is not listed
    const unassigned = await create();
    expect(owned.map((r) => r.DelegationRequestId)).not.toContain(unassigned);

    const mine = (await approverIam.send(new ListDelegationRequestsCommand({ OwnerId: approver.arn })))
      .DelegationRequests!;
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(mine.every((r) => r.OwnerId === approver.arn)).toBe(true);

    const page1 = await customerRoot.send(new ListDelegationRequestsCommand({ MaxItems: 1 }));
    expect(page1.DelegationRequests).toHaveLength(1);
    expect(page1.isTruncated).toBe(true);
    const page2 = await customerRoot.send(
      new ListDelegationRequestsCommand({ MaxItems: 100, Marker: page1.Marker }),
    );
    expect(
      [...page1.DelegationRequests!, ...page2.DelegationRequests!].map((r) => r.DelegationRequestId),
    ).toEqual(owned.map((r) => r.DelegationRequestId));
    // the partner's account owns none
    expect((await partner.send(new ListDelegationRequestsCommand({}))).DelegationRequests).toEqual([]);
  });

  it('summarizes a request deterministically from its policy, and says how', async () => {
    const id = await create();
    const arn = `arn:aws:iam::${PARTNER}:delegation-request/${id}`;
    const a = await approverIam.send(new GetHumanReadableSummaryCommand({ EntityArn: arn }));
    const b = await partner.send(new GetHumanReadableSummaryCommand({ EntityArn: arn, Locale: 'en' }));
    expect(a).toMatchObject({ SummaryState: 'AVAILABLE', Locale: 'en' });
    expect(b.SummaryContent).toBe(a.SummaryContent);
    expect(a.SummaryContent!.split('\n')).toEqual([
      `Account ${PARTNER} requests temporary access for 1 hour: Read the users of the account for an audit`,
      'Statement 1 (ReadUsers) allows iam:ListUsers on *.',
      'Statement 2 allows iam:GetUser on arn:aws:iam::*:user/alice only when aws:RequestedRegion StringEquals "us-east-1" and "eu-west-1".',
      SUMMARY_ORIGIN,
    ]);
    // the same request filed again reads the same
    const again = await create();
    const c = await partner.send(
      new GetHumanReadableSummaryCommand({
        EntityArn: `arn:aws:iam::${PARTNER}:delegation-request/${again}`,
      }),
    );
    expect(c.SummaryContent).toBe(a.SummaryContent);

    expect(
      await partner.send(new GetHumanReadableSummaryCommand({ EntityArn: arn, Locale: 'fr' })),
    ).toMatchObject({
      SummaryState: 'NOT_SUPPORTED',
      Locale: 'fr',
    });
    expect(
      await awsError(() =>
        partner.send(new GetHumanReadableSummaryCommand({ EntityArn: `arn:aws:iam::${PARTNER}:user/alice` })),
      ),
    ).toMatchObject({ name: 'InvalidInputException' });
    expect(
      await awsError(() => stranger.send(new GetHumanReadableSummaryCommand({ EntityArn: arn }))),
    ).toMatchObject({ name: 'NoSuchEntityException' });
  });

  it('checks whether the caller could grant what a request asks', async () => {
    const id = await create();
    const check = (iam: IAMClient) =>
      iam.send(new GetDelegationRequestCommand({ DelegationRequestId: id, DelegationPermissionCheck: true }));
    // the approver's iam:* covers the literal ListUsers on *, but the second statement has a wildcard
    expect(await check(approverIam)).toMatchObject({
      PermissionCheckStatus: 'COMPLETE',
      PermissionCheckResult: 'UNSURE',
    });
    const plain = await get(approverIam, id);
    expect(plain.DelegationRequestId).toBe(id);
  });
});

// Debian's CLI v2 (2.9.19) predates these operations; v1 knows them
describeEachCli(BACKENDS.map((b) => ['v1', b] as const))(
  'delegation requests with AWS CLI %s on %s',
  { timeout: 120_000 },
  (version, backend) => {
    let t: TestServer;
    let aws: AwsCli;
    beforeAll(async () => {
      t = await startTestServer(backend);
      aws = await awsCli(version, t.url, t.root);
      await createTemplate(t);
    }, 60_000);
    afterAll(() => t?.destroy());

    it('creates, gets and lists a request', async () => {
      const r = request();
      const created = await aws.json<{ DelegationRequestId: string }>([
        'iam',
        'create-delegation-request',
        '--owner-account-id',
        PARTNER,
        '--description',
        r.Description!,
        '--permissions',
        JSON.stringify(r.Permissions),
        '--requestor-workflow-id',
        r.RequestorWorkflowId!,
        '--notification-channel',
        r.NotificationChannel!,
        '--session-duration',
        '900',
      ]);
      const id = created.DelegationRequestId;
      const got = await aws.json<{ DelegationRequest: { State: string; SessionDuration: number } }>([
        'iam',
        'get-delegation-request',
        '--delegation-request-id',
        id,
      ]);
      expect(got.DelegationRequest).toMatchObject({ State: 'UNASSIGNED', SessionDuration: 900 });
      // listed once the account owns it
      await aws.json(['iam', 'associate-delegation-request', '--delegation-request-id', id]);
      const list = await aws.json<{ DelegationRequests: { DelegationRequestId: string; State: string }[] }>([
        'iam',
        'list-delegation-requests',
      ]);
      expect(list.DelegationRequests).toEqual([
        expect.objectContaining({ DelegationRequestId: id, State: 'ASSIGNED' }),
      ]);
    });
  },
);
