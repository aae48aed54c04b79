// Workload credentials with the real AWS SDK v3: an instance carrying an instance profile gets its
// role's credentials through the SDK's default provider chain — from the IMDSv2 endpoint or from the
// container-credentials endpoint — with no keys configured, STS says who they are, and they are
// refreshed before they expire (a controllable clock, not sleeping). On each storage backend.
import { Sha256 } from '@aws-crypto/sha256-js';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import {
  AddRoleToInstanceProfileCommand,
  CreateAccessKeyCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  CreateUserCommand,
  PutUserPolicyCommand,
  RemoveRoleFromInstanceProfileCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  startImdsEndpoint,
  remoteMetadataSource,
  type ImdsEndpoint,
} from '../../src/server/workload-credentials/imds-endpoint.ts';
import {
  awsError,
  BACKENDS,
  ROOT,
  startTestServer,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const EC2_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const LAMBDA_TRUST = EC2_TRUST.replace('ec2.amazonaws.com', 'lambda.amazonaws.com');

interface RunResult {
  Instance: { InstanceId: string; Name: string; RoleArn: string | null; InstanceProfileArn: string };
  AuthorizationToken: string;
  ContainerCredentialsPath: string;
}

/** A request to the instances API, SigV4-signed as the SDKs sign. */
async function signed(
  t: TestServer,
  method: string,
  path: string,
  body?: unknown,
  creds: Credentials = ROOT,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = new URL(t.url);
  const text = body === undefined ? '' : JSON.stringify(body);
  const signer = new SignatureV4({ credentials: creds, region: 'us-east-1', service: 'ec2', sha256: Sha256 });
  const req = await signer.sign({
    method,
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path,
    headers: { host: url.host, 'content-type': 'application/json' },
    ...(text ? { body: text } : {}),
  });
  const res = await fetch(t.url + path, {
    method,
    headers: req.headers,
    ...(text ? { body: text } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function run(t: TestServer, name: string, profile: string, creds?: Credentials): Promise<RunResult> {
  const r = await signed(
    t,
    'POST',
    '/_tessera/instances',
    { Name: name, InstanceProfileName: profile },
    creds,
  );
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as unknown as RunResult;
}

/** Only what the workload would have: no keys, no profiles — the given endpoint variables. */
function workloadEnv(vars: Record<string, string>): void {
  for (const name of [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_PROFILE',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_ROLE_ARN',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_AUTHORIZATION_TOKEN',
    'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
    'AWS_EC2_METADATA_SERVICE_ENDPOINT',
    'AWS_EC2_METADATA_DISABLED',
    'AWS_EC2_METADATA_V1_DISABLED',
  ])
    vi.stubEnv(name, undefined);
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/tessera/credentials');
  vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/tessera/config');
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
}

function stsWith(t: TestServer, credentials: AwsCredentialIdentityProvider): STSClient {
  return new STSClient({ endpoint: t.url, region: 'us-east-1', credentials, maxAttempts: 1 });
}

async function imdsToken(imds: ImdsEndpoint, ttl = '21600'): Promise<string> {
  const res = await fetch(imds.url + '/latest/api/token', {
    method: 'PUT',
    headers: { 'x-aws-ec2-metadata-token-ttl-seconds': ttl },
  });
  expect(res.status).toBe(200);
  return res.text();
}

/** Sets up the roles and profiles; a fresh client per call, so no client carries a clock offset. */
async function setUpRoles(t: TestServer): Promise<string> {
  const role = await t
    .iam()
    .send(new CreateRoleCommand({ RoleName: 'web', AssumeRolePolicyDocument: EC2_TRUST }));
  await t.iam().send(new CreateInstanceProfileCommand({ InstanceProfileName: 'WebProfile' }));
  await t
    .iam()
    .send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'WebProfile', RoleName: 'web' }));
  await t.iam().send(new CreateRoleCommand({ RoleName: 'fn', AssumeRolePolicyDocument: LAMBDA_TRUST }));
  await t.iam().send(new CreateInstanceProfileCommand({ InstanceProfileName: 'FnProfile' }));
  await t
    .iam()
    .send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'FnProfile', RoleName: 'fn' }));
  await t.iam().send(new CreateInstanceProfileCommand({ InstanceProfileName: 'Empty' }));
  return role.Role!.RoleId!;
}

describe.each(BACKENDS)('workload credentials on %s', (backend) => {
  let t: TestServer;
  let roleId: string;
  let web: RunResult;
  let imds: ImdsEndpoint;

  beforeAll(async () => {
    t = await startTestServer(backend);
    roleId = await setUpRoles(t);
    web = await run(t, 'web-1', 'WebProfile');
    imds = await startImdsEndpoint({
      source: remoteMetadataSource(t.url, web.Instance.InstanceId, web.AuthorizationToken),
    });
  });
  afterAll(async () => {
    await imds.close();
    await t.destroy();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('runs an instance with an i- id carrying its profile and role, and lists it', async () => {
    expect(web.Instance.InstanceId).toMatch(/^i-[0-9a-f]{17}$/);
    expect(web.Instance.InstanceProfileArn).toBe(`arn:aws:iam::${ACCOUNT}:instance-profile/WebProfile`);
    expect(web.Instance.RoleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/web`);
    expect(web.AuthorizationToken.length).toBeGreaterThanOrEqual(40);
    const list = await signed(t, 'GET', '/_tessera/instances');
    expect(list.status).toBe(200);
    expect((list.body.Instances as { Name: string }[]).map((i) => i.Name)).toEqual(['web-1']);
  });

  it('refuses a second instance with the same name and a profile that does not exist', async () => {
    const dup = await signed(t, 'POST', '/_tessera/instances', {
      Name: 'WEB-1',
      InstanceProfileName: 'WebProfile',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.Error).toEqual({
      Code: 'EntityAlreadyExists',
      Message: 'Instance WEB-1 already exists.',
    });
    const missing = await signed(t, 'POST', '/_tessera/instances', {
      Name: 'x',
      InstanceProfileName: 'Nope',
    });
    expect(missing.status).toBe(404);
    expect(missing.body.Error).toEqual({
      Code: 'NoSuchEntity',
      Message: 'Instance Profile Nope cannot be found.',
    });
  });

  it('refuses the instances API to unsigned callers', async () => {
    const res = await fetch(t.url + '/_tessera/instances');
    expect(res.status).toBe(403);
    expect(((await res.json()) as { Error: { Code: string } }).Error.Code).toBe('MissingAuthenticationToken');
  });

  it('requires iam:PassRole of the role to ec2.amazonaws.com to run an instance', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'launcher' }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'launcher' }))).AccessKey!;
    const creds = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    const allow = (statements: object[]) =>
      iam.send(
        new PutUserPolicyCommand({
          UserName: 'launcher',
          PolicyName: 'launch',
          PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statements }),
        }),
      );
    await allow([{ Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' }]);
    const denied = await signed(
      t,
      'POST',
      '/_tessera/instances',
      { Name: 'l-1', InstanceProfileName: 'WebProfile' },
      creds,
    );
    expect(denied.status).toBe(403);
    expect(denied.body.Error).toEqual({
      Code: 'AccessDenied',
      Message: `User: arn:aws:iam::${ACCOUNT}:user/launcher is not authorized to perform: iam:PassRole on resource: arn:aws:iam::${ACCOUNT}:role/web because no identity-based policy allows the iam:PassRole action`,
    });
    // passing the role to another service does not count
    await allow([
      { Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' },
      {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: `arn:aws:iam::${ACCOUNT}:role/web`,
        Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
      },
    ]);
    expect(
      (
        await signed(
          t,
          'POST',
          '/_tessera/instances',
          { Name: 'l-1', InstanceProfileName: 'WebProfile' },
          creds,
        )
      ).status,
    ).toBe(403);
    await allow([
      { Effect: 'Allow', Action: ['ec2:RunInstances', 'ec2:TerminateInstances'], Resource: '*' },
      {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: `arn:aws:iam::${ACCOUNT}:role/web`,
        Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
      },
    ]);
    const ok = await run(t, 'l-1', 'WebProfile', creds);
    expect(ok.Instance.RoleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/web`);
    expect((await signed(t, 'DELETE', '/_tessera/instances/l-1', undefined, creds)).status).toBe(200);
  });

  it('IMDSv2: answers only with a token, whose TTL must be 1 to 21600 seconds', async () => {
    const path = imds.url + '/latest/meta-data/iam/security-credentials/';
    expect((await fetch(path)).status).toBe(401);
    expect((await fetch(path, { headers: { 'x-aws-ec2-metadata-token': 'forged.token' } })).status).toBe(401);
    for (const ttl of ['0', '21601', 'abc'])
      expect(
        (
          await fetch(imds.url + '/latest/api/token', {
            method: 'PUT',
            headers: { 'x-aws-ec2-metadata-token-ttl-seconds': ttl },
          })
        ).status,
      ).toBe(400);
    expect((await fetch(imds.url + '/latest/api/token', { method: 'PUT' })).status).toBe(400);
    const token = await imdsToken(imds, '60');
    const res = await fetch(path, { headers: { 'x-aws-ec2-metadata-token': token } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('web');
  });

  it('IMDSv2: serves the instance id, iam/info and the credentials JSON exactly as EC2 does', async () => {
    const token = await imdsToken(imds);
    const get = async (p: string) => {
      const res = await fetch(imds.url + p, { headers: { 'x-aws-ec2-metadata-token': token } });
      return { status: res.status, text: await res.text() };
    };
    expect((await get('/latest/meta-data/instance-id')).text).toBe(web.Instance.InstanceId);
    const info = JSON.parse((await get('/latest/meta-data/iam/info')).text) as Record<string, string>;
    expect(info).toEqual({
      Code: 'Success',
      LastUpdated: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      InstanceProfileArn: `arn:aws:iam::${ACCOUNT}:instance-profile/WebProfile`,
      InstanceProfileId: expect.stringMatching(/^AIPA/),
    });
    const raw = await get('/latest/meta-data/iam/security-credentials/web');
    expect(raw.text).toMatch(/^\{\n {2}"Code" : "Success",\n/);
    const creds = JSON.parse(raw.text) as Record<string, string>;
    expect(Object.keys(creds)).toEqual([
      'Code',
      'LastUpdated',
      'Type',
      'AccessKeyId',
      'SecretAccessKey',
      'Token',
      'Expiration',
    ]);
    expect(creds.Type).toBe('AWS-HMAC');
    expect(creds.AccessKeyId).toMatch(/^ASIA/);
    expect(creds.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect((await get('/latest/meta-data/iam/security-credentials/other')).status).toBe(404);
    expect((await get('/latest/meta-data/nothing-here')).status).toBe(404);
  });

  it("gives the SDK's default provider chain the role's credentials from IMDS, with no keys configured", async () => {
    workloadEnv({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url });
    const provider = defaultProvider();
    const creds = await provider();
    expect(creds.accessKeyId).toMatch(/^ASIA/);
    expect(creds.expiration!.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    const who = await stsWith(t, provider).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/web/${web.Instance.InstanceId}`);
    expect(who.UserId).toBe(`${roleId}:${web.Instance.InstanceId}`);
    expect(who.Account).toBe(ACCOUNT);
  });

  it("gives the SDK's default provider chain the role's credentials from the container endpoint", async () => {
    workloadEnv({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: t.url + web.ContainerCredentialsPath,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: web.AuthorizationToken,
    });
    const provider = defaultProvider();
    const who = await stsWith(t, provider).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/web/${web.Instance.InstanceId}`);
  });

  it('serves the container JSON only for the right authorization token', async () => {
    const url = t.url + web.ContainerCredentialsPath;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'wrong' } })).status).toBe(401);
    expect(
      (
        await fetch(t.url + '/_tessera/container-credentials/i-0123456789abcdef0', {
          headers: { authorization: web.AuthorizationToken },
        })
      ).status,
    ).toBe(401);
    const res = await fetch(url, { headers: { authorization: web.AuthorizationToken } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(Object.keys(body)).toEqual(['AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration', 'RoleArn']);
    expect(body.RoleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/web`);
    // the session handed to the instance is in the role account's trail, as EC2's AssumeRole is
    await t.server.services.audit!.flush();
    const events = await t.server.store.read((repos) =>
      repos.auditEvents.lookup({
        accountId: ACCOUNT,
        attribute: { key: 'AccessKeyId', value: body.AccessKeyId! },
        limit: 10,
      }),
    );
    const issued = (
      await t.server.store.read((repos) =>
        repos.auditEvents.lookup({
          accountId: ACCOUNT,
          attribute: { key: 'EventName', value: 'GetInstanceCredentials' },
          limit: 50,
        }),
      )
    ).map((e) => JSON.parse(e.record) as { responseElements: { credentials: { accessKeyId: string } } });
    expect(issued.map((e) => e.responseElements.credentials.accessKeyId)).toContain(body.AccessKeyId);
    expect(issued[0]).toMatchObject({
      eventSource: 'credentials.tessera.internal',
      userIdentity: { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' },
      requestParameters: { roleArn: `arn:aws:iam::${ACCOUNT}:role/web` },
      resources: [{ ARN: `arn:aws:iam::${ACCOUNT}:role/web`, accountId: ACCOUNT, type: 'AWS::IAM::Role' }],
    });
    expect(JSON.stringify(issued)).not.toContain(body.SecretAccessKey);
    expect(JSON.stringify(issued)).not.toContain(body.Token);
    // calls made with the credentials are the instance's own events
    expect(events.every((e) => e.eventSource !== 'credentials.tessera.internal')).toBe(true);
  });

  it('issues nothing for a role whose trust policy does not let EC2 assume it, or a profile without a role', async () => {
    const fn = await run(t, 'fn-1', 'FnProfile');
    const denied = await fetch(t.url + fn.ContainerCredentialsPath, {
      headers: { authorization: fn.AuthorizationToken },
    });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { Code: string }).Code).toBe('AssumeRoleUnauthorizedAccess');
    const empty = await run(t, 'empty-1', 'Empty');
    expect(empty.Instance.RoleArn).toBeNull();
    const none = await fetch(t.url + empty.ContainerCredentialsPath, {
      headers: { authorization: empty.AuthorizationToken },
    });
    expect(none.status).toBe(404);
  });

  it('stops serving credentials once the instance is terminated', async () => {
    const tmp = await run(t, 'tmp-1', 'WebProfile');
    const url = t.url + tmp.ContainerCredentialsPath;
    expect((await fetch(url, { headers: { authorization: tmp.AuthorizationToken } })).status).toBe(200);
    const tmpImds = await startImdsEndpoint({
      source: remoteMetadataSource(t.url, tmp.Instance.InstanceId, tmp.AuthorizationToken),
    });
    try {
      const token = await imdsToken(tmpImds);
      const role = () =>
        fetch(tmpImds.url + '/latest/meta-data/iam/security-credentials/web', {
          headers: { 'x-aws-ec2-metadata-token': token },
        });
      expect((await role()).status).toBe(200);
      const del = await signed(t, 'DELETE', `/_tessera/instances/${tmp.Instance.InstanceId}`);
      expect(del.status).toBe(200);
      expect((await role()).status).toBe(404);
    } finally {
      await tmpImds.close();
    }
    expect((await fetch(url, { headers: { authorization: tmp.AuthorizationToken } })).status).toBe(401);
    expect((await signed(t, 'DELETE', '/_tessera/instances/tmp-1')).status).toBe(404);
  });
});

describe.each(BACKENDS)('workload credential refresh on %s', (backend) => {
  // Date is faked for the whole process, so the SDK (which compares Expiration with Date.now())
  // and the server's clock move together. Node's own HTTP Date header keeps real time, which the
  // SDK clients would take as clock skew: each call therefore uses a fresh client.
  const clock = { now: () => new Date() };
  let t: TestServer;
  let web: RunResult;
  let imds: ImdsEndpoint;

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2030-01-01T00:00:00Z') });
    t = await startTestServer(backend, { clock });
    await setUpRoles(t);
    web = await run(t, 'web-1', 'WebProfile');
    imds = await startImdsEndpoint({
      source: remoteMetadataSource(t.url, web.Instance.InstanceId, web.AuthorizationToken),
      clock,
    });
  });
  afterAll(async () => {
    await imds?.close();
    await t?.destroy();
    vi.useRealTimers();
    vi.unstubAllEnvs();
  });

  it('serves the same credentials until shortly before they expire, then new ones the SDK picks up', async () => {
    workloadEnv({ AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url });
    const provider = defaultProvider();
    const whoAmI = async () => (await stsWith(t, provider).send(new GetCallerIdentityCommand({}))).Arn;
    const first = await provider();
    expect(first.expiration).toEqual(new Date('2030-01-01T01:00:00Z'));
    expect(await whoAmI()).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/web/${web.Instance.InstanceId}`);

    // 40 minutes on: still fresh for the SDK and for the server
    vi.setSystemTime(new Date('2030-01-01T00:40:00Z'));
    expect((await provider()).accessKeyId).toBe(first.accessKeyId);
    expect((await defaultProvider()()).accessKeyId).toBe(first.accessKeyId);

    // 56 minutes on: within the SDK's 5-minute window, and the server has issued new credentials
    vi.setSystemTime(new Date('2030-01-01T00:56:00Z'));
    await provider(); // the SDK refreshes in the background while the old ones are still valid
    await vi.waitFor(async () => expect((await provider()).accessKeyId).not.toBe(first.accessKeyId), {
      timeout: 5000,
    });
    const second = await provider();
    expect(second.expiration).toEqual(new Date('2030-01-01T01:56:00Z'));
    expect(await whoAmI()).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/web/${web.Instance.InstanceId}`);

    // past the first expiry: the old credentials are refused, the provider's still work
    vi.setSystemTime(new Date('2030-01-01T01:01:00Z'));
    const old = await awsError(() => t.sts(first).send(new GetCallerIdentityCommand({})));
    expect(old.code).toBe('ExpiredToken');
    expect(await whoAmI()).toContain(web.Instance.InstanceId);
    expect((await provider()).accessKeyId).toBe(second.accessKeyId);
  });

  it('issues new credentials at once when the profile holds another role', async () => {
    const get = async () => {
      const res = await fetch(t.url + web.ContainerCredentialsPath, {
        headers: { authorization: web.AuthorizationToken },
      });
      return (await res.json()) as { AccessKeyId: string; RoleArn: string };
    };
    const before = await get();
    expect(before.RoleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/web`);
    await t.iam().send(new CreateRoleCommand({ RoleName: 'web2', AssumeRolePolicyDocument: EC2_TRUST }));
    await t
      .iam()
      .send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'WebProfile', RoleName: 'web' }));
    await t
      .iam()
      .send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'WebProfile', RoleName: 'web2' }));
    const after = await get();
    expect(after.RoleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/web2`);
    expect(after.AccessKeyId).not.toBe(before.AccessKeyId);
  });
});
