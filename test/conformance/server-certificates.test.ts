// IAM server certificates with the real AWS SDK v3 and AWS CLI, on each storage backend: uploaded with
// their private key (sealed at rest, never given back) and chain, got, listed by path prefix in pages,
// renamed and moved, tagged, deleted; and AWS's errors for certificates, keys and chains that are
// malformed or do not match, names already taken, and too many certificates.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UploadServerCertificate.html
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateServerCertificate.html
import { createPrivateKey, X509Certificate } from 'node:crypto';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteServerCertificateCommand,
  GetAccountSummaryCommand,
  GetServerCertificateCommand,
  ListServerCertificatesCommand,
  ListServerCertificateTagsCommand,
  PutUserPolicyCommand,
  TagServerCertificateCommand,
  UntagServerCertificateCommand,
  UpdateServerCertificateCommand,
  UploadServerCertificateCommand,
  type ServerCertificateMetadata,
  type Tag,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUOTAS } from '../../src/config/defaults.ts';
import { SERVER_CERTIFICATE_KEY_PURPOSE } from '../../src/domain/server-certificates.ts';
import { sendSigned } from '../example-service/signed-http.ts';
import { awsCli, CLI_VERSIONS, describeEachCli, type AwsCli } from '../support/aws-cli.ts';
import { awsError, BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';
import { keyedCertificate, type KeyedCertificate } from '../support/x509-certificates.ts';

const ACCOUNT = '123456789012';
const DAY = 24 * 60 * 60 * 1000;
const QUOTA = 5;

/** The base64 line of a PEM key that a leak of it would contain. */
const keyLine = (pem: string) => pem.split('\n')[1]!;

const expirationOf = (pem: string) => new Date(new X509Certificate(pem).validTo);

// RSA generation is slow: every certificate the suites use is made once, before them.
let root: KeyedCertificate; // a root CA
let intermediate: KeyedCertificate; // issued by root
let leaf: KeyedCertificate; // issued by intermediate
// the leaf's notAfter, to the second as a certificate holds it
const leafExpires = new Date(Math.floor((Date.now() + 200 * DAY) / 1000) * 1000);
let plain: KeyedCertificate[]; // self-signed
let expired: KeyedCertificate;
let notYetValid: KeyedCertificate;
let ec: KeyedCertificate;
let encrypted: KeyedCertificate;

beforeAll(async () => {
  root = await keyedCertificate('Tessera Test Root CA', { ca: true });
  intermediate = await keyedCertificate('Tessera Test Intermediate CA', { ca: true, issuer: root });
  leaf = await keyedCertificate('www.example.com', { issuer: intermediate, to: leafExpires });
  plain = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => keyedCertificate(`plain-${i}.example.com`)));
  expired = await keyedCertificate('old.example.com', {
    from: new Date(Date.now() - 400 * DAY),
    to: new Date(Date.now() - DAY),
  });
  notYetValid = await keyedCertificate('future.example.com', { from: new Date(Date.now() + 10 * DAY) });
  ec = await keyedCertificate('ec.example.com', { keyType: 'ec' });
  encrypted = await keyedCertificate('enc.example.com', { passphrase: 'correct horse' });
}, 60_000);

describe.each(BACKENDS)('server certificates on %s', (backend) => {
  let t: TestServer;
  const chain = () => `${intermediate.cert.trim()}\n${root.cert.trim()}\n`;

  beforeAll(async () => {
    t = await startTestServer(backend, {
      config: { quotas: { ...DEFAULT_QUOTAS, serverCertificatesPerAccount: QUOTA } },
    });
  });
  afterAll(() => t.destroy());

  const upload = (
    ServerCertificateName: string,
    c: KeyedCertificate,
    extra: { Path?: string; CertificateChain?: string; Tags?: Tag[]; PrivateKey?: string } = {},
  ) =>
    t.iam().send(
      new UploadServerCertificateCommand({
        ServerCertificateName,
        CertificateBody: c.cert,
        PrivateKey: c.privateKey,
        ...extra,
      }),
    );
  const get = async (ServerCertificateName: string) =>
    (await t.iam().send(new GetServerCertificateCommand({ ServerCertificateName }))).ServerCertificate!;
  const list = async (PathPrefix?: string) => {
    const out = await t.iam().send(new ListServerCertificatesCommand({ PathPrefix }));
    expect(out.IsTruncated).toBe(false);
    return out.ServerCertificateMetadataList!;
  };
  const names = async (PathPrefix?: string) => (await list(PathPrefix)).map((m) => m.ServerCertificateName);
  const row = (name: string) => t.server.store.read((r) => r.serverCertificates.byName(ACCOUNT, name));

  let web: ServerCertificateMetadata;

  it('uploads a certificate with its key, chain, path and tags, and answers with its metadata', async () => {
    const before = Date.now();
    const out = await upload('web-1', leaf, {
      Path: '/cloudfront/prod/',
      CertificateChain: chain(),
      Tags: [
        { Key: 'team', Value: 'edge' },
        { Key: 'env', Value: 'prod' },
      ],
    });
    web = out.ServerCertificateMetadata!;
    expect(web.ServerCertificateId).toMatch(/^ASCA[A-Z2-7]{17}$/);
    expect(web).toMatchObject({
      ServerCertificateName: 'web-1',
      Path: '/cloudfront/prod/',
      Arn: `arn:aws:iam::${ACCOUNT}:server-certificate/cloudfront/prod/web-1`,
      Expiration: leafExpires,
    });
    expect(web.UploadDate!.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(web.UploadDate!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(out.Tags).toEqual([
      { Key: 'env', Value: 'prod' },
      { Key: 'team', Value: 'edge' },
    ]);
    expect(await list()).toEqual([web]);
  });

  it('gets the body, chain, metadata and tags, and never the private key', async () => {
    const got = await get('web-1');
    expect(got.ServerCertificateMetadata).toEqual(web);
    expect(got.CertificateBody!.trim()).toBe(leaf.cert.trim());
    expect(got.CertificateChain!.trim()).toBe(chain().trim());
    expect(got.Tags).toEqual([
      { Key: 'env', Value: 'prod' },
      { Key: 'team', Value: 'edge' },
    ]);
    // what went over the wire, not what the SDK chose to parse from it
    const reply = await sendSigned(t.url + '/', {
      method: 'POST',
      body: 'Action=GetServerCertificate&Version=2010-05-08&ServerCertificateName=web-1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      service: 'iam',
      credentials: t.root,
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toContain(keyLine(leaf.cert));
    expect(reply.body).not.toContain('PRIVATE KEY');
    expect(reply.body).not.toContain(keyLine(leaf.privateKey));
  });

  it('finds a certificate by its name in any case', async () => {
    expect((await get('WEB-1')).ServerCertificateMetadata).toEqual(web);
  });

  it('seals the private key at rest, under its own purpose, and keeps it out of the audit trail', async () => {
    const stored = (await row('web-1'))!;
    expect(stored.private_key_sealed).not.toContain('PRIVATE KEY');
    expect(stored.private_key_sealed).not.toContain(keyLine(leaf.privateKey));
    expect(t.server.services.sealer.open(stored.private_key_sealed, SERVER_CERTIFICATE_KEY_PURPOSE)).toBe(
      leaf.privateKey.trim(),
    );
    expect(() => t.server.services.sealer.open(stored.private_key_sealed, 'access-key-secret')).toThrow();

    await t.server.services.audit!.flush();
    const events = await t.server.store.read((repos) =>
      repos.auditEvents.lookup({
        accountId: ACCOUNT,
        attribute: { key: 'EventName', value: 'UploadServerCertificate' },
        limit: 10,
      }),
    );
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(e.record).toContain('web-1');
      expect(e.record).not.toContain('PRIVATE KEY');
      expect(e.record).not.toContain(keyLine(leaf.privateKey));
    }
    expect(t.log.text()).not.toContain(keyLine(leaf.privateKey));
  });

  it('uploads without a path or chain: the path is /, and Get gives no chain and no tags', async () => {
    const out = (await upload('api', plain[0]!)).ServerCertificateMetadata!;
    expect(out).toMatchObject({
      Path: '/',
      Arn: `arn:aws:iam::${ACCOUNT}:server-certificate/api`,
      Expiration: expirationOf(plain[0]!.cert),
    });
    const got = await get('api');
    expect(got.CertificateChain).toBeUndefined();
    expect(got.Tags).toBeUndefined();
    expect(got.ServerCertificateMetadata).toEqual(out);
  });

  it('uploads an EC certificate with its EC key', async () => {
    const out = (await upload('Zeta-ec', ec, { Path: '/cloudfront/test/' })).ServerCertificateMetadata!;
    expect(out.Expiration).toEqual(expirationOf(ec.cert));
    expect((await get('zeta-ec')).CertificateBody!.trim()).toBe(ec.cert.trim());
  });

  it('lists by name regardless of case, only under a path prefix when one is given, without tags', async () => {
    await upload('batch', plain[1]!, { Path: '/internal/' });
    expect(await names()).toEqual(['api', 'batch', 'web-1', 'Zeta-ec']);
    expect(await names('/')).toEqual(['api', 'batch', 'web-1', 'Zeta-ec']);
    expect(await names('/cloudfront/')).toEqual(['web-1', 'Zeta-ec']);
    expect(await names('/cloudfront/prod/')).toEqual(['web-1']);
    expect(await names('/internal/')).toEqual(['batch']);
    expect(await names('/nothing/')).toEqual([]);
    // paths are case-sensitive, and LIKE's wildcards are plain characters in a prefix
    expect(await names('/CloudFront/')).toEqual([]);
    expect(await names('/cloudfront_prod')).toEqual([]);
    expect(await names('/%/')).toEqual([]);
    for (const m of await list()) expect(Object.keys(m).sort()).not.toContain('Tags');
  });

  it('lists in pages with MaxItems and Marker', async () => {
    const all = await list();
    const seen: ServerCertificateMetadata[] = [];
    let Marker: string | undefined;
    for (let page = 0; page < all.length; page++) {
      const out = await t.iam().send(new ListServerCertificatesCommand({ MaxItems: 1, Marker }));
      seen.push(...out.ServerCertificateMetadataList!);
      expect(out.ServerCertificateMetadataList).toHaveLength(1);
      expect(out.IsTruncated).toBe(page < all.length - 1);
      Marker = out.Marker;
      if (!out.IsTruncated) expect(Marker).toBeUndefined();
    }
    expect(seen).toEqual(all);
    const prefixed = await t
      .iam()
      .send(new ListServerCertificatesCommand({ PathPrefix: '/cloudfront/', MaxItems: 1 }));
    expect(prefixed).toMatchObject({ IsTruncated: true });
    const rest = await t.iam().send(
      new ListServerCertificatesCommand({
        PathPrefix: '/cloudfront/',
        MaxItems: 1,
        Marker: prefixed.Marker,
      }),
    );
    expect(rest.IsTruncated).toBe(false);
    expect(
      [...prefixed.ServerCertificateMetadataList!, ...rest.ServerCertificateMetadataList!].map(
        (m) => m.ServerCertificateName,
      ),
    ).toEqual(['web-1', 'Zeta-ec']);
  });

  it('refuses a name already taken, in any case, with EntityAlreadyExists', async () => {
    const before = await list();
    for (const name of ['web-1', 'WEB-1']) {
      const err = await awsError(() => upload(name, plain[2]!));
      expect(err).toMatchObject({
        name: 'EntityAlreadyExistsException',
        code: 'EntityAlreadyExists',
        status: 409,
        message: `The Server Certificate with name ${name} already exists.`,
      });
    }
    expect(await list()).toEqual(before);
    expect((await get('web-1')).CertificateBody!.trim()).toBe(leaf.cert.trim());
  });

  it('refuses a private key that does not match the certificate with KeyPairMismatch', async () => {
    const before = await list();
    for (const key of [plain[3]!.privateKey, ec.privateKey, intermediate.privateKey]) {
      const err = await awsError(() => upload('mismatch', plain[2]!, { PrivateKey: key }));
      expect(err).toMatchObject({ name: 'KeyPairMismatchException', code: 'KeyPairMismatch', status: 400 });
    }
    expect(await list()).toEqual(before);
  });

  it('refuses bodies, keys and chains that are malformed, and expired certificates, with MalformedCertificate', async () => {
    const before = await list();
    const corrupt = plain[2]!.cert.replace(/^(-----BEGIN CERTIFICATE-----\n)..../, '$1AAAA');
    const cases: {
      what: string;
      cert: KeyedCertificate;
      extra?: { PrivateKey?: string; CertificateChain?: string };
    }[] = [
      { what: 'a body that is not PEM', cert: { ...plain[2]!, cert: 'not a certificate' } },
      { what: 'a corrupt body', cert: { ...plain[2]!, cert: corrupt } },
      { what: 'two certificates as the body', cert: { ...plain[2]!, cert: plain[2]!.cert + plain[3]!.cert } },
      {
        what: 'a body with its private key pasted after it',
        cert: { ...plain[2]!, cert: plain[2]!.cert + plain[2]!.privateKey },
      },
      { what: 'a body after other text', cert: { ...plain[2]!, cert: 'subject=CN = x\n' + plain[2]!.cert } },
      { what: 'an expired certificate', cert: expired },
      { what: 'a certificate not valid yet', cert: notYetValid },
      { what: 'a key that is not PEM', cert: plain[2]!, extra: { PrivateKey: 'not a key' } },
      { what: 'a certificate as the key', cert: plain[2]!, extra: { PrivateKey: plain[2]!.cert } },
      { what: 'a chain that is not PEM', cert: leaf, extra: { CertificateChain: 'not a chain' } },
      {
        what: 'a corrupt chain',
        cert: leaf,
        extra: { CertificateChain: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' },
      },
      { what: 'a chain without the issuer', cert: leaf, extra: { CertificateChain: root.cert } },
      {
        what: 'a chain in the wrong order',
        cert: leaf,
        extra: { CertificateChain: `${root.cert.trim()}\n${intermediate.cert.trim()}\n` },
      },
      { what: 'an unrelated chain', cert: leaf, extra: { CertificateChain: plain[3]!.cert } },
      {
        what: 'a chain with a private key in it',
        cert: leaf,
        extra: { CertificateChain: chain() + intermediate.privateKey },
      },
    ];
    for (const c of cases) {
      const err = await awsError(() => upload('malformed', c.cert, c.extra));
      expect(err, c.what).toMatchObject({
        name: 'MalformedCertificateException',
        code: 'MalformedCertificate',
        status: 400,
      });
    }
    expect(await list()).toEqual(before);
  });

  it('refuses a private key under a passphrase, PKCS#8 or PKCS#1, with InvalidInput', async () => {
    const before = await list();
    const pkcs1 = createPrivateKey(plain[2]!.privateKey)
      .export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'correct horse' })
      .toString();
    for (const c of [encrypted, { ...plain[2]!, privateKey: pkcs1 }]) {
      const err = await awsError(() => upload('encrypted', c));
      expect(err).toMatchObject({
        name: 'InvalidInputException',
        code: 'InvalidInput',
        status: 400,
        message: 'The private key must not be protected by a passphrase.',
      });
    }
    expect(await list()).toEqual(before);
  });

  it('refuses bad tags at upload and stores nothing', async () => {
    const before = await list();
    for (const Tags of [
      [{ Key: 'aws:reserved', Value: 'x' }],
      [
        { Key: 'dup', Value: '1' },
        { Key: 'DUP', Value: '2' },
      ],
    ]) {
      const err = await awsError(() => upload('tagged', plain[2]!, { Tags }));
      expect(err).toMatchObject({ code: 'InvalidInput', status: 400 });
    }
    expect(await list()).toEqual(before);
    expect(await row('tagged')).toBeUndefined();
  });

  it('refuses names and paths outside the model’s patterns with ValidationError', async () => {
    const before = await list();
    for (const [name, extra] of [
      ['has space', {}],
      ['bad-path', { Path: 'no/leading/slash/' }],
    ] as const) {
      const err = await awsError(() => upload(name, plain[2]!, extra));
      expect(err, name).toMatchObject({ code: 'ValidationError', status: 400 });
    }
    expect(await list()).toEqual(before);
  });

  it('counts certificates in the account summary and refuses one past the quota with LimitExceeded', async () => {
    const summary = (await t.iam().send(new GetAccountSummaryCommand({}))).SummaryMap!;
    expect(summary).toMatchObject({ ServerCertificates: 4, ServerCertificatesQuota: QUOTA });
    await upload('fifth', plain[2]!);
    const before = await list();
    const err = await awsError(() => upload('sixth', plain[3]!));
    expect(err).toMatchObject({
      name: 'LimitExceededException',
      code: 'LimitExceeded',
      status: 409,
      message: `Cannot exceed quota for ServerCertificatesPerAccount: ${QUOTA}`,
    });
    expect(await list()).toEqual(before);
    expect((await t.iam().send(new GetAccountSummaryCommand({}))).SummaryMap!.ServerCertificates).toBe(QUOTA);
  });

  it('tags, lists the tags of and untags a certificate', async () => {
    await t.iam().send(
      new TagServerCertificateCommand({
        ServerCertificateName: 'api',
        Tags: [
          { Key: 'owner', Value: 'platform' },
          { Key: 'cost', Value: '41200' },
        ],
      }),
    );
    const tags = await t.iam().send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'api' }));
    expect(tags).toMatchObject({
      IsTruncated: false,
      Tags: [
        { Key: 'cost', Value: '41200' },
        { Key: 'owner', Value: 'platform' },
      ],
    });
    await t
      .iam()
      .send(new UntagServerCertificateCommand({ ServerCertificateName: 'api', TagKeys: ['cost'] }));
    expect((await get('api')).Tags).toEqual([{ Key: 'owner', Value: 'platform' }]);
    for (const call of [
      () => t.iam().send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'nope' })),
      () =>
        t.iam().send(
          new TagServerCertificateCommand({
            ServerCertificateName: 'nope',
            Tags: [{ Key: 'k', Value: 'v' }],
          }),
        ),
      () =>
        t.iam().send(new UntagServerCertificateCommand({ ServerCertificateName: 'nope', TagKeys: ['k'] })),
    ])
      expect(await awsError(call)).toMatchObject({ code: 'NoSuchEntity', status: 404 });
  });

  it('renames and moves a certificate, keeping its id, body, chain, key and tags', async () => {
    const before = await get('web-1');
    await t.iam().send(
      new UpdateServerCertificateCommand({
        ServerCertificateName: 'web-1',
        NewServerCertificateName: 'web-2',
        NewPath: '/cloudfront/staging/',
      }),
    );
    expect(await awsError(() => get('web-1'))).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The Server Certificate with name web-1 cannot be found.',
    });
    const after = await get('web-2');
    expect(after).toEqual({
      ...before,
      ServerCertificateMetadata: {
        ...before.ServerCertificateMetadata,
        ServerCertificateName: 'web-2',
        Path: '/cloudfront/staging/',
        Arn: `arn:aws:iam::${ACCOUNT}:server-certificate/cloudfront/staging/web-2`,
      },
    });
    const stored = (await row('web-2'))!;
    expect(t.server.services.sealer.open(stored.private_key_sealed, SERVER_CERTIFICATE_KEY_PURPOSE)).toBe(
      leaf.privateKey.trim(),
    );
    // only the path, then only the name (here only its case)
    await t
      .iam()
      .send(
        new UpdateServerCertificateCommand({ ServerCertificateName: 'web-2', NewPath: '/cloudfront/prod/' }),
      );
    await t.iam().send(
      new UpdateServerCertificateCommand({
        ServerCertificateName: 'web-2',
        NewServerCertificateName: 'Web-2',
      }),
    );
    expect((await get('web-2')).ServerCertificateMetadata).toMatchObject({
      ServerCertificateName: 'Web-2',
      Path: '/cloudfront/prod/',
      Arn: `arn:aws:iam::${ACCOUNT}:server-certificate/cloudfront/prod/Web-2`,
      ServerCertificateId: web.ServerCertificateId,
    });
  });

  it('refuses a new name another certificate has with EntityAlreadyExists, and an unknown one with NoSuchEntity', async () => {
    const before = await list();
    const clash = await awsError(() =>
      t.iam().send(
        new UpdateServerCertificateCommand({
          ServerCertificateName: 'Web-2',
          NewServerCertificateName: 'API',
          NewPath: '/elsewhere/',
        }),
      ),
    );
    expect(clash).toMatchObject({
      name: 'EntityAlreadyExistsException',
      code: 'EntityAlreadyExists',
      status: 409,
      message: 'The Server Certificate with name API already exists.',
    });
    const unknown = await awsError(() =>
      t.iam().send(
        new UpdateServerCertificateCommand({
          ServerCertificateName: 'nope',
          NewServerCertificateName: 'x',
        }),
      ),
    );
    expect(unknown).toMatchObject({
      name: 'NoSuchEntityException',
      code: 'NoSuchEntity',
      status: 404,
      message: 'The Server Certificate with name nope cannot be found.',
    });
    expect(await list()).toEqual(before);
  });

  it('needs iam:UpdateServerCertificate on both the old and the new name', async () => {
    await t.iam().send(new CreateUserCommand({ UserName: 'operator' }));
    const allow = (names: string[]) =>
      t.iam().send(
        new PutUserPolicyCommand({
          UserName: 'operator',
          PolicyName: 'certs',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: 'iam:UpdateServerCertificate',
                Resource: names.map((n) => `arn:aws:iam::${ACCOUNT}:server-certificate/${n}`),
              },
            ],
          }),
        }),
      );
    await allow(['batch-old']);
    await t.iam().send(
      new UpdateServerCertificateCommand({
        ServerCertificateName: 'batch',
        NewServerCertificateName: 'batch-old',
        NewPath: '/',
      }),
    );
    const { AccessKey } = await t.iam().send(new CreateAccessKeyCommand({ UserName: 'operator' }));
    const operator = t.iam({
      accessKeyId: AccessKey!.AccessKeyId!,
      secretAccessKey: AccessKey!.SecretAccessKey!,
    });
    const rename = () =>
      operator.send(
        new UpdateServerCertificateCommand({
          ServerCertificateName: 'batch-old',
          NewServerCertificateName: 'batch-new',
        }),
      );
    expect(await awsError(rename)).toMatchObject({ code: 'AccessDenied', status: 403 });
    expect((await get('batch-old')).ServerCertificateMetadata!.ServerCertificateName).toBe('batch-old');
    await allow(['batch-old', 'batch-new']);
    await rename();
    expect((await get('batch-new')).ServerCertificateMetadata!.Path).toBe('/');
  });

  it('deletes a certificate with its key and tags; its name may be used again', async () => {
    const id = (await row('api'))!.server_certificate_id;
    await t.iam().send(new DeleteServerCertificateCommand({ ServerCertificateName: 'API' }));
    expect(await names()).not.toContain('api');
    expect(await row('api')).toBeUndefined();
    expect(await t.server.store.read((r) => r.tags.list('server-certificate', id))).toEqual([]);
    for (const call of [
      () => get('api'),
      () => t.iam().send(new DeleteServerCertificateCommand({ ServerCertificateName: 'api' })),
    ])
      expect(await awsError(call)).toMatchObject({
        name: 'NoSuchEntityException',
        code: 'NoSuchEntity',
        status: 404,
        message: 'The Server Certificate with name api cannot be found.',
      });
    const again = (await upload('api', plain[4]!)).ServerCertificateMetadata!;
    expect(again.ServerCertificateId).not.toBe(id);
    expect((await get('api')).Tags).toBeUndefined();
    expect(
      (await t.iam().send(new ListServerCertificateTagsCommand({ ServerCertificateName: 'api' }))).Tags,
    ).toEqual([]);
  });
});

describeEachCli(CLI_VERSIONS.flatMap((v) => BACKENDS.map((b) => [v, b] as const)))(
  'server certificates with AWS CLI %s on %s',
  // five CLI runs, each a Python start of several seconds on a loaded machine
  { timeout: 240_000 },
  (version, backend) => {
    let t: TestServer;
    let aws: AwsCli;
    beforeAll(async () => {
      t = await startTestServer(backend);
      aws = await awsCli(version, t.url, t.root);
    });
    afterAll(() => t?.destroy());

    it('uploads, gets, lists and deletes a certificate, and refuses a key that does not match', async () => {
      type Metadata = {
        ServerCertificateName: string;
        ServerCertificateId: string;
        Path: string;
        Arn: string;
      };
      const up = await aws.json<{ ServerCertificateMetadata: Metadata }>([
        'iam',
        'upload-server-certificate',
        '--server-certificate-name',
        'cli-cert',
        '--path',
        '/cli/',
        '--certificate-body',
        leaf.cert,
        '--private-key',
        leaf.privateKey,
        '--certificate-chain',
        `${intermediate.cert.trim()}\n${root.cert.trim()}\n`,
      ]);
      expect(up.ServerCertificateMetadata).toMatchObject({
        ServerCertificateName: 'cli-cert',
        Path: '/cli/',
        Arn: `arn:aws:iam::${ACCOUNT}:server-certificate/cli/cli-cert`,
      });
      expect(up.ServerCertificateMetadata.ServerCertificateId).toMatch(/^ASCA/);

      const got = await aws.run(['iam', 'get-server-certificate', '--server-certificate-name', 'cli-cert']);
      expect(got.status).toBe(0);
      expect(got.stdout).not.toContain('PRIVATE KEY');
      const cert = (got.json as { ServerCertificate: { CertificateBody: string; CertificateChain: string } })
        .ServerCertificate;
      expect(cert.CertificateBody.trim()).toBe(leaf.cert.trim());
      expect(cert.CertificateChain).toContain(intermediate.cert.trim());

      const mismatch = await aws.run([
        'iam',
        'upload-server-certificate',
        '--server-certificate-name',
        'other',
        '--certificate-body',
        leaf.cert,
        '--private-key',
        root.privateKey,
      ]);
      expect(mismatch.status).not.toBe(0);
      expect(mismatch.stderr).toContain('KeyPairMismatch');

      const listed = await aws.json<{ ServerCertificateMetadataList: Metadata[] }>([
        'iam',
        'list-server-certificates',
        '--path-prefix',
        '/cli/',
      ]);
      expect(listed.ServerCertificateMetadataList).toEqual([up.ServerCertificateMetadata]);

      await aws.json(['iam', 'delete-server-certificate', '--server-certificate-name', 'cli-cert']);
      const after = await t.iam().send(new ListServerCertificatesCommand({}));
      expect(after.ServerCertificateMetadataList).toEqual([]);
    });
  },
);
