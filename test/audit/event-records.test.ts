// What the audit trail keeps of single calls: responseElements without secrets (CreateAccessKey's key id
// only, as CloudTrail's), parameters without passwords or MFA codes, a change's event committed with the
// change itself, a cross-account AssumeRole in both accounts' trails, and pruning past retention.
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeleteUserCommand,
  GetUserCommand,
  IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAccount } from '../../src/domain/accounts.ts';
import {
  awsError,
  BACKENDS,
  startTestServer,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const OTHER = '210987654321';
const OTHER_ROOT = {
  accessKeyId: 'AKIAOTHERROOTKEY0001',
  secretAccessKey: 'othersecretothersecretothersecretother1',
};
type Json = Record<string, unknown>;

describe.each(BACKENDS)('audit records on %s', (backend) => {
  let t: TestServer;
  let dave: Credentials;
  let now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const client = (creds: Credentials) => ({
    endpoint: t.url,
    region: 'us-east-1',
    credentials: creds,
    maxAttempts: 1,
    systemClockOffset: now.getTime() - Date.now(),
  });
  const iam = (creds: Credentials = t.root) => new IAMClient(client(creds));
  const trail = () => t.server.services.audit!;
  /** The account's events as stored, newest first, without waiting for the batch writer. */
  const stored = (accountId = ACCOUNT) =>
    t.server.store.read((r) => r.auditEvents.lookup({ accountId, limit: 1000 }));
  const lookup = async (name: string, creds: Credentials = t.root) => {
    await trail().flush();
    const out = await new CloudTrailClient(client(creds)).send(
      new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: name }] }),
    );
    return out.Events!.map((e) => JSON.parse(e.CloudTrailEvent!) as Json);
  };

  beforeAll(async () => {
    t = await startTestServer(backend, { clock: { now: () => now } });
    // no batch writes on a timer here: queued events are written only when a test flushes them
    await t.server.services.audit!.stop();
  });
  afterAll(() => t.destroy());

  it("commits a change's event with the change, before any batch is written, and its responseElements after", async () => {
    await iam().send(new CreateUserCommand({ UserName: 'carol' }));
    // no flush yet: the event is already there, because it was written in the CreateUser transaction
    const committed = (await stored()).find((r) => r.eventName === 'CreateUser');
    expect(committed).toBeDefined();
    expect(JSON.parse(committed!.record)).toMatchObject({ requestParameters: { userName: 'carol' } });
    // a read-only call's event waits for the batch
    await iam().send(new GetUserCommand({ UserName: 'carol' }));
    expect((await stored()).some((r) => r.eventName === 'GetUser')).toBe(false);
    const [created] = await lookup('CreateUser');
    expect(created!.responseElements).toMatchObject({
      user: { userName: 'carol', arn: `arn:aws:iam::${ACCOUNT}:user/carol`, path: '/' },
    });
    expect((await lookup('GetUser')).length).toBe(1);
  });

  it("records a failed change with AWS's error code and message, and no change", async () => {
    await iam().send(
      new CreateLoginProfileCommand({ UserName: 'carol', Password: 'Correct-Horse-9-battery' }),
    );
    const e = await awsError(() => iam().send(new DeleteUserCommand({ UserName: 'carol' })));
    expect(e.code).toBe('DeleteConflict');
    const [failed] = await lookup('DeleteUser');
    expect(failed).toMatchObject({
      errorCode: 'DeleteConflict',
      errorMessage: e.message,
      responseElements: null,
    });
    await iam().send(new GetUserCommand({ UserName: 'carol' }));
  });

  it('keeps passwords, secret keys and MFA seeds out of events, as CloudTrail does', async () => {
    const key = (await iam().send(new CreateAccessKeyCommand({ UserName: 'carol' }))).AccessKey!;
    const device = (await iam().send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'carol' })))
      .VirtualMFADevice!;
    const [created] = await lookup('CreateAccessKey');
    expect(created!.responseElements).toEqual({
      accessKey: {
        userName: 'carol',
        accessKeyId: key.AccessKeyId,
        status: 'Active',
        createDate: expect.any(String) as string,
      },
    });
    const [profile] = await lookup('CreateLoginProfile');
    expect(profile!.requestParameters).toEqual({ userName: 'carol' });
    const all = JSON.stringify(await stored());
    expect(all).not.toContain(key.SecretAccessKey);
    expect(all).not.toContain('Correct-Horse-9-battery');
    expect(all).not.toContain(Buffer.from(device.Base32StringSeed!).toString('ascii'));
    expect(all).not.toContain('"password"');
  });

  it("records a cross-account AssumeRole in the caller's and the role's account, sharing an event id", async () => {
    await ensureAccount(t.server.store, t.server.services.sealer, OTHER, now, OTHER_ROOT);
    await iam(OTHER_ROOT).send(
      new CreateRoleCommand({
        RoleName: 'partner',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' },
          ],
        }),
      }),
    );
    await iam().send(new CreateUserCommand({ UserName: 'dave' }));
    await iam().send(
      new PutUserPolicyCommand({
        UserName: 'dave',
        PolicyName: 'p',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
        }),
      }),
    );
    const k = (await iam().send(new CreateAccessKeyCommand({ UserName: 'dave' }))).AccessKey!;
    dave = { accessKeyId: k.AccessKeyId!, secretAccessKey: k.SecretAccessKey! };
    await new STSClient(client(dave)).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${OTHER}:role/partner`, RoleSessionName: 'dave' }),
    );
    const [mine] = await lookup('AssumeRole');
    const [theirs] = await lookup('AssumeRole', OTHER_ROOT);
    expect(mine!.recipientAccountId).toBe(ACCOUNT);
    expect(theirs!.recipientAccountId).toBe(OTHER);
    expect(mine!.sharedEventID).toMatch(/^[0-9a-f-]{36}$/);
    expect(theirs!.sharedEventID).toBe(mine!.sharedEventID);
    expect(theirs!.eventID).not.toBe(mine!.eventID);
    expect(theirs!.userIdentity).toEqual(mine!.userIdentity);
    expect(theirs!.resources).toEqual([
      { ARN: `arn:aws:iam::${OTHER}:role/partner`, accountId: OTHER, type: 'AWS::IAM::Role' },
    ]);
    // each account sees only its own trail: the other account has none of this account's IAM calls
    const other = await stored(OTHER);
    expect(
      other.every((r) => r.eventName !== 'CreateUser' || JSON.parse(r.record).recipientAccountId === OTHER),
    ).toBe(true);
    expect(other.some((r) => r.eventName === 'PutUserPolicy')).toBe(false);
  });

  it('records the session tags a chained AssumeRole brings as incomingTransitiveTags, and the tags it sets', async () => {
    await iam().send(
      new CreateRoleCommand({
        RoleName: 'tagged',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
              Action: ['sts:AssumeRole', 'sts:TagSession'],
            },
          ],
        }),
      }),
    );
    await iam().send(
      new PutRolePolicyCommand({
        RoleName: 'tagged',
        PolicyName: 'chain',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: '*' }],
        }),
      }),
    );
    await iam().send(
      new PutUserPolicyCommand({
        UserName: 'dave',
        PolicyName: 'tags',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: '*' }],
        }),
      }),
    );
    const first = await new STSClient(client(dave)).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/tagged`,
        RoleSessionName: 'tag-1',
        Tags: [
          { Key: 'team', Value: 'red' },
          { Key: 'cost', Value: '42' },
        ],
        TransitiveTagKeys: ['team'],
      }),
    );
    const c = first.Credentials!;
    await new STSClient(
      client({
        accessKeyId: c.AccessKeyId!,
        secretAccessKey: c.SecretAccessKey!,
        sessionToken: c.SessionToken!,
      }),
    ).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/tagged`, RoleSessionName: 'tag-2' }),
    );
    const events = await lookup('AssumeRole');
    const byName = (n: string) => events.find((e) => (e.requestParameters as Json).roleSessionName === n)!;
    expect(byName('tag-1').requestParameters).toMatchObject({
      tags: [
        { key: 'team', value: 'red' },
        { key: 'cost', value: '42' },
      ],
      transitiveTagKeys: ['team'],
    });
    expect(byName('tag-1').requestParameters).not.toHaveProperty('incomingTransitiveTags');
    expect(byName('tag-2').requestParameters).toMatchObject({ incomingTransitiveTags: { team: 'red' } });
  });

  it('prunes events older than the retention period and keeps the rest', async () => {
    const before = (await stored()).length;
    expect(before).toBeGreaterThan(0);
    // 89 days on, nothing is old enough; 91 days on, everything is
    now = new Date(now.getTime() + 89 * 86_400_000);
    expect(await trail().prune()).toBe(0);
    now = new Date(now.getTime() + 2 * 86_400_000);
    await trail().flush();
    const pruned = await trail().prune();
    expect(pruned).toBeGreaterThanOrEqual(before);
    expect(await stored()).toEqual([]);
  });
});
