// X.509 signing certificates with the real AWS SDK v3 and AWS CLI, on each storage backend: of users
// and of the account root, listed, activated and deactivated, deleted; in the credential report and
// the account summary; and AWS's errors for certificates that are malformed, expired, not yet valid,
// repeated or too many.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UploadSigningCertificate.html
import {
  CreateUserCommand,
  DeleteSigningCertificateCommand,
  DeleteUserCommand,
  GenerateCredentialReportCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  ListSigningCertificatesCommand,
  UpdateSigningCertificateCommand,
  UploadSigningCertificateCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, CLI_VERSIONS, describeEachCli, type AwsCli } from '../support/aws-cli.ts';
import { awsError, BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';
import { certificate } from '../support/x509-certificates.ts';

const ACCOUNT = '123456789012';
const DAY = 24 * 60 * 60 * 1000;

/** The report's rows by user name, each a map from column to value. */
function reportRows(csv: string): Map<string, Record<string, string>> {
  const [header, ...lines] = csv.trim().split('\n');
  const columns = header!.split(',');
  return new Map(
    lines.map((line) => {
      const values = line.split(',');
      return [values[0]!, Object.fromEntries(columns.map((c, i) => [c, values[i]!]))];
    }),
  );
}

describe.each(BACKENDS)('signing certificates on %s', (backend) => {
  let t: TestServer;
  const certs: string[] = [];

  beforeAll(async () => {
    t = await startTestServer(backend);
    for (const name of ['alice', 'bob', 'carol'])
      await t.iam().send(new CreateUserCommand({ UserName: name }));
    for (let i = 0; i < 5; i++) certs.push(await certificate(`signer-${i}`));
  });
  afterAll(() => t.destroy());

  const upload = (CertificateBody: string, UserName?: string) =>
    t.iam().send(new UploadSigningCertificateCommand({ UserName, CertificateBody }));
  const list = async (UserName?: string) =>
    (await t.iam().send(new ListSigningCertificatesCommand({ UserName }))).Certificates!;

  it('uploads a user’s certificate and returns it with a 32-character id', async () => {
    const out = (await upload(certs[0]!, 'alice')).Certificate!;
    expect(out.CertificateId).toMatch(/^[A-Z0-9]{32}$/);
    expect(out).toMatchObject({ UserName: 'alice', Status: 'Active' });
    expect(out.CertificateBody!.trim()).toBe(certs[0]!.trim());
    expect(out.UploadDate).toBeInstanceOf(Date);
    expect(await list('alice')).toEqual([out]);
  });

  it('lists a user’s certificates in pages', async () => {
    await upload(certs[1]!, 'alice');
    const all = await list('alice');
    expect(all).toHaveLength(2);
    const first = await t.iam().send(new ListSigningCertificatesCommand({ UserName: 'alice', MaxItems: 1 }));
    expect(first.IsTruncated).toBe(true);
    expect(first.Certificates).toEqual([all[0]]);
    const second = await t
      .iam()
      .send(new ListSigningCertificatesCommand({ UserName: 'alice', MaxItems: 1, Marker: first.Marker }));
    expect(second).toMatchObject({ IsTruncated: false, Certificates: [all[1]] });
  });

  it('makes a certificate Inactive and Active again', async () => {
    const id = (await list('alice'))[1]!.CertificateId!;
    await t
      .iam()
      .send(
        new UpdateSigningCertificateCommand({ UserName: 'alice', CertificateId: id, Status: 'Inactive' }),
      );
    expect((await list('alice'))[1]!.Status).toBe('Inactive');
    await t
      .iam()
      .send(new UpdateSigningCertificateCommand({ UserName: 'alice', CertificateId: id, Status: 'Active' }));
    expect((await list('alice'))[1]!.Status).toBe('Active');
    const expired = await awsError(() =>
      t
        .iam()
        .send(
          new UpdateSigningCertificateCommand({ UserName: 'alice', CertificateId: id, Status: 'Expired' }),
        ),
    );
    expect(expired).toMatchObject({ code: 'InvalidInput', status: 400 });
  });

  it('refuses a third certificate with LimitExceeded', async () => {
    const err = await awsError(() => upload(certs[2]!, 'alice'));
    expect(err).toMatchObject({
      name: 'LimitExceededException',
      code: 'LimitExceeded',
      status: 409,
      message: 'Cannot exceed quota for SigningCertificatesPerUser: 2',
    });
  });

  it('refuses a certificate already in the account with DuplicateCertificate', async () => {
    const err = await awsError(() => upload(certs[0]!, 'bob'));
    expect(err).toMatchObject({
      name: 'DuplicateCertificateException',
      code: 'DuplicateCertificate',
      status: 409,
    });
    expect(await list('bob')).toEqual([]);
  });

  it('refuses what is not a certificate, or an expired one, with MalformedCertificate', async () => {
    const expired = await certificate('old', {
      from: new Date(Date.now() - 400 * DAY),
      to: new Date(Date.now() - DAY),
    });
    const corrupt = certs[3]!.replace(/^(-----BEGIN CERTIFICATE-----\n)..../, '$1AAAA');
    for (const body of ['not a certificate', corrupt, expired]) {
      const err = await awsError(() => upload(body, 'bob'));
      expect(err, body).toMatchObject({
        name: 'MalformedCertificateException',
        code: 'MalformedCertificate',
        status: 400,
      });
    }
  });

  it('refuses a certificate not valid yet, or without an RSA key, with InvalidCertificate', async () => {
    const future = await certificate('future', { from: new Date(Date.now() + 10 * DAY) });
    const ec = await certificate('ec', { keyType: 'ec' });
    for (const body of [future, ec]) {
      const err = await awsError(() => upload(body, 'bob'));
      expect(err).toMatchObject({
        name: 'InvalidCertificateException',
        code: 'InvalidCertificate',
        status: 400,
      });
    }
    expect(await list('bob')).toEqual([]);
  });

  it('answers NoSuchEntity for an unknown user, an unknown certificate and another user’s certificate', async () => {
    const alices = (await list('alice'))[0]!.CertificateId!;
    const cases = [
      () => upload(certs[3]!, 'nobody'),
      () => t.iam().send(new ListSigningCertificatesCommand({ UserName: 'nobody' })),
      () => t.iam().send(new DeleteSigningCertificateCommand({ UserName: 'bob', CertificateId: alices })),
      () =>
        t.iam().send(
          new UpdateSigningCertificateCommand({
            UserName: 'bob',
            CertificateId: alices,
            Status: 'Inactive',
          }),
        ),
      () =>
        t
          .iam()
          .send(new DeleteSigningCertificateCommand({ UserName: 'alice', CertificateId: 'A'.repeat(32) })),
    ];
    for (const call of cases)
      expect(await awsError(call)).toMatchObject({
        name: 'NoSuchEntityException',
        code: 'NoSuchEntity',
        status: 404,
      });
  });

  it('keeps the root’s certificates when UserName is omitted, and shows them in the account summary', async () => {
    const before = (await t.iam().send(new GetAccountSummaryCommand({}))).SummaryMap!;
    expect(before).toMatchObject({
      AccountSigningCertificatesPresent: 0,
      SigningCertificatesPerUserQuota: 2,
    });
    const root = (await upload(certs[3]!)).Certificate!;
    expect(root.UserName).toBe(ACCOUNT);
    expect(await list()).toEqual([root]);
    const after = (await t.iam().send(new GetAccountSummaryCommand({}))).SummaryMap!;
    expect(after.AccountSigningCertificatesPresent).toBe(1);
  });

  it('shows each owner’s two certificate slots in the credential report', async () => {
    const aliceCerts = await list('alice');
    await t.iam().send(
      new UpdateSigningCertificateCommand({
        UserName: 'alice',
        CertificateId: aliceCerts[1]!.CertificateId!,
        Status: 'Inactive',
      }),
    );
    await t.iam().send(new GenerateCredentialReportCommand({}));
    const out = await t.iam().send(new GetCredentialReportCommand({}));
    const rows = reportRows(Buffer.from(out.Content!).toString('utf8'));
    const at = (d: Date | undefined) => d!.toISOString().slice(0, 19) + '+00:00';
    expect(rows.get('alice')).toMatchObject({
      cert_1_active: 'true',
      cert_1_last_rotated: at(aliceCerts[0]!.UploadDate),
      cert_2_active: 'false',
      cert_2_last_rotated: at(aliceCerts[1]!.UploadDate),
    });
    expect(rows.get('bob')).toMatchObject({
      cert_1_active: 'false',
      cert_1_last_rotated: 'N/A',
      cert_2_active: 'false',
      cert_2_last_rotated: 'N/A',
    });
    expect(rows.get('<root_account>')).toMatchObject({ cert_1_active: 'true', cert_2_last_rotated: 'N/A' });
  });

  it('keeps a user with certificates from being deleted until they are deleted', async () => {
    const err = await awsError(() => t.iam().send(new DeleteUserCommand({ UserName: 'alice' })));
    expect(err).toMatchObject({
      name: 'DeleteConflictException',
      code: 'DeleteConflict',
      status: 409,
      message: 'Cannot delete entity, must delete certificates first.',
    });
    for (const c of await list('alice'))
      await t
        .iam()
        .send(new DeleteSigningCertificateCommand({ UserName: 'alice', CertificateId: c.CertificateId! }));
    await t.iam().send(new DeleteUserCommand({ UserName: 'alice' }));
    // a deleted certificate may be uploaded again
    expect((await upload(certs[0]!, 'carol')).Certificate!.UserName).toBe('carol');
  });
});

describeEachCli(CLI_VERSIONS.flatMap((v) => BACKENDS.map((b) => [v, b] as const)))(
  'signing certificates with AWS CLI %s on %s',
  { timeout: 120_000 },
  (version, backend) => {
    let t: TestServer;
    let aws: AwsCli;
    let cert: string;
    beforeAll(async () => {
      t = await startTestServer(backend);
      aws = await awsCli(version, t.url, t.root);
      await t.iam().send(new CreateUserCommand({ UserName: 'cli-user' }));
      cert = await certificate('cli');
    });
    afterAll(() => t?.destroy());

    it('uploads, lists, deactivates and deletes a certificate', async () => {
      type Cert = { CertificateId: string; UserName: string; Status: string; CertificateBody: string };
      const up = await aws.json<{ Certificate: Cert }>([
        'iam',
        'upload-signing-certificate',
        '--user-name',
        'cli-user',
        '--certificate-body',
        cert,
      ]);
      expect(up.Certificate).toMatchObject({ UserName: 'cli-user', Status: 'Active' });
      const id = up.Certificate.CertificateId;
      await aws.json([
        'iam',
        'update-signing-certificate',
        '--user-name',
        'cli-user',
        '--certificate-id',
        id,
        '--status',
        'Inactive',
      ]);
      const listed = await aws.json<{ Certificates: Cert[] }>([
        'iam',
        'list-signing-certificates',
        '--user-name',
        'cli-user',
      ]);
      expect(listed.Certificates).toMatchObject([{ CertificateId: id, Status: 'Inactive' }]);
      await aws.json([
        'iam',
        'delete-signing-certificate',
        '--user-name',
        'cli-user',
        '--certificate-id',
        id,
      ]);
      const after = await aws.json<{ Certificates: Cert[] }>([
        'iam',
        'list-signing-certificates',
        '--user-name',
        'cli-user',
      ]);
      expect(after.Certificates).toEqual([]);
    });
  },
);
