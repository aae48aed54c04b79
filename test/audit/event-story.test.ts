// A realistic story, read back through LookupEvents: a user signs in with MFA, assumes a role with a
// source identity, chains into a second role, and is denied one call. Every field of each event is
// checked against CloudTrail's documented records for AssumeRole and for calls made with a role
// session (the userIdentity element reference and the record contents reference).
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  IAMClient,
  ListRolesCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, hotp, timeStep } from '../../src/crypto/totp.ts';
import {
  awsError,
  BACKENDS,
  startTestServer,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (action: string | string[]) => doc([{ Effect: 'Allow', Action: action, Resource: '*' }]);
const trust = (principal: string, extra: object = {}) =>
  doc([
    {
      Effect: 'Allow',
      Principal: { AWS: principal },
      Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
      ...extra,
    },
  ]);

type Json = Record<string, unknown>;

describe.each(BACKENDS)('the audit trail of a role session story on %s', (backend) => {
  let t: TestServer;
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const client = (creds: Credentials) => ({
    endpoint: t.url,
    region: 'us-east-1',
    credentials: creds,
    maxAttempts: 1,
  });
  const iam = (creds: Credentials = t.root) => new IAMClient(client(creds));
  const sts = (creds: Credentials) => new STSClient(client(creds));
  const events = new Map<string, Json>();
  let alice: Credentials;
  let aliceUserId: string;
  let deployRoleId: string;
  let readerRoleId: string;
  let deploy: { AccessKeyId?: string; Expiration?: Date };
  let reader: Credentials & { keyId: string };
  let deniedMessage: string;

  beforeAll(async () => {
    t = await startTestServer(backend, { clock: { now: () => now } });
    const user = await iam().send(new CreateUserCommand({ UserName: 'alice' }));
    aliceUserId = user.User!.UserId!;
    await iam().send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'assume',
        PolicyDocument: allow(['sts:AssumeRole', 'sts:SetSourceIdentity']),
      }),
    );
    const key = (await iam().send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
    alice = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    const device = (await iam().send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice' })))
      .VirtualMFADevice!;
    const seed = base32Decode(Buffer.from(device.Base32StringSeed!).toString('ascii'));
    const step = timeStep(now);
    await iam().send(
      new EnableMFADeviceCommand({
        UserName: 'alice',
        SerialNumber: device.SerialNumber!,
        AuthenticationCode1: hotp(seed, step - 2),
        AuthenticationCode2: hotp(seed, step - 1),
      }),
    );
    deployRoleId = (
      await iam().send(
        new CreateRoleCommand({
          RoleName: 'deploy',
          AssumeRolePolicyDocument: trust(`arn:aws:iam::${ACCOUNT}:root`, {
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          }),
        }),
      )
    ).Role!.RoleId!;
    await iam().send(
      new PutRolePolicyCommand({
        RoleName: 'deploy',
        PolicyName: 'chain',
        PolicyDocument: allow(['sts:AssumeRole', 'sts:SetSourceIdentity']),
      }),
    );
    readerRoleId = (
      await iam().send(
        new CreateRoleCommand({
          RoleName: 'reader',
          AssumeRolePolicyDocument: trust(`arn:aws:iam::${ACCOUNT}:role/deploy`),
        }),
      )
    ).Role!.RoleId!;
    await iam().send(
      new PutRolePolicyCommand({
        RoleName: 'reader',
        PolicyName: 'read',
        PolicyDocument: allow('iam:ListRoles'),
      }),
    );

    // the story
    const first = await sts(alice).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/deploy`,
        RoleSessionName: 'alice-deploy',
        SourceIdentity: 'alice@example.com',
        SerialNumber: device.SerialNumber!,
        TokenCode: hotp(seed, step),
      }),
    );
    deploy = first.Credentials!;
    const deployCreds = {
      accessKeyId: first.Credentials!.AccessKeyId!,
      secretAccessKey: first.Credentials!.SecretAccessKey!,
      sessionToken: first.Credentials!.SessionToken!,
    };
    const second = await sts(deployCreds).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/reader`,
        RoleSessionName: 'alice-read',
      }),
    );
    reader = {
      accessKeyId: second.Credentials!.AccessKeyId!,
      secretAccessKey: second.Credentials!.SecretAccessKey!,
      sessionToken: second.Credentials!.SessionToken!,
      keyId: second.Credentials!.AccessKeyId!,
    };
    await iam(reader).send(new ListRolesCommand({}));
    const denied = await awsError(() => iam(reader).send(new ListUsersCommand({})));
    expect(denied.code).toBe('AccessDenied');
    deniedMessage = denied.message;

    await t.server.services.audit!.flush();
    const ct = new CloudTrailClient(client(t.root));
    const out = await ct.send(new LookupEventsCommand({ MaxResults: 50 }));
    // newest first: the last event of each name wins when names repeat (there are two AssumeRoles)
    for (const e of [...out.Events!].reverse()) {
      const record = JSON.parse(e.CloudTrailEvent!) as Json;
      const key =
        e.EventName === 'AssumeRole'
          ? `AssumeRole:${(record.requestParameters as Json).roleSessionName as string}`
          : e.EventName!;
      events.set(key, record);
    }
  });
  afterAll(() => t.destroy());

  const common = (record: Json) => ({
    eventVersion: '1.11',
    eventTime: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    awsRegion: 'us-east-1',
    sourceIPAddress: '127.0.0.1',
    userAgent: expect.stringContaining('aws-sdk-js/'),
    requestID: expect.stringMatching(/^[0-9a-f-]{36}$/),
    eventID: expect.stringMatching(/^[0-9a-f-]{36}$/),
    eventType: 'AwsApiCall',
    managementEvent: true,
    eventCategory: 'Management',
    recipientAccountId: ACCOUNT,
    ...record,
  });

  it('records the MFA AssumeRole with the IAM user, the source identity and the role, never the token code or secrets', () => {
    const e = events.get('AssumeRole:alice-deploy')!;
    expect(e).toEqual(
      common({
        userIdentity: {
          type: 'IAMUser',
          principalId: aliceUserId,
          arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
          accountId: ACCOUNT,
          accessKeyId: alice.accessKeyId,
          userName: 'alice',
        },
        eventSource: 'sts.amazonaws.com',
        eventName: 'AssumeRole',
        requestParameters: {
          roleArn: `arn:aws:iam::${ACCOUNT}:role/deploy`,
          roleSessionName: 'alice-deploy',
          serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/alice`,
          sourceIdentity: 'alice@example.com',
        },
        responseElements: {
          credentials: {
            accessKeyId: deploy.AccessKeyId,
            expiration: expect.stringMatching(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}:\d{2} [AP]M$/),
          },
          assumedRoleUser: {
            assumedRoleId: `${deployRoleId}:alice-deploy`,
            arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/alice-deploy`,
          },
          sourceIdentity: 'alice@example.com',
        },
        readOnly: true,
        resources: [
          { ARN: `arn:aws:iam::${ACCOUNT}:role/deploy`, accountId: ACCOUNT, type: 'AWS::IAM::Role' },
        ],
      }),
    );
  });

  it('records the chained AssumeRole with the first session as an AssumedRole identity, MFA and source identity carried', () => {
    const e = events.get('AssumeRole:alice-read')!;
    expect(e.userIdentity).toEqual({
      type: 'AssumedRole',
      principalId: `${deployRoleId}:alice-deploy`,
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/alice-deploy`,
      accountId: ACCOUNT,
      accessKeyId: deploy.AccessKeyId,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: deployRoleId,
          arn: `arn:aws:iam::${ACCOUNT}:role/deploy`,
          accountId: ACCOUNT,
          userName: 'deploy',
        },
        webIdFederationData: {},
        attributes: {
          creationDate: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
          mfaAuthenticated: 'true',
        },
        sourceIdentity: 'alice@example.com',
      },
    });
    expect(e.requestParameters).toEqual({
      roleArn: `arn:aws:iam::${ACCOUNT}:role/reader`,
      roleSessionName: 'alice-read',
    });
    // the source identity is carried into the chained session, as AWS does
    expect((e.responseElements as Json).sourceIdentity).toBe('alice@example.com');
  });

  it('records the allowed and the denied call of the chained session, the denial with the message the caller got', () => {
    const identity = {
      type: 'AssumedRole',
      principalId: `${readerRoleId}:alice-read`,
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/reader/alice-read`,
      accountId: ACCOUNT,
      accessKeyId: reader.keyId,
      sessionContext: expect.objectContaining({
        sessionIssuer: expect.objectContaining({
          arn: `arn:aws:iam::${ACCOUNT}:role/reader`,
          userName: 'reader',
        }),
        sourceIdentity: 'alice@example.com',
      }),
    };
    expect(events.get('ListRoles')).toEqual(
      common({
        userIdentity: identity,
        eventSource: 'iam.amazonaws.com',
        eventName: 'ListRoles',
        requestParameters: null,
        responseElements: null,
        readOnly: true,
      }),
    );
    expect(events.get('ListUsers')).toEqual(
      common({
        userIdentity: identity,
        eventSource: 'iam.amazonaws.com',
        eventName: 'ListUsers',
        errorCode: 'AccessDenied',
        errorMessage: deniedMessage,
        requestParameters: null,
        responseElements: null,
        readOnly: true,
      }),
    );
    expect(deniedMessage).toContain(
      'assumed-role/reader/alice-read is not authorized to perform: iam:ListUsers',
    );
  });

  it('keeps secrets out of every event of the story', () => {
    const all = JSON.stringify([...events.values()]);
    for (const secret of [alice.secretAccessKey, reader.secretAccessKey, reader.sessionToken!])
      expect(all).not.toContain(secret);
    expect(all).not.toContain('tokenCode');
    expect(all).not.toContain('authenticationCode');
  });
});
