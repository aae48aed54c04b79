// Service-specific credentials with the real AWS SDK v3 and AWS CLI, on each storage backend: user
// names and passwords for CodeCommit and Keyspaces, API keys for Bedrock (expiring after
// CredentialAgeDays, then listed as Expired); list, reset, update, delete; AWS's errors; the secret
// shown by create and reset only, sealed at rest, and in no audit event or log line.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateServiceSpecificCredential.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_service-specific-creds.html
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import {
  CreateAccessKeyCommand,
  CreateServiceSpecificCredentialCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteServiceSpecificCredentialCommand,
  DeleteUserCommand,
  IAMClient,
  ListServiceSpecificCredentialsCommand,
  PutUserPolicyCommand,
  ResetServiceSpecificCredentialCommand,
  UpdateServiceSpecificCredentialCommand,
  type ListServiceSpecificCredentialsCommandInput,
  type StatusType,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_CREDENTIAL_SECRET_PURPOSE } from '../../src/domain/service-specific-credentials.ts';
import { awsCli, CLI_VERSIONS, describeEachCli, type AwsCli } from '../support/aws-cli.ts';
import {
  awsError,
  BACKENDS,
  startTestServer,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const CODECOMMIT = 'codecommit.amazonaws.com';
const KEYSPACES = 'cassandra.amazonaws.com';
const BEDROCK = 'bedrock.amazonaws.com';
const DAY = 86_400_000;

describe.each(BACKENDS)('service-specific credentials on %s', (backend) => {
  let t: TestServer;
  // a clock the tests move forward (to expire API keys); clients sign with the same offset
  let now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const iam = (creds: Credentials = t.root) =>
    new IAMClient({
      endpoint: t.url,
      region: 'us-east-1',
      credentials: creds,
      maxAttempts: 1,
      systemClockOffset: now.getTime() - Date.now(),
    });
  /** Every secret a response has shown, to look for in the audit trail and the log. */
  const secrets: string[] = [];

  const create = async (UserName: string, ServiceName: string, CredentialAgeDays?: number) => {
    const out = await iam().send(
      new CreateServiceSpecificCredentialCommand({ UserName, ServiceName, CredentialAgeDays }),
    );
    const cred = out.ServiceSpecificCredential!;
    secrets.push(cred.ServicePassword ?? cred.ServiceCredentialSecret!);
    // one second between creations, so that creation order is list order
    now = new Date(now.getTime() + 1000);
    return cred;
  };
  const list = async (input: ListServiceSpecificCredentialsCommandInput) =>
    (await iam().send(new ListServiceSpecificCredentialsCommand(input))).ServiceSpecificCredentials!;

  beforeAll(async () => {
    t = await startTestServer(backend, { clock: { now: () => now } });
    for (const name of ['alice', 'bob', 'carol', 'dave'])
      await iam().send(new CreateUserCommand({ UserName: name }));
  });
  afterAll(() => t.destroy());

  it('creates a CodeCommit user name and password with an ACCA id', async () => {
    const at = now;
    const cred = await create('alice', CODECOMMIT);
    expect(cred.ServiceSpecificCredentialId).toMatch(/^ACCA[A-Z2-7]{17}$/);
    expect(cred).toMatchObject({
      UserName: 'alice',
      ServiceName: CODECOMMIT,
      ServiceUserName: `alice-at-${ACCOUNT}`,
      Status: 'Active',
    });
    expect(cred.ServicePassword).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(cred.ServiceCredentialAlias).toBeUndefined();
    expect(cred.ServiceCredentialSecret).toBeUndefined();
    expect(cred.ExpirationDate).toBeUndefined();
    expect(cred.CreateDate).toEqual(at);
  });

  it('names a second credential for the same service <user>+1-at-<account>', async () => {
    const second = await create('alice', CODECOMMIT);
    expect(second.ServiceUserName).toBe(`alice+1-at-${ACCOUNT}`);
    const keyspaces = await create('alice', KEYSPACES);
    expect(keyspaces).toMatchObject({ ServiceName: KEYSPACES, ServiceUserName: `alice-at-${ACCOUNT}` });
  });

  it('refuses a third credential for one user and service with LimitExceeded', async () => {
    const err = await awsError(() => create('alice', CODECOMMIT));
    expect(err).toMatchObject({
      name: 'LimitExceededException',
      code: 'LimitExceeded',
      status: 409,
      message: 'Cannot exceed quota for ServiceSpecificCredentialsPerUser: 2',
    });
  });

  it('creates a Bedrock API key: an alias and a secret, and an expiration date for CredentialAgeDays', async () => {
    const at = now;
    const key = await create('bob', BEDROCK, 30);
    expect(key).toMatchObject({
      UserName: 'bob',
      ServiceName: BEDROCK,
      ServiceCredentialAlias: `bob-at-${ACCOUNT}`,
      Status: 'Active',
    });
    expect(key.ServiceCredentialSecret).toMatch(/^ABSK[A-Za-z0-9+/=]+$/);
    const decoded = Buffer.from(key.ServiceCredentialSecret!.slice(4), 'base64').toString();
    expect(decoded.startsWith(`bob-at-${ACCOUNT}:`)).toBe(true);
    expect(key.ServicePassword).toBeUndefined();
    expect(key.ServiceUserName).toBeUndefined();
    expect(key.ExpirationDate).toEqual(new Date(at.getTime() + 30 * DAY));

    const forever = await create('bob', BEDROCK);
    expect(forever.ServiceCredentialAlias).toBe(`bob+1-at-${ACCOUNT}`);
    expect(forever.ExpirationDate).toBeUndefined();
  });

  it('refuses CredentialAgeDays for a service that takes a user name and password', async () => {
    const err = await awsError(() => create('carol', CODECOMMIT, 10));
    expect(err).toMatchObject({ code: 'InvalidInput', status: 400 });
  });

  it('lists a user’s credentials oldest first, without secrets, filtered by service and in pages', async () => {
    const all = await list({ UserName: 'alice' });
    expect(all.map((c) => c.ServiceName)).toEqual([CODECOMMIT, CODECOMMIT, KEYSPACES]);
    for (const c of all) {
      expect(c).toMatchObject({ UserName: 'alice', Status: 'Active' });
      expect(Object.keys(c)).not.toContain('ServicePassword');
      expect(Object.keys(c)).not.toContain('ServiceCredentialSecret');
    }
    expect((await list({ UserName: 'alice', ServiceName: KEYSPACES })).map((c) => c.ServiceName)).toEqual([
      KEYSPACES,
    ]);
    const first = await iam().send(
      new ListServiceSpecificCredentialsCommand({ UserName: 'alice', MaxItems: 2 }),
    );
    expect(first.IsTruncated).toBe(true);
    expect(first.ServiceSpecificCredentials).toEqual(all.slice(0, 2));
    const rest = await iam().send(
      new ListServiceSpecificCredentialsCommand({ UserName: 'alice', MaxItems: 2, Marker: first.Marker }),
    );
    expect(rest.IsTruncated).toBe(false);
    expect(rest.ServiceSpecificCredentials).toEqual(all.slice(2));

    const keys = await list({ UserName: 'bob' });
    expect(keys[0]).toMatchObject({ ServiceCredentialAlias: `bob-at-${ACCOUNT}` });
    expect(keys[0]!.ExpirationDate).toBeInstanceOf(Date);
    expect(keys[0]!.ServiceUserName).toBeUndefined();
  });

  it('lists every user’s credentials with AllUsers, and refuses AllUsers with UserName', async () => {
    const all = await list({ AllUsers: true });
    expect(all.map((c) => c.UserName).sort()).toEqual(['alice', 'alice', 'alice', 'bob', 'bob']);
    expect((await list({ AllUsers: true, ServiceName: BEDROCK })).map((c) => c.UserName)).toEqual([
      'bob',
      'bob',
    ]);
    const err = await awsError(() => list({ AllUsers: true, UserName: 'alice' }));
    expect(err).toMatchObject({ code: 'InvalidInput', status: 400 });
  });

  it('lists the calling user’s credentials when UserName is omitted, and none for the root', async () => {
    await iam().send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'own-credentials',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'iam:ListServiceSpecificCredentials',
              Resource: `arn:aws:iam::${ACCOUNT}:user/alice`,
            },
          ],
        }),
      }),
    );
    const { AccessKey } = await iam().send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    const alice = iam({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    const own = await alice.send(new ListServiceSpecificCredentialsCommand({}));
    expect(own.ServiceSpecificCredentials!.map((c) => c.UserName)).toEqual(['alice', 'alice', 'alice']);
    // AllUsers is authorized on every user, which alice's policy does not grant
    const denied = await awsError(() =>
      alice.send(new ListServiceSpecificCredentialsCommand({ AllUsers: true })),
    );
    expect(denied).toMatchObject({ code: 'AccessDenied', status: 403 });
    await iam().send(new DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: AccessKey!.AccessKeyId! }));
    expect(await list({})).toEqual([]);
  });

  it('resets a password: a new one, shown once, and the old one replaced at rest', async () => {
    const [cred] = await list({ UserName: 'alice', ServiceName: KEYSPACES });
    const id = cred!.ServiceSpecificCredentialId!;
    const before = await t.server.store.read((r) => r.serviceSpecificCredentials.get(id));
    const out = await iam().send(
      new ResetServiceSpecificCredentialCommand({ UserName: 'alice', ServiceSpecificCredentialId: id }),
    );
    const reset = out.ServiceSpecificCredential!;
    secrets.push(reset.ServicePassword!);
    expect(reset).toMatchObject({
      ServiceSpecificCredentialId: id,
      ServiceUserName: `alice-at-${ACCOUNT}`,
      ServiceName: KEYSPACES,
      Status: 'Active',
    });
    expect(reset.ServicePassword).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const after = await t.server.store.read((r) => r.serviceSpecificCredentials.get(id));
    const sealer = t.server.services.sealer;
    expect(sealer.open(after!.secret_sealed, SERVICE_CREDENTIAL_SECRET_PURPOSE)).toBe(reset.ServicePassword);
    expect(sealer.open(before!.secret_sealed, SERVICE_CREDENTIAL_SECRET_PURPOSE)).not.toBe(
      reset.ServicePassword,
    );
  });

  it('resets an API key with a new secret for the same alias', async () => {
    const [key] = await list({ UserName: 'bob' });
    const out = await iam().send(
      new ResetServiceSpecificCredentialCommand({
        UserName: 'bob',
        ServiceSpecificCredentialId: key!.ServiceSpecificCredentialId!,
      }),
    );
    const reset = out.ServiceSpecificCredential!;
    secrets.push(reset.ServiceCredentialSecret!);
    expect(reset.ServiceCredentialAlias).toBe(`bob-at-${ACCOUNT}`);
    expect(reset.ServiceCredentialSecret).toMatch(/^ABSK/);
    expect(reset.ServicePassword).toBeUndefined();
  });

  it('keeps every secret sealed at rest', async () => {
    const rows = await t.server.store.read((r) => r.serviceSpecificCredentials.listInAccount(ACCOUNT));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.secret_sealed).toMatch(/^v1\./);
      for (const s of secrets) expect(row.secret_sealed).not.toContain(s);
    }
  });

  it('makes a credential Inactive and Active again, and refuses another status', async () => {
    const [cred] = await list({ UserName: 'alice' });
    const id = cred!.ServiceSpecificCredentialId!;
    const update = (Status: string) =>
      iam().send(
        new UpdateServiceSpecificCredentialCommand({
          UserName: 'alice',
          ServiceSpecificCredentialId: id,
          Status: Status as StatusType,
        }),
      );
    await update('Inactive');
    expect((await list({ UserName: 'alice' }))[0]!.Status).toBe('Inactive');
    await update('Active');
    expect((await list({ UserName: 'alice' }))[0]!.Status).toBe('Active');
    expect(await awsError(() => update('Expired'))).toMatchObject({ code: 'InvalidInput', status: 400 });
  });

  it('answers NotSupportedService for a service AWS issues no credentials for', async () => {
    for (const call of [
      () => create('carol', 's3.amazonaws.com'),
      () => list({ UserName: 'carol', ServiceName: 'codecommit' }),
    ])
      expect(await awsError(call)).toMatchObject({
        name: 'ServiceNotSupportedException',
        code: 'NotSupportedService',
        status: 404,
      });
    expect(await awsError(() => create('carol', 's3.amazonaws.com'))).toMatchObject({
      message: 'No such service s3.amazonaws.com is supported for Service Specific Credentials',
    });
  });

  it('answers NoSuchEntity for an unknown user, an unknown credential and another user’s credential', async () => {
    const aliceCred = (await list({ UserName: 'alice' }))[0]!.ServiceSpecificCredentialId!;
    const cases = [
      () => create('nobody', CODECOMMIT),
      () => list({ UserName: 'nobody' }),
      () =>
        iam().send(
          new ResetServiceSpecificCredentialCommand({
            UserName: 'bob',
            ServiceSpecificCredentialId: aliceCred,
          }),
        ),
      () =>
        iam().send(
          new UpdateServiceSpecificCredentialCommand({
            UserName: 'bob',
            ServiceSpecificCredentialId: aliceCred,
            Status: 'Inactive',
          }),
        ),
      () =>
        iam().send(
          new DeleteServiceSpecificCredentialCommand({
            UserName: 'alice',
            ServiceSpecificCredentialId: 'ACCAAAAAAAAAAAAAAAAAA',
          }),
        ),
    ];
    for (const call of cases)
      expect(await awsError(call)).toMatchObject({
        name: 'NoSuchEntityException',
        code: 'NoSuchEntity',
        status: 404,
      });
    expect(
      await awsError(() =>
        iam().send(
          new DeleteServiceSpecificCredentialCommand({
            UserName: 'bob',
            ServiceSpecificCredentialId: aliceCred,
          }),
        ),
      ),
    ).toMatchObject({ message: `No such credential ${aliceCred} exists` });
  });

  it('keeps a user with credentials from being deleted until they are deleted', async () => {
    const err = await awsError(() => iam().send(new DeleteUserCommand({ UserName: 'bob' })));
    expect(err).toMatchObject({
      name: 'DeleteConflictException',
      code: 'DeleteConflict',
      status: 409,
      message: 'Cannot delete entity, must remove referenced objects first.',
    });
    for (const c of await list({ UserName: 'bob' }))
      await iam().send(
        new DeleteServiceSpecificCredentialCommand({
          UserName: 'bob',
          ServiceSpecificCredentialId: c.ServiceSpecificCredentialId!,
        }),
      );
    expect(await list({ UserName: 'bob' })).toEqual([]);
    await iam().send(new DeleteUserCommand({ UserName: 'bob' }));
  });

  it('puts no password or API key secret in the audit trail or the log', async () => {
    await t.server.services.audit!.flush();
    const trail = new CloudTrailClient({
      endpoint: t.url,
      region: 'us-east-1',
      credentials: t.root,
      maxAttempts: 1,
      systemClockOffset: now.getTime() - Date.now(),
    });
    const records: Record<string, unknown>[] = [];
    for (const name of ['CreateServiceSpecificCredential', 'ResetServiceSpecificCredential']) {
      const out = await trail.send(
        new LookupEventsCommand({
          LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: name }],
          StartTime: new Date(now.getTime() - 60 * DAY),
          EndTime: now,
        }),
      );
      expect(out.Events!.length, name).toBeGreaterThan(0);
      records.push(...out.Events!.map((e) => JSON.parse(e.CloudTrailEvent!) as Record<string, unknown>));
    }
    const created = records.find(
      (r) => r.eventName === 'CreateServiceSpecificCredential' && r.responseElements !== null,
    );
    expect(created?.responseElements).toMatchObject({
      serviceSpecificCredential: { serviceSpecificCredentialId: expect.stringMatching(/^ACCA/) },
    });
    const text = JSON.stringify(records) + t.log.text();
    expect(secrets).toHaveLength(7);
    for (const s of secrets) expect(text).not.toContain(s);
  });

  // last: the clock moves a month on, past what the CloudTrail client above could sign for
  it('lists an API key past its CredentialAgeDays as Expired', async () => {
    await create('carol', BEDROCK, 1);
    await create('carol', BEDROCK);
    now = new Date(now.getTime() + 2 * DAY);
    const keys = await list({ UserName: 'carol' });
    expect(keys.map((k) => k.Status)).toEqual(['Expired', 'Active']);
    expect(keys[0]!.ExpirationDate!.getTime()).toBeLessThan(now.getTime());
  });
});

describeEachCli(CLI_VERSIONS.flatMap((v) => BACKENDS.map((b) => [v, b] as const)))(
  'service-specific credentials with AWS CLI %s on %s',
  { timeout: 120_000 },
  (version, backend) => {
    let t: TestServer;
    let aws: AwsCli;
    beforeAll(async () => {
      t = await startTestServer(backend);
      aws = await awsCli(version, t.url, t.root);
      await t.iam().send(new CreateUserCommand({ UserName: 'cli-user' }));
    });
    afterAll(() => t?.destroy());

    it('creates, lists and deletes a CodeCommit credential', async () => {
      type Cred = { ServiceSpecificCredentialId: string; ServiceUserName: string; ServicePassword?: string };
      const made = await aws.json<{ ServiceSpecificCredential: Cred }>([
        'iam',
        'create-service-specific-credential',
        '--user-name',
        'cli-user',
        '--service-name',
        CODECOMMIT,
      ]);
      expect(made.ServiceSpecificCredential).toMatchObject({ ServiceUserName: `cli-user-at-${ACCOUNT}` });
      expect(made.ServiceSpecificCredential.ServicePassword).toMatch(/=$/);
      const id = made.ServiceSpecificCredential.ServiceSpecificCredentialId;
      const listed = await aws.json<{ ServiceSpecificCredentials: Cred[] }>([
        'iam',
        'list-service-specific-credentials',
        '--user-name',
        'cli-user',
        '--service-name',
        CODECOMMIT,
      ]);
      expect(listed.ServiceSpecificCredentials.map((c) => c.ServiceSpecificCredentialId)).toEqual([id]);
      expect(listed.ServiceSpecificCredentials[0]!.ServicePassword).toBeUndefined();
      await aws.json([
        'iam',
        'delete-service-specific-credential',
        '--user-name',
        'cli-user',
        '--service-specific-credential-id',
        id,
      ]);
      const again = await aws.run([
        'iam',
        'delete-service-specific-credential',
        '--user-name',
        'cli-user',
        '--service-specific-credential-id',
        id,
      ]);
      expect(again.status).not.toBe(0);
      expect(again.stderr).toContain('NoSuchEntity');
    });
  },
);
