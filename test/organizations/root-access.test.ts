// IAM's centralized root access and STS AssumeRoot, with the real SDK clients on each backend: the five
// IAM operations (ListOrganizationsFeatures, Enable/Disable of RootCredentialsManagement and RootSessions)
// with AWS's errors in AWS's order; AssumeRoot for each of AWS's five root task policies, each session
// limited to its task (the task policy as session policy); its refusals in AWS's words; expiry; audit.
// Expected messages are the ones AWS's endpoints return (IAM API Reference for the error codes; the
// texts as AWS's IAM and regional STS endpoints word them).
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DisableOrganizationsRootCredentialsManagementCommand,
  DisableOrganizationsRootSessionsCommand,
  EnableOrganizationsRootCredentialsManagementCommand,
  EnableOrganizationsRootSessionsCommand,
  GetAccountSummaryCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListOrganizationsFeaturesCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  AttachPolicyCommand,
  CreateOrganizationCommand,
  CreatePolicyCommand,
  EnableAWSServiceAccessCommand,
  EnablePolicyTypeCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import {
  AssumeRoleCommand,
  AssumeRootCommand,
  GetCallerIdentityCommand,
  STSClient,
  type Credentials as StsCredentials,
} from '@aws-sdk/client-sts';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeExternalRequest } from '../../src/authz/index.ts';
import { ensureAccount } from '../../src/domain/index.ts';
import {
  awsError,
  BACKENDS,
  startTestServer,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';

const MANAGEMENT = '123456789012';
const MEMBER = '222222222222';
const DELEGATE = '333333333333';
const PLAIN = '444444444444';
const OUTSIDER = '555555555555';
const BILLING = '666666666666';
const IAM_PRINCIPAL = 'iam.amazonaws.com';
const TASKS = [
  'IAMAuditRootUserCredentials',
  'IAMCreateRootUserPassword',
  'IAMDeleteRootUserCredentials',
  'S3UnlockBucketPolicy',
  'SQSUnlockQueuePolicy',
] as const;
type Task = (typeof TASKS)[number];
const taskArn = (name: string) => `arn:aws:iam::aws:policy/root-task/${name}`;
const rootOf = (account: string) => `arn:aws:iam::${account}:root`;
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

const rootKeys = (account: string): Credentials => ({
  accessKeyId: `AKIAROOT${account}`,
  secretAccessKey: `rootsecret${account}`.padEnd(40, 'x'),
});
const asCreds = (c: StsCredentials | undefined): Credentials => ({
  accessKeyId: c!.AccessKeyId!,
  secretAccessKey: c!.SecretAccessKey!,
  sessionToken: c!.SessionToken!,
});

/** Each feature call, by name, to run one after the other with the same caller. */
const FEATURE_CALLS = [
  () => new ListOrganizationsFeaturesCommand({}),
  () => new EnableOrganizationsRootCredentialsManagementCommand({}),
  () => new DisableOrganizationsRootCredentialsManagementCommand({}),
  () => new EnableOrganizationsRootSessionsCommand({}),
  () => new DisableOrganizationsRootSessionsCommand({}),
];

describe.each(BACKENDS)('centralized root access on %s', (backend) => {
  let t: TestServer;
  let now = new Date(Math.floor(Date.now() / 1000) * 1000);
  let orgId: string;
  let operator: Credentials;
  let auditor: Credentials;
  let otherTarget: Credentials;
  let delegateOperator: Credentials;
  let plainOperator: Credentials;
  const client = { endpoint: '', region: 'us-east-1', maxAttempts: 1 };
  const iam = (credentials: Credentials) => new IAMClient({ ...client, endpoint: t.url, credentials });
  const sts = (credentials: Credentials) => new STSClient({ ...client, endpoint: t.url, credentials });
  const orgs = (credentials: Credentials) =>
    new OrganizationsClient({ ...client, endpoint: t.url, credentials });
  const assumeRoot = (caller: Credentials, task: string, target = MEMBER, durationSeconds?: number) =>
    sts(caller).send(
      new AssumeRootCommand({
        TargetPrincipal: target,
        TaskPolicyArn: { arn: taskArn(task) },
        ...(durationSeconds !== undefined ? { DurationSeconds: durationSeconds } : {}),
      }),
    );
  const session = async (task: Task) => asCreds((await assumeRoot(operator, task)).Credentials);
  const write = (fn: Parameters<TestServer['server']['store']['write']>[1]) =>
    t.server.store.write(MANAGEMENT, fn);

  /** A user with a key in the account whose root is `root`, allowed `actions` on `resource`. */
  async function user(root: Credentials, name: string, actions: string[], resource = '*') {
    await iam(root).send(new CreateUserCommand({ UserName: name }));
    if (actions.length)
      await iam(root).send(
        new PutUserPolicyCommand({
          UserName: name,
          PolicyName: 'p',
          PolicyDocument: doc({ Effect: 'Allow', Action: actions, Resource: resource }),
        }),
      );
    const key = (await iam(root).send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
    return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  }

  /** The engine's decision for a request to another service (S3, SQS) signed with `creds`. */
  async function decision(creds: Credentials, service: string, action: string, resource: string) {
    const signer = new SignatureV4({ service, region: 'us-east-1', credentials: creds, sha256: Sha256 });
    const signed = await signer.sign({
      method: 'GET',
      protocol: 'https:',
      hostname: `${service}.example`,
      path: '/',
      headers: { host: `${service}.example` },
    });
    const answer = await authorizeExternalRequest(
      { services: t.server.services, authenticator: t.server.authenticator },
      {
        request: { method: 'GET', path: '/', headers: signed.headers as Record<string, string> },
        action,
        resource,
      },
    );
    return answer.decision;
  }

  beforeAll(async () => {
    t = await startTestServer(backend, { clock: { now: () => now } });
    const { store, sealer } = t.server.services;
    orgId = (await orgs(t.root).send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }))).Organization!.Id!;
    const rootId = (await store.read((r) => r.organizations.byId(orgId)))!.root_id;
    for (const account of [MEMBER, DELEGATE, PLAIN, OUTSIDER, BILLING])
      await ensureAccount(store, sealer, account, now, rootKeys(account));
    for (const account of [MEMBER, DELEGATE, PLAIN])
      await write((repos) =>
        repos.organizations.insertMember({
          account_id: account,
          org_id: orgId,
          parent_id: rootId,
          name: `member-${account}`,
          email: `${account}@example.com`,
          status: 'ACTIVE',
          joined_method: 'INVITED',
          joined_at: now.toISOString(),
        }),
      );
    await orgs(rootKeys(BILLING)).send(new CreateOrganizationCommand({ FeatureSet: 'CONSOLIDATED_BILLING' }));
    operator = await user(t.root, 'operator', ['sts:AssumeRoot', 'sts:AssumeRole', 'iam:*']);
    auditor = await user(t.root, 'auditor', ['iam:*']);
    otherTarget = await user(t.root, 'other-target', ['sts:AssumeRoot'], rootOf(PLAIN));
    delegateOperator = await user(rootKeys(DELEGATE), 'operator', ['sts:AssumeRoot', 'iam:*']);
    plainOperator = await user(rootKeys(PLAIN), 'operator', ['sts:AssumeRoot', 'iam:*']);
    await iam(rootKeys(MEMBER)).send(new CreateUserCommand({ UserName: 'someone' }));
  });
  afterAll(() => t.destroy());

  describe('the IAM operations', () => {
    it('refuses every call outside an organization with OrganizationNotFoundException', async () => {
      for (const call of FEATURE_CALLS)
        expect(await awsError(() => iam(rootKeys(OUTSIDER)).send(call()))).toMatchObject({
          name: 'OrganizationNotFoundException',
          status: 400,
          message: 'The request was rejected because no organization is associated with your account.',
        });
    });

    it('refuses an organization without all features with OrganizationNotInAllFeaturesModeException', async () => {
      for (const call of FEATURE_CALLS)
        expect(await awsError(() => iam(rootKeys(BILLING)).send(call()))).toMatchObject({
          name: 'OrganizationNotInAllFeaturesModeException',
          status: 400,
          message: 'The request was rejected because your organization does not have All features enabled.',
        });
    });

    it("refuses every call until IAM has trusted access, naming the caller's account", async () => {
      for (const call of FEATURE_CALLS)
        expect(await awsError(() => iam(t.root).send(call()))).toMatchObject({
          name: 'ServiceAccessNotEnabledException',
          status: 400,
          message: `Trusted Access for IAM not enabled by organization of input account ${MANAGEMENT}.`,
        });
      await orgs(t.root).send(new EnableAWSServiceAccessCommand({ ServicePrincipal: IAM_PRINCIPAL }));
      const features = await iam(t.root).send(new ListOrganizationsFeaturesCommand({}));
      expect(features).toMatchObject({ OrganizationId: orgId, EnabledFeatures: [] });
    });

    it('refuses a member that is neither the management account nor a delegated administrator for IAM', async () => {
      // a delegated administrator for another service is no administrator of root access
      await write((repos) =>
        repos.organizations.registerDelegatedAdmin({
          org_id: orgId,
          account_id: PLAIN,
          service_principal: 'sso.amazonaws.com',
          registered_at: now.toISOString(),
        }),
      );
      for (const call of FEATURE_CALLS)
        expect(await awsError(() => iam(rootKeys(PLAIN)).send(call()))).toMatchObject({
          name: 'AccountNotManagementOrDelegatedAdministratorException',
          status: 400,
          message: `Input account ${PLAIN} is neither management account nor delegated admin.`,
        });
    });

    it('turns each feature on from the management account, once, listing RootSessions first', async () => {
      const credentials = await iam(t.root).send(new EnableOrganizationsRootCredentialsManagementCommand({}));
      expect(credentials).toMatchObject({
        OrganizationId: orgId,
        EnabledFeatures: ['RootCredentialsManagement'],
      });
      const again = await iam(t.root).send(new EnableOrganizationsRootCredentialsManagementCommand({}));
      expect(again.EnabledFeatures).toEqual(['RootCredentialsManagement']);
      const both = await iam(operator).send(new EnableOrganizationsRootSessionsCommand({}));
      expect(both.EnabledFeatures).toEqual(['RootSessions', 'RootCredentialsManagement']);
      const row = await t.server.store.read((r) => r.organizations.byId(orgId));
      expect(row).toMatchObject({ root_credentials_management: 1, root_sessions: 1 });
      const listed = await iam(t.root).send(new ListOrganizationsFeaturesCommand({}));
      expect(listed.EnabledFeatures).toEqual(['RootSessions', 'RootCredentialsManagement']);
    });

    it('lets a delegated administrator for IAM read and turn features off, but not on', async () => {
      await write((repos) =>
        repos.organizations.registerDelegatedAdmin({
          org_id: orgId,
          account_id: DELEGATE,
          service_principal: IAM_PRINCIPAL,
          registered_at: now.toISOString(),
        }),
      );
      const delegate = iam(rootKeys(DELEGATE));
      const listed = await delegate.send(new ListOrganizationsFeaturesCommand({}));
      expect(listed).toMatchObject({
        OrganizationId: orgId,
        EnabledFeatures: ['RootSessions', 'RootCredentialsManagement'],
      });
      for (const call of [
        () => new EnableOrganizationsRootSessionsCommand({}),
        () => new EnableOrganizationsRootCredentialsManagementCommand({}),
      ])
        expect(await awsError(() => delegate.send(call()))).toMatchObject({
          name: 'CallerIsNotManagementAccountException',
          status: 400,
          message: `Caller account ${DELEGATE} is not management account of the organization and cannot enable IAM features.`,
        });
      const off = await iam(delegateOperator).send(new DisableOrganizationsRootSessionsCommand({}));
      expect(off.EnabledFeatures).toEqual(['RootCredentialsManagement']);
      const none = await delegate.send(new DisableOrganizationsRootCredentialsManagementCommand({}));
      expect(none.EnabledFeatures).toEqual([]);
      const row = await t.server.store.read((r) => r.organizations.byId(orgId));
      expect(row).toMatchObject({ root_credentials_management: 0, root_sessions: 0 });
      await iam(t.root).send(new EnableOrganizationsRootCredentialsManagementCommand({}));
      await iam(t.root).send(new EnableOrganizationsRootSessionsCommand({}));
    });

    it('authorizes each call with the engine like any IAM action', async () => {
      const nobody = await user(t.root, 'nobody', []);
      const e = await awsError(() => iam(nobody).send(new ListOrganizationsFeaturesCommand({})));
      expect(e).toMatchObject({
        code: 'AccessDenied',
        status: 403,
        message: `User: arn:aws:iam::${MANAGEMENT}:user/nobody is not authorized to perform: iam:ListOrganizationsFeatures on resource: * because no identity-based policy allows the iam:ListOrganizationsFeatures action`,
      });
    });
  });

  describe('AssumeRoot', () => {
    it("serves AWS's five root task policies under /root-task/, with AWS's ids and documents", async () => {
      const ids: string[] = [];
      for (const task of TASKS) {
        const policy = (await iam(t.root).send(new GetPolicyCommand({ PolicyArn: taskArn(task) }))).Policy!;
        expect(policy).toMatchObject({ PolicyName: task, Path: '/root-task/', DefaultVersionId: 'v1' });
        expect(policy.Description).toMatch(/using the Security Token Service \(STS\) AssumeRoot API\./);
        ids.push(policy.PolicyId!);
      }
      expect(ids).toEqual([
        'ANPAZKAPJZG4BDSCREYVS',
        'ANPAZKAPJZG4OEGTN7YT5',
        'ANPAZKAPJZG4CX73XKORQ',
        'ANPAZKAPJZG4OALTIPZOF',
        'ANPAZKAPJZG4HPZI4FDUV',
      ]);
      const version = await iam(t.root).send(
        new GetPolicyVersionCommand({ PolicyArn: taskArn('IAMCreateRootUserPassword'), VersionId: 'v1' }),
      );
      expect(JSON.parse(decodeURIComponent(version.PolicyVersion!.Document!))).toEqual({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyAllOtherActionsOnAnyResource',
            Effect: 'Deny',
            NotAction: ['iam:CreateLoginProfile', 'iam:GetLoginProfile'],
            Resource: '*',
          },
          {
            Sid: 'DenyCreatingPasswordOnNonRootUserResource',
            Effect: 'Deny',
            Action: ['iam:CreateLoginProfile', 'iam:GetLoginProfile'],
            NotResource: 'arn:aws:iam::*:root',
          },
        ],
      });
    });

    it("issues a session of the member account's root for each task, lasting 900 seconds by default", async () => {
      for (const task of TASKS) {
        const out = await assumeRoot(operator, task);
        expect(out.Credentials!.AccessKeyId).toMatch(/^ASIA/);
        expect(out.Credentials!.Expiration!.getTime()).toBe(now.getTime() + 900_000);
        expect(out.SourceIdentity).toBeUndefined();
        const who = await sts(asCreds(out.Credentials)).send(new GetCallerIdentityCommand({}));
        expect(who).toMatchObject({ Account: MEMBER, Arn: rootOf(MEMBER), UserId: MEMBER });
      }
    });

    it('accepts the target as its root ARN, and a shorter DurationSeconds', async () => {
      const out = await sts(operator).send(
        new AssumeRootCommand({
          TargetPrincipal: rootOf(MEMBER),
          TaskPolicyArn: { arn: taskArn('IAMAuditRootUserCredentials') },
          DurationSeconds: 120,
        }),
      );
      expect(out.Credentials!.Expiration!.getTime()).toBe(now.getTime() + 120_000);
    });

    it("IAMAuditRootUserCredentials reads the root's credentials and nothing else", async () => {
      const audit = iam(await session('IAMAuditRootUserCredentials'));
      const keys = await audit.send(new ListAccessKeysCommand({}));
      expect(keys.AccessKeyMetadata?.map((k) => k.AccessKeyId)).toEqual([rootKeys(MEMBER).accessKeyId]);
      expect((await audit.send(new GetUserCommand({}))).User).toMatchObject({
        Arn: rootOf(MEMBER),
        UserId: MEMBER,
      });
      expect((await audit.send(new GetAccountSummaryCommand({}))).SummaryMap).toMatchObject({ Users: 1 });
      // allowed by the task, and the member's root has no console password
      expect(await awsError(() => audit.send(new GetLoginProfileCommand({})))).toMatchObject({
        code: 'NoSuchEntity',
        status: 404,
        message: 'Login Profile for User null cannot be found.',
      });
      expect(await awsError(() => audit.send(new CreateUserCommand({ UserName: 'intruder' })))).toMatchObject(
        {
          code: 'AccessDenied',
          status: 403,
          message: `User: ${rootOf(MEMBER)} is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${MEMBER}:user/intruder with an explicit deny in a session policy`,
        },
      );
      expect(
        await awsError(() => audit.send(new ListAccessKeysCommand({ UserName: 'someone' }))),
      ).toMatchObject({
        code: 'AccessDenied',
        message: `User: ${rootOf(MEMBER)} is not authorized to perform: iam:ListAccessKeys on resource: arn:aws:iam::${MEMBER}:user/someone with an explicit deny in a session policy`,
      });
    });

    it("IAMCreateRootUserPassword reaches the root's login profile only", async () => {
      const creator = iam(await session('IAMCreateRootUserPassword'));
      expect((await awsError(() => creator.send(new GetLoginProfileCommand({})))).code).toBe('NoSuchEntity');
      expect(await awsError(() => creator.send(new ListAccessKeysCommand({})))).toMatchObject({
        code: 'AccessDenied',
        message: `User: ${rootOf(MEMBER)} is not authorized to perform: iam:ListAccessKeys on resource: ${rootOf(MEMBER)} with an explicit deny in a session policy`,
      });
    });

    it("IAMDeleteRootUserCredentials deletes the root's access keys and creates none", async () => {
      const extra = (await iam(rootKeys(MEMBER)).send(new CreateAccessKeyCommand({}))).AccessKey!;
      const deleter = iam(await session('IAMDeleteRootUserCredentials'));
      await deleter.send(new DeleteAccessKeyCommand({ AccessKeyId: extra.AccessKeyId }));
      const keys = await deleter.send(new ListAccessKeysCommand({}));
      expect(keys.AccessKeyMetadata?.map((k) => k.AccessKeyId)).toEqual([rootKeys(MEMBER).accessKeyId]);
      expect((await awsError(() => deleter.send(new CreateAccessKeyCommand({})))).code).toBe('AccessDenied');
    });

    it('S3UnlockBucketPolicy manages bucket policies and nothing else', async () => {
      const s3 = await session('S3UnlockBucketPolicy');
      expect(await decision(s3, 's3', 's3:DeleteBucketPolicy', 'arn:aws:s3:::locked')).toBe('Allow');
      expect(await decision(s3, 's3', 's3:PutBucketPolicy', 'arn:aws:s3:::locked')).toBe('Allow');
      expect(await decision(s3, 's3', 's3:GetObject', 'arn:aws:s3:::locked/key')).toBe('ExplicitDeny');
      expect((await awsError(() => iam(s3).send(new ListAccessKeysCommand({})))).code).toBe('AccessDenied');
    });

    it("SQSUnlockQueuePolicy manages its own account's queue policies and nothing else", async () => {
      const sqs = await session('SQSUnlockQueuePolicy');
      const own = `arn:aws:sqs:us-east-1:${MEMBER}:jobs`;
      expect(await decision(sqs, 'sqs', 'sqs:SetQueueAttributes', own)).toBe('Allow');
      expect(await decision(sqs, 'sqs', 'sqs:GetQueueAttributes', own)).toBe('Allow');
      expect(
        await decision(sqs, 'sqs', 'sqs:GetQueueAttributes', `arn:aws:sqs:us-east-1:${PLAIN}:jobs`),
      ).toBe('ExplicitDeny');
      expect(await decision(sqs, 'sqs', 'sqs:SendMessage', own)).toBe('ExplicitDeny');
    });

    it("lets IAM's delegated administrator take a root session of another member", async () => {
      const out = await assumeRoot(delegateOperator, 'IAMAuditRootUserCredentials');
      const who = await sts(asCreds(out.Credentials)).send(new GetCallerIdentityCommand({}));
      expect(who.Arn).toBe(rootOf(MEMBER));
    });

    it("carries the caller's source identity into the root session", async () => {
      await iam(t.root).send(
        new CreateRoleCommand({
          RoleName: 'breakglass',
          AssumeRolePolicyDocument: doc({
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${MANAGEMENT}:user/operator` },
            Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
          }),
        }),
      );
      await iam(t.root).send(
        new PutRolePolicyCommand({
          RoleName: 'breakglass',
          PolicyName: 'root',
          PolicyDocument: doc({ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: rootOf(MEMBER) }),
        }),
      );
      const role = await sts(operator).send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${MANAGEMENT}:role/breakglass`,
          RoleSessionName: 'pat',
          SourceIdentity: 'pat@example.com',
        }),
      );
      const out = await assumeRoot(asCreds(role.Credentials), 'IAMAuditRootUserCredentials');
      expect(out.SourceIdentity).toBe('pat@example.com');
    });

    describe('refusals', () => {
      const denied = (caller: string, target: string) => ({
        code: 'AccessDenied',
        status: 403,
        message: `User: ${caller} is not authorized to perform: sts:AssumeRoot on resource: ${rootOf(target)}`,
      });

      it('refuses a root caller, with its long-term keys or a root session', async () => {
        expect(await awsError(() => assumeRoot(t.root, 'IAMAuditRootUserCredentials'))).toMatchObject(
          denied(rootOf(MANAGEMENT), MEMBER),
        );
        const rootSession = await session('IAMAuditRootUserCredentials');
        expect(
          await awsError(() => assumeRoot(rootSession, 'IAMAuditRootUserCredentials', DELEGATE)),
        ).toMatchObject(denied(rootOf(MEMBER), DELEGATE));
      });

      it('refuses a target outside the organization, the management account, and callers that do not administer it', async () => {
        const operatorArn = `arn:aws:iam::${MANAGEMENT}:user/operator`;
        expect(
          await awsError(() => assumeRoot(operator, 'IAMAuditRootUserCredentials', OUTSIDER)),
        ).toMatchObject(denied(operatorArn, OUTSIDER));
        expect(
          await awsError(() => assumeRoot(operator, 'IAMAuditRootUserCredentials', MANAGEMENT)),
        ).toMatchObject(denied(operatorArn, MANAGEMENT));
        expect(await awsError(() => assumeRoot(plainOperator, 'IAMAuditRootUserCredentials'))).toMatchObject(
          denied(`arn:aws:iam::${PLAIN}:user/operator`, MEMBER),
        );
      });

      it('refuses a caller whose policies do not allow sts:AssumeRoot on the target root', async () => {
        expect(await awsError(() => assumeRoot(auditor, 'IAMAuditRootUserCredentials'))).toMatchObject(
          denied(`arn:aws:iam::${MANAGEMENT}:user/auditor`, MEMBER),
        );
        // allowed on another member's root only
        expect(await awsError(() => assumeRoot(otherTarget, 'IAMAuditRootUserCredentials'))).toMatchObject(
          denied(`arn:aws:iam::${MANAGEMENT}:user/other-target`, MEMBER),
        );
        const allowed = await assumeRoot(otherTarget, 'IAMAuditRootUserCredentials', PLAIN);
        expect(allowed.Credentials?.AccessKeyId).toMatch(/^ASIA/);
      });

      it('decides aws:ResourceAccount and aws:ResourceOrgPaths on the target account', async () => {
        const scoped = await user(t.root, 'scoped-root-operator', []);
        await iam(t.root).send(
          new PutUserPolicyCommand({
            UserName: 'scoped-root-operator',
            PolicyName: 'p',
            PolicyDocument: doc({
              Effect: 'Allow',
              Action: 'sts:AssumeRoot',
              Resource: '*',
              Condition: {
                StringEquals: { 'aws:ResourceAccount': PLAIN },
                StringLike: { 'aws:ResourceOrgPaths': 'o-*/r-*/' },
              },
            }),
          }),
        );
        expect(
          (await assumeRoot(scoped, 'IAMAuditRootUserCredentials', PLAIN)).Credentials?.AccessKeyId,
        ).toMatch(/^ASIA/);
        expect(await awsError(() => assumeRoot(scoped, 'IAMAuditRootUserCredentials', MEMBER))).toMatchObject(
          denied(`arn:aws:iam::${MANAGEMENT}:user/scoped-root-operator`, MEMBER),
        );
      });

      it('refuses a policy that is not a root task policy, a malformed target and over 900 seconds', async () => {
        expect(
          await awsError(() =>
            sts(operator).send(
              new AssumeRootCommand({
                TargetPrincipal: MEMBER,
                TaskPolicyArn: { arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
              }),
            ),
          ),
        ).toMatchObject({
          code: 'ValidationError',
          status: 400,
          message: 'Request must contain valid AWS managed task policy ARN',
        });
        expect(
          await awsError(() =>
            assumeRoot(operator, 'IAMAuditRootUserCredentials', `arn:aws:iam::${MEMBER}:user/someone`),
          ),
        ).toMatchObject({
          code: 'ValidationError',
          message: 'Request must contain a valid target principal',
        });
        expect(
          await awsError(() => assumeRoot(operator, 'IAMAuditRootUserCredentials', MEMBER, 901)),
        ).toMatchObject({
          code: 'ValidationError',
          status: 400,
          message:
            "1 validation error detected: Value '901' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 900",
        });
      });

      it('refuses a task whose feature is off, while sessions already issued keep working', async () => {
        const issued = await session('IAMAuditRootUserCredentials');
        await iam(t.root).send(new DisableOrganizationsRootSessionsCommand({}));
        for (const task of ['S3UnlockBucketPolicy', 'SQSUnlockQueuePolicy'])
          expect(await awsError(() => assumeRoot(operator, task))).toMatchObject({
            code: 'AccessDenied',
            status: 403,
            message: 'Root sessions feature is not enabled for your AWS Organization.',
          });
        expect((await assumeRoot(operator, 'IAMDeleteRootUserCredentials')).Credentials).toBeDefined();
        await iam(t.root).send(new EnableOrganizationsRootSessionsCommand({}));
        await iam(t.root).send(new DisableOrganizationsRootCredentialsManagementCommand({}));
        for (const task of [
          'IAMAuditRootUserCredentials',
          'IAMCreateRootUserPassword',
          'IAMDeleteRootUserCredentials',
        ])
          expect(await awsError(() => assumeRoot(operator, task))).toMatchObject({
            code: 'AccessDenied',
            message: 'Root credentials management feature is not enabled for your AWS Organization.',
          });
        expect((await assumeRoot(operator, 'S3UnlockBucketPolicy')).Credentials).toBeDefined();
        expect((await iam(issued).send(new GetUserCommand({}))).User?.Arn).toBe(rootOf(MEMBER));
        await iam(t.root).send(new EnableOrganizationsRootCredentialsManagementCommand({}));
      });

      it("refuses every task while IAM's trusted access is off", async () => {
        await write((repos) => repos.organizations.disableServiceAccess(orgId, IAM_PRINCIPAL));
        try {
          for (const task of TASKS)
            expect(await awsError(() => assumeRoot(operator, task))).toMatchObject({
              code: 'AccessDenied',
              message: 'Service not enabled for AWS Organizations.',
            });
        } finally {
          await write((repos) =>
            repos.organizations.enableServiceAccess({
              org_id: orgId,
              service_principal: IAM_PRINCIPAL,
              enabled_at: now.toISOString(),
            }),
          );
        }
        expect((await assumeRoot(operator, 'IAMAuditRootUserCredentials')).Credentials).toBeDefined();
      });

      it('refuses the credentials once they expire', async () => {
        const started = now;
        const out = await assumeRoot(operator, 'IAMAuditRootUserCredentials', MEMBER, 60);
        const creds = asCreds(out.Credentials);
        expect((await sts(creds).send(new GetCallerIdentityCommand({}))).Arn).toBe(rootOf(MEMBER));
        now = new Date(started.getTime() + 60_000);
        try {
          expect(await awsError(() => sts(creds).send(new GetCallerIdentityCommand({})))).toMatchObject({
            code: 'ExpiredToken',
            status: 403,
            message: 'The security token included in the request is expired',
          });
          expect((await awsError(() => iam(creds).send(new ListAccessKeysCommand({})))).code).toBe(
            'ExpiredToken',
          );
        } finally {
          now = started;
        }
      });
    });

    it("records AssumeRoot in the caller's trail and the member's", async () => {
      const out = await assumeRoot(operator, 'S3UnlockBucketPolicy');
      await t.server.services.audit!.flush();
      /** The AssumeRoot event that issued `out`'s credentials, as the trail of `creds`'s account holds it. */
      const eventIn = async (creds: Credentials) => {
        const ct = new CloudTrailClient({ ...client, endpoint: t.url, credentials: creds });
        const events = await ct.send(
          new LookupEventsCommand({
            LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'AssumeRoot' }],
          }),
        );
        type Event = { responseElements: { credentials?: { accessKeyId?: string } } | null };
        return events
          .Events!.map((e) => JSON.parse(e.CloudTrailEvent!) as Event)
          .find((e) => e.responseElements?.credentials?.accessKeyId === out.Credentials!.AccessKeyId);
      };
      const expected = {
        eventSource: 'sts.amazonaws.com',
        eventName: 'AssumeRoot',
        readOnly: false,
        userIdentity: { type: 'IAMUser', arn: `arn:aws:iam::${MANAGEMENT}:user/operator` },
        requestParameters: {
          targetPrincipal: MEMBER,
          taskPolicyArn: { arn: taskArn('S3UnlockBucketPolicy') },
        },
        resources: [{ ARN: rootOf(MEMBER), accountId: MEMBER, type: 'AWS::IAM::Root' }],
      };
      expect(await eventIn(t.root)).toMatchObject({ ...expected, recipientAccountId: MANAGEMENT });
      expect(await eventIn(rootKeys(MEMBER))).toMatchObject({ ...expected, recipientAccountId: MEMBER });
    });

    it('passes an SCP that denies the root user except through AssumeRoot (aws:AssumedRoot)', async () => {
      const o = orgs(t.root);
      const rootId = (await t.server.store.read((r) => r.organizations.byId(orgId)))!.root_id;
      await o.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
      // aws-samples/service-control-policy-examples, "Prevent root credentials management in member accounts"
      const scp = await o.send(
        new CreatePolicyCommand({
          Name: 'deny-root-user',
          Description: 'the root user only through AssumeRoot',
          Type: 'SERVICE_CONTROL_POLICY',
          Content: doc({
            Effect: 'Deny',
            Action: '*',
            Resource: '*',
            Condition: {
              ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:root'] },
              Null: { 'aws:AssumedRoot': 'true' },
            },
          }),
        }),
      );
      await o.send(new AttachPolicyCommand({ PolicyId: scp.Policy!.PolicySummary!.Id!, TargetId: MEMBER }));
      expect(await awsError(() => iam(rootKeys(MEMBER)).send(new ListAccessKeysCommand({})))).toMatchObject({
        code: 'AccessDenied',
        message: `User: ${rootOf(MEMBER)} is not authorized to perform: iam:ListAccessKeys on resource: ${rootOf(MEMBER)} with an explicit deny in a service control policy`,
      });
      const audit = iam(await session('IAMAuditRootUserCredentials'));
      const keys = await audit.send(new ListAccessKeysCommand({}));
      expect(keys.AccessKeyMetadata?.map((k) => k.AccessKeyId)).toEqual([rootKeys(MEMBER).accessKeyId]);
    });
  });
});
