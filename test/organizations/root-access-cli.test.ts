// Centralized root access with the real AWS CLI, v1 and v2, on each backend: `aws iam
// list-organizations-features` and `aws sts assume-root` parse Tessera's replies, the session they
// print works as the member account's root, and a refusal prints AWS's error line. CLI v2 2.9 (Debian
// 12's) predates these operations (November 2024): it is given the IAM and STS models Tessera serves
// (AWS's own, as src/protocol/models holds them) through AWS_DATA_PATH, as `aws configure add-model`
// would; CLI v1 runs with its own.
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import {
  EnableOrganizationsRootCredentialsManagementCommand,
  EnableOrganizationsRootSessionsCommand,
} from '@aws-sdk/client-iam';
import {
  CreateOrganizationCommand,
  EnableAWSServiceAccessCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureAccount } from '../../src/domain/index.ts';
import {
  awsCli,
  CLI_VERSIONS,
  describeEachCli,
  type AwsCli,
  type CliResult,
  type CliVersion,
} from '../support/aws-cli.ts';
import { run } from '../support/external-programs.ts';
import {
  BACKENDS,
  startTestServer,
  type Backend,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';

const CASES: [CliVersion, Backend][] = CLI_VERSIONS.flatMap((v) =>
  BACKENDS.map((b): [CliVersion, Backend] => [v, b]),
);
const MANAGEMENT = '123456789012';
const MEMBER = '222222222222';
const MEMBER_ROOT: Credentials = {
  accessKeyId: `AKIAROOT${MEMBER}`,
  secretAccessKey: 'memberrootsecret'.padEnd(40, 'x'),
};
const AUDIT = 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials';

interface ModelJson {
  metadata: Record<string, unknown>;
  operations: Record<string, { input?: string; output?: string; resultWrapper?: string; errors?: string[] }>;
  shapes: Record<string, unknown>;
}

/**
 * Writes botocore's form of Tessera's IAM and STS models (service-2.json under <service>/<version>)
 * into `dir`: the same shapes, with the operations' HTTP binding and the metadata botocore reads.
 */
function writeCliModels(dir: string): void {
  for (const [service, serviceId] of [
    ['iam', 'IAM'],
    ['sts', 'STS'],
  ] as const) {
    const model = JSON.parse(
      readFileSync(path.join(import.meta.dirname, `../../src/protocol/models/${service}.json`), 'utf8'),
    ) as ModelJson;
    const version = String(model.metadata.apiVersion);
    const operations = Object.fromEntries(
      Object.entries(model.operations).map(([name, op]) => [
        name,
        {
          name,
          http: { method: 'POST', requestUri: '/' },
          ...(op.input ? { input: { shape: op.input } } : {}),
          ...(op.output
            ? {
                output: {
                  shape: op.output,
                  ...(op.resultWrapper ? { resultWrapper: op.resultWrapper } : {}),
                },
              }
            : {}),
          errors: (op.errors ?? []).map((shape) => ({ shape })),
        },
      ]),
    );
    const target = path.join(dir, service, version);
    mkdirSync(target, { recursive: true });
    writeFileSync(
      path.join(target, 'service-2.json'),
      JSON.stringify({
        version: '2.0',
        metadata: {
          ...model.metadata,
          endpointPrefix: service,
          serviceId,
          serviceFullName: serviceId,
          signatureVersion: 'v4',
          uid: `${service}-${version}`,
        },
        operations,
        shapes: model.shapes,
      }),
    );
  }
}

/** The CLI of `version` for `creds`; v2 with the models above on its data path. */
async function rootAccessCli(
  version: CliVersion,
  url: string,
  creds: Credentials,
  models: string,
): Promise<AwsCli> {
  const cli = await awsCli(version, url, creds);
  if (version === 'v1') return cli;
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  Object.assign(env, {
    AWS_ACCESS_KEY_ID: creds.accessKeyId,
    AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
    ...(creds.sessionToken ? { AWS_SESSION_TOKEN: creds.sessionToken } : {}),
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_DATA_PATH: models,
  });
  const runIt = async (args: string[]): Promise<CliResult> => {
    const r = await run(cli.executable, [...args, '--endpoint-url', url, '--output', 'json'], env);
    const text = r.stdout.trim();
    return { ...r, json: text ? (JSON.parse(text) as unknown) : undefined };
  };
  return {
    ...cli,
    run: runIt,
    async json<T>(args: string[]): Promise<T> {
      const r = await runIt(args);
      if (r.status !== 0) throw new Error(`aws ${args.join(' ')} exited ${r.status}: ${r.stderr.trim()}`);
      return (r.json ?? {}) as T;
    },
  };
}

interface CliCredentials {
  Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string };
}

describeEachCli(CASES)('aws %s centralized root access on %s', { timeout: 120_000 }, (version, backend) => {
  let t: TestServer;
  let models: string;
  let orgId: string;
  let operator: Credentials;

  beforeAll(async () => {
    models = mkdtempSync(path.join(tmpdir(), 'tessera-cli-models-'));
    writeCliModels(models);
    t = await startTestServer(backend);
    const { store, sealer } = t.server.services;
    const orgs = new OrganizationsClient({
      endpoint: t.url,
      region: 'us-east-1',
      credentials: t.root,
      maxAttempts: 1,
    });
    orgId = (await orgs.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }))).Organization!.Id!;
    await ensureAccount(store, sealer, MEMBER, new Date(), MEMBER_ROOT);
    const org = (await store.read((r) => r.organizations.byId(orgId)))!;
    await store.write(MANAGEMENT, (repos) =>
      repos.organizations.insertMember({
        account_id: MEMBER,
        org_id: orgId,
        parent_id: org.root_id,
        name: 'member',
        email: 'member@example.com',
        status: 'ACTIVE',
        joined_method: 'INVITED',
        joined_at: new Date().toISOString(),
      }),
    );
    await orgs.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'iam.amazonaws.com' }));
    const iam = t.iam();
    await iam.send(new EnableOrganizationsRootCredentialsManagementCommand({}));
    await iam.send(new EnableOrganizationsRootSessionsCommand({}));
    await iam.send(new CreateUserCommand({ UserName: 'operator' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'operator',
        PolicyName: 'root-tasks',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoot', Resource: `arn:aws:iam::${MEMBER}:root` }],
        }),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'operator' }))).AccessKey!;
    operator = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  });
  afterAll(async () => {
    await t.destroy();
    rmSync(models, { recursive: true, force: true });
  });

  it('lists the organization features', async () => {
    const cli = await rootAccessCli(version, t.url, t.root, models);
    const out = await cli.json(['iam', 'list-organizations-features']);
    expect(out).toEqual({
      OrganizationId: orgId,
      EnabledFeatures: ['RootSessions', 'RootCredentialsManagement'],
    });
  });

  it("assumes the member's root for a task and uses the session", async () => {
    const cli = await rootAccessCli(version, t.url, operator, models);
    const out = await cli.json<CliCredentials>([
      'sts',
      'assume-root',
      '--target-principal',
      MEMBER,
      '--task-policy-arn',
      `arn=${AUDIT}`,
      '--duration-seconds',
      '900',
    ]);
    expect(out.Credentials.AccessKeyId).toMatch(/^ASIA/);
    const session = await rootAccessCli(
      version,
      t.url,
      {
        accessKeyId: out.Credentials.AccessKeyId,
        secretAccessKey: out.Credentials.SecretAccessKey,
        sessionToken: out.Credentials.SessionToken,
      },
      models,
    );
    expect(await session.json(['sts', 'get-caller-identity'])).toEqual({
      UserId: MEMBER,
      Account: MEMBER,
      Arn: `arn:aws:iam::${MEMBER}:root`,
    });
    const keys = await session.json<{ AccessKeyMetadata: { AccessKeyId: string }[] }>([
      'iam',
      'list-access-keys',
    ]);
    expect(keys.AccessKeyMetadata.map((k) => k.AccessKeyId)).toEqual([MEMBER_ROOT.accessKeyId]);
    const denied = await session.run(['iam', 'list-users']);
    expect(denied.status).not.toBe(0);
    expect(denied.stderr).toContain(
      `An error occurred (AccessDenied) when calling the ListUsers operation: User: arn:aws:iam::${MEMBER}:root is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${MEMBER}:user/ with an explicit deny in a session policy`,
    );
  });

  it("prints AWS's error for a policy that is not a root task policy", async () => {
    const cli = await rootAccessCli(version, t.url, operator, models);
    const r = await cli.run([
      'sts',
      'assume-root',
      '--target-principal',
      MEMBER,
      '--task-policy-arn',
      'arn=arn:aws:iam::aws:policy/ReadOnlyAccess',
    ]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(
      'An error occurred (ValidationError) when calling the AssumeRoot operation: Request must contain valid AWS managed task policy ARN',
    );
  });
});
