// The IAM credential report with the real AWS SDK v3 IAM client on each backend, on a frozen clock that
// the tests move by hours (the clients sign at the same instant): the exact CSV AWS documents, a
// report kept four hours, then expired; and with the AWS CLI v1 and v2, generate then get.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GenerateCredentialReport.html
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetCredentialReport.html
import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  IAMClient,
  PutUserPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, hotp, timeStep } from '../../src/crypto/totp.ts';
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
const HOUR_MS = 60 * 60 * 1000;
const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,' +
  'password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,' +
  'access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
  'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,' +
  'access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,' +
  'cert_2_active,cert_2_last_rotated';
const NOT_PRESENT =
  'The request was rejected because the credential report does not exist. To generate a credential report, use GenerateCredentialReport.';
const EXPIRED =
  'The request was rejected because the most recent credential report has expired. To generate a new credential report, use GenerateCredentialReport.';
const STARTED = {
  State: 'STARTED',
  Description: 'No report exists. Starting a new report generation task',
};

/** A time as the report writes it. */
const at = (d: Date) => d.toISOString().slice(0, 19) + '+00:00';

describe.each(BACKENDS)('credential report on %s', (backend) => {
  let t: TestServer;
  // whole seconds, as the report and GeneratedTime show times
  let now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  const opts = (creds: Credentials) => ({
    endpoint: t.url,
    region: 'us-east-1',
    credentials: creds,
    maxAttempts: 1,
    // the clients sign at the server's frozen instant, however far the tests have moved it
    systemClockOffset: now.getTime() - Date.now(),
  });
  const iam = (creds: Credentials = t.root) => new IAMClient(opts(creds));
  const sts = (creds: Credentials) => new STSClient(opts(creds));
  const report = async (creds?: Credentials) => {
    const out = await iam(creds).send(new GetCredentialReportCommand({}));
    return { ...out, csv: Buffer.from(out.Content!).toString('utf8') };
  };

  const started = new Date(now);
  /** The instants the report must show, recorded as the set-up makes each thing. */
  const times = { alice: now, password: now, key1: now, key2: now, key1Used: now, bob: now, generated: now };

  beforeAll(async () => {
    t = await startTestServer(backend, { clock: { now: () => now } });
  });
  afterAll(() => t.destroy());

  it('answers ReportNotPresent (410) before any report was generated', async () => {
    const err = await awsError(() => iam().send(new GetCredentialReportCommand({})));
    expect(err).toMatchObject({
      name: 'CredentialReportNotPresentException',
      code: 'ReportNotPresent',
      status: 410,
      message: NOT_PRESENT,
    });
  });

  it('lists the root, then each user: password, MFA, two keys (one used, one never), and nothing', async () => {
    await iam().send(new UpdateAccountPasswordPolicyCommand({ MaxPasswordAge: 90 }));
    advance(1000);
    times.alice = now;
    await iam().send(new CreateUserCommand({ UserName: 'alice' }));
    advance(1000);
    times.password = now;
    await iam().send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'Str0ng-Passw0rd!' }));
    advance(1000);
    const device = (await iam().send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice' })))
      .VirtualMFADevice!;
    const seed = base32Decode(Buffer.from(device.Base32StringSeed!).toString('ascii'));
    const step = timeStep(now);
    await iam().send(
      new EnableMFADeviceCommand({
        UserName: 'alice',
        SerialNumber: device.SerialNumber,
        AuthenticationCode1: hotp(seed, step - 1),
        AuthenticationCode2: hotp(seed, step),
      }),
    );
    advance(1000);
    times.key1 = now;
    const key1 = (await iam().send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
    advance(1000);
    times.key2 = now;
    await iam().send(new CreateAccessKeyCommand({ UserName: 'alice' }));
    advance(1000);
    times.key1Used = now;
    await sts({ accessKeyId: key1.AccessKeyId!, secretAccessKey: key1.SecretAccessKey! }).send(
      new GetCallerIdentityCommand({}),
    );
    advance(1000);
    times.bob = now;
    await iam().send(new CreateUserCommand({ UserName: 'bob' }));
    advance(1000);
    times.generated = now;

    expect(await iam().send(new GenerateCredentialReportCommand({}))).toMatchObject(STARTED);
    const out = await report();
    expect(out.ReportFormat).toBe('text/csv');
    expect(out.GeneratedTime).toEqual(times.generated);
    const nextRotation = new Date(times.password.getTime() + 90 * 24 * HOUR_MS);
    expect(out.csv.split('\n')).toEqual([
      HEADER,
      // the root: its key (the server's bootstrap key) last signed the GenerateCredentialReport call
      `<root_account>,arn:aws:iam::${ACCOUNT}:root,${at(started)},not_supported,no_information,` +
        `not_supported,not_supported,false,true,${at(started)},${at(times.generated)},us-east-1,iam,` +
        'false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
      `alice,arn:aws:iam::${ACCOUNT}:user/alice,${at(times.alice)},true,no_information,` +
        `${at(times.password)},${at(nextRotation)},true,` +
        `true,${at(times.key1)},${at(times.key1Used)},us-east-1,sts,` +
        `true,${at(times.key2)},N/A,N/A,N/A,false,N/A,false,N/A`,
      `bob,arn:aws:iam::${ACCOUNT}:user/bob,${at(times.bob)},false,N/A,N/A,N/A,false,` +
        'false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
    ]);
    // stored, so that every node of a cluster serves this very report
    const stored = await t.server.store.read((repos) => repos.credentialReports.get(ACCOUNT));
    expect(stored).toEqual({
      accountId: ACCOUNT,
      generatedAt: times.generated.toISOString(),
      content: out.csv,
    });
  });

  it('answers COMPLETE within four hours and keeps serving the same report', async () => {
    advance(4 * HOUR_MS - 2000);
    await iam().send(new CreateUserCommand({ UserName: 'carol' }));
    const again = await iam().send(new GenerateCredentialReportCommand({}));
    expect(again.State).toBe('COMPLETE');
    expect(again.Description).toBeUndefined();
    const out = await report();
    expect(out.GeneratedTime).toEqual(times.generated);
    expect(out.csv).not.toContain('carol');
  });

  it('answers ReportExpired (410) four hours on; GenerateCredentialReport then starts a new report', async () => {
    advance(2000);
    const err = await awsError(() => iam().send(new GetCredentialReportCommand({})));
    expect(err).toMatchObject({
      name: 'CredentialReportExpiredException',
      code: 'ReportExpired',
      status: 410,
      message: EXPIRED,
    });
    expect(await iam().send(new GenerateCredentialReportCommand({}))).toMatchObject(STARTED);
    const out = await report();
    expect(out.GeneratedTime).toEqual(now);
    expect(out.csv.split('\n').map((line) => line.split(',')[0])).toEqual([
      'user',
      '<root_account>',
      'alice',
      'bob',
      'carol',
    ]);
  });

  it('is authorized as iam:GenerateCredentialReport and iam:GetCredentialReport on "*"', async () => {
    await iam().send(new CreateUserCommand({ UserName: 'auditor' }));
    await iam().send(
      new PutUserPolicyCommand({
        UserName: 'auditor',
        PolicyName: 'read-report',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iam:GetCredentialReport', Resource: '*' }],
        }),
      }),
    );
    const key = (await iam().send(new CreateAccessKeyCommand({ UserName: 'auditor' }))).AccessKey!;
    const auditor = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    const denied = await awsError(() => iam(auditor).send(new GenerateCredentialReportCommand({})));
    expect(denied).toMatchObject({ code: 'AccessDenied', status: 403 });
    expect(denied.message).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/auditor is not authorized to perform: iam:GenerateCredentialReport ` +
        'on resource: * because no identity-based policy allows the iam:GenerateCredentialReport action',
    );
    expect((await report(auditor)).csv.startsWith(HEADER + '\n')).toBe(true);
  });
});

const CASES: [CliVersion, Backend][] = CLI_VERSIONS.flatMap((v) =>
  BACKENDS.map((b): [CliVersion, Backend] => [v, b]),
);

describeEachCli(CASES)('aws %s iam credential report on %s', { timeout: 120_000 }, (version, backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t.destroy());

  it('get-credential-report fails with ReportNotPresent, then generate-credential-report and get it', async () => {
    const cli = await awsCli(version, t.url, t.root);
    const none = await cli.run(['iam', 'get-credential-report']);
    expect(none.status).not.toBe(0);
    expect(none.stderr).toContain(
      `An error occurred (ReportNotPresent) when calling the GetCredentialReport operation: ${NOT_PRESENT}`,
    );
    expect(await cli.json(['iam', 'generate-credential-report'])).toEqual(STARTED);
    expect(await cli.json(['iam', 'generate-credential-report'])).toEqual({ State: 'COMPLETE' });
    const out = await cli.json<{ Content: string; ReportFormat: string; GeneratedTime: string }>([
      'iam',
      'get-credential-report',
    ]);
    expect(out.ReportFormat).toBe('text/csv');
    expect(Math.abs(Date.parse(out.GeneratedTime) - Date.now())).toBeLessThan(60_000);
    // the CLI prints the blob base64-encoded, as `--query Content --output text | base64 -d` expects
    const lines = Buffer.from(out.Content, 'base64').toString('utf8').split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines[1]).toMatch(new RegExp(`^<root_account>,arn:aws:iam::${ACCOUNT}:root,`));
  });
});
