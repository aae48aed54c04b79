// CloudTrail's LookupEvents with the real @aws-sdk/client-cloudtrail and both AWS CLIs: each of the
// eight lookup attributes, time ranges, paging with NextToken, AWS's JSON-protocol errors, one account's
// trail only, and authorization like every other call (cloudtrail:LookupEvents).
import {
  CloudTrailClient,
  LookupEventsCommand,
  type LookupEventsCommandInput,
  type LookupAttributeKey,
} from '@aws-sdk/client-cloudtrail';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  IAMClient,
  ListUsersCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, CLI_VERSIONS, describeEachCli, type CliVersion } from '../support/aws-cli.ts';
import {
  awsError,
  BACKENDS,
  startTestServer,
  type Backend,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';

const ACCOUNT = '123456789012';

async function fixture(t: TestServer): Promise<{ erin: Credentials; erinKey: string }> {
  await t.iam().send(new CreateUserCommand({ UserName: 'erin' }));
  await t.iam().send(
    new PutUserPolicyCommand({
      UserName: 'erin',
      PolicyName: 'read',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['iam:ListUsers', 'iam:GetUser'], Resource: '*' }],
      }),
    }),
  );
  const key = (await t.iam().send(new CreateAccessKeyCommand({ UserName: 'erin' }))).AccessKey!;
  const erin = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  await new IAMClient({ endpoint: t.url, region: 'us-east-1', credentials: erin, maxAttempts: 1 }).send(
    new ListUsersCommand({}),
  );
  await t.server.services.audit!.flush();
  return { erin, erinKey: key.AccessKeyId! };
}

describe.each(BACKENDS)('LookupEvents on %s', (backend) => {
  let t: TestServer;
  let ct: CloudTrailClient;
  let erin: Credentials;
  let erinKey: string;
  const lookup = (input: LookupEventsCommandInput = {}) => ct.send(new LookupEventsCommand(input));
  const by = async (key: LookupAttributeKey, value: string) =>
    (await lookup({ LookupAttributes: [{ AttributeKey: key, AttributeValue: value }] })).Events!;

  beforeAll(async () => {
    t = await startTestServer(backend);
    ({ erin, erinKey } = await fixture(t));
    ct = new CloudTrailClient({ endpoint: t.url, region: 'us-east-1', credentials: t.root, maxAttempts: 1 });
  });
  afterAll(() => t.destroy());

  it('finds events by each of the eight lookup attributes', async () => {
    const all = (await lookup()).Events!;
    const createUser = all.find((e) => e.EventName === 'CreateUser')!;
    expect(createUser).toMatchObject({
      EventName: 'CreateUser',
      EventSource: 'iam.amazonaws.com',
      ReadOnly: 'false',
      Username: 'root',
      AccessKeyId: t.root.accessKeyId,
      Resources: [{ ResourceType: 'AWS::IAM::User', ResourceName: 'erin' }],
    });
    expect(createUser.EventTime).toBeInstanceOf(Date);
    expect(JSON.parse(createUser.CloudTrailEvent!)).toMatchObject({ eventID: createUser.EventId });

    expect((await by('EventId', createUser.EventId!)).map((e) => e.EventId)).toEqual([createUser.EventId]);
    expect((await by('EventName', 'PutUserPolicy')).map((e) => e.EventName)).toEqual(['PutUserPolicy']);
    const reads = await by('ReadOnly', 'true');
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((e) => e.ReadOnly === 'true')).toBe(true);
    expect((await by('ReadOnly', 'false')).every((e) => e.ReadOnly === 'false')).toBe(true);
    expect((await by('Username', 'erin')).map((e) => e.EventName)).toEqual(['ListUsers']);
    expect((await by('AccessKeyId', erinKey)).map((e) => e.EventName)).toEqual(['ListUsers']);
    const onErin = (await by('ResourceName', 'erin')).map((e) => e.EventName);
    expect(onErin).toEqual(['CreateAccessKey', 'PutUserPolicy', 'CreateUser']);
    expect((await by('ResourceType', 'AWS::IAM::User')).length).toBe(3);
    expect((await by('EventSource', 'iam.amazonaws.com')).length).toBe(4);
    expect(await by('EventSource', 'sts.amazonaws.com')).toEqual([]);
  });

  it('pages with NextToken, newest first, and refuses a token from another query', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await lookup({
        MaxResults: 2,
        LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'iam.amazonaws.com' }],
        NextToken: token,
      });
      expect(page.Events!.length).toBeLessThanOrEqual(2);
      seen.push(...page.Events!.map((e) => e.EventName!));
      token = page.NextToken;
    } while (token);
    expect(seen).toEqual(['ListUsers', 'CreateAccessKey', 'PutUserPolicy', 'CreateUser']);
    const first = await lookup({ MaxResults: 1 });
    const e = await awsError(() =>
      lookup({
        MaxResults: 1,
        NextToken: first.NextToken,
        LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'root' }],
      }),
    );
    expect(e).toMatchObject({ name: 'InvalidNextTokenException', status: 400 });
  });

  it('limits events to the time range', async () => {
    const [newest] = (await lookup({ MaxResults: 1 })).Events!;
    const at = newest!.EventTime!;
    const later = await lookup({
      StartTime: new Date(at.getTime() + 60_000),
      EndTime: new Date(at.getTime() + 120_000),
    });
    expect(later.Events).toEqual([]);
    const upTo = await lookup({ EndTime: new Date(at.getTime() - 3_600_000) });
    expect(upTo.Events).toEqual([]);
    const around = await lookup({ StartTime: new Date(at.getTime() - 60_000), EndTime: at });
    expect(around.Events!.length).toBeGreaterThan(0);
  });

  it("answers bad input with CloudTrail's JSON errors", async () => {
    const two = await awsError(() =>
      lookup({
        LookupAttributes: [
          { AttributeKey: 'Username', AttributeValue: 'root' },
          { AttributeKey: 'EventName', AttributeValue: 'CreateUser' },
        ],
      }),
    );
    expect(two).toMatchObject({ name: 'InvalidLookupAttributesException', status: 400 });
    const range = await awsError(() =>
      lookup({ StartTime: new Date(), EndTime: new Date(Date.now() - 60_000) }),
    );
    expect(range).toMatchObject({ name: 'InvalidTimeRangeException', status: 400 });
    const tooMany = await awsError(() => lookup({ MaxResults: 51 }));
    expect(tooMany).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(tooMany.message).toContain("at 'maxResults' failed to satisfy constraint");
  });

  it("answers an unknown operation of the protocol with UnknownOperationException in the protocol's shape", async () => {
    const res = await fetch(t.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.CreateTrail2',
      },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(await res.json()).toEqual({
      __type: 'UnknownOperationException',
      message: 'The operation CreateTrail2 is not recognized.',
    });
  });

  it('authorizes the call: a user without cloudtrail:LookupEvents is refused, with the refusal recorded', async () => {
    const asErin = new CloudTrailClient({
      endpoint: t.url,
      region: 'us-east-1',
      credentials: erin,
      maxAttempts: 1,
    });
    const e = await awsError(() => asErin.send(new LookupEventsCommand({})));
    expect(e).toMatchObject({ name: 'AccessDeniedException', status: 403 });
    expect(e.message).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/erin is not authorized to perform: cloudtrail:LookupEvents on resource: * because no identity-based policy allows the cloudtrail:LookupEvents action`,
    );
    await t.server.services.audit!.flush();
    const [denied] = await by('EventSource', 'cloudtrail.amazonaws.com').then((es) =>
      es.filter((x) => x.Username === 'erin'),
    );
    expect(JSON.parse(denied!.CloudTrailEvent!)).toMatchObject({
      eventName: 'LookupEvents',
      errorCode: 'AccessDenied',
      errorMessage: e.message,
    });
  });
});

const CASES: [CliVersion, Backend][] = CLI_VERSIONS.flatMap((v) =>
  BACKENDS.map((b): [CliVersion, Backend] => [v, b]),
);

describeEachCli(CASES)('aws %s cloudtrail lookup-events on %s', { timeout: 120_000 }, (version, backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
    await fixture(t);
  });
  afterAll(() => t.destroy());

  it('looks up events by user name and decodes CloudTrailEvent', async () => {
    const cli = await awsCli(version, t.url, t.root);
    const out = await cli.json<{
      Events: { EventName: string; Username: string; CloudTrailEvent: string }[];
    }>([
      'cloudtrail',
      'lookup-events',
      '--region',
      'us-east-1',
      '--lookup-attributes',
      'AttributeKey=Username,AttributeValue=erin',
    ]);
    expect(out.Events.map((e) => e.EventName)).toEqual(['ListUsers']);
    expect(JSON.parse(out.Events[0]!.CloudTrailEvent)).toMatchObject({
      eventSource: 'iam.amazonaws.com',
      userIdentity: { type: 'IAMUser', userName: 'erin' },
    });
  });

  it('pages through every event with --max-items', async () => {
    const cli = await awsCli(version, t.url, t.root);
    const out = await cli.json<{ Events: { EventName: string }[] }>([
      'cloudtrail',
      'lookup-events',
      '--region',
      'us-east-1',
      '--page-size',
      '1',
      '--lookup-attributes',
      'AttributeKey=ResourceName,AttributeValue=erin',
    ]);
    expect(out.Events.map((e) => e.EventName)).toEqual(['CreateAccessKey', 'PutUserPolicy', 'CreateUser']);
  });
});
