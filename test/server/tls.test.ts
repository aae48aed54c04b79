// TLS on each storage backend: the SDK and the AWS CLI (v1 and v2, with --ca-bundle) talk to the
// server over HTTPS with its self-signed certificate; plain HTTP to the TLS port gets nowhere;
// aws:SecureTransport is true on the TLS socket only; a new certificate is picked up by
// reloadTls() and SIGHUP without dropping open connections; a key that is not the certificate's
// stops the start with one clear line.
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  IAMClient,
  ListUsersCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { SignatureV4 } from '@smithy/signature-v4';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect } from 'node:tls';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeSha256 } from '../../src/authn/sigv4/index.ts';
import { loadConfig } from '../../src/config/load.ts';
import { startServer } from '../../src/server/app.ts';
import { loadTls, TlsConfigError } from '../../src/server/tls.ts';
import { awsCli, CLI_VERSIONS, describeEachCli, type CliVersion } from '../support/aws-cli.ts';
import { startServerProcess } from '../support/server-process.ts';
import {
  awsError,
  BACKENDS,
  dropData,
  ROOT,
  startTestServer,
  testDatabaseUrl,
  type Backend,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';

const doc = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

/** Allows `action`, except over a connection that is not TLS (the usual S3-style guard). */
const tlsOnly = (action: string) =>
  doc([
    { Effect: 'Allow', Action: action, Resource: '*' },
    {
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ]);

/** A certificate for 127.0.0.1 and localhost and its key, as PEM text. */
async function keyPair(cn: string): Promise<{ cert: string; key: string; fingerprint: string }> {
  const g = await generate([{ name: 'commonName', value: cn }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  return { cert: g.cert, key: g.private, fingerprint: new X509Certificate(g.cert).fingerprint256 };
}

/** SDK clients that trust `ca` through their own https agent. */
function clients(url: string, ca: string, creds: Credentials = ROOT) {
  const config = {
    endpoint: url,
    region: 'us-east-1',
    credentials: creds,
    maxAttempts: 1,
    requestHandler: { httpsAgent: new Agent({ ca }) },
  };
  return { iam: new IAMClient(config), sts: new STSClient(config) };
}

/** The SHA-256 fingerprint of the certificate a new TLS connection to `url` is shown. */
function peerFingerprint(url: string): Promise<string> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: u.hostname, port: Number(u.port), rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate().fingerprint256);
      socket.end();
    });
    socket.on('error', reject);
  });
}

interface Reply {
  status: number;
  body: string;
  reusedSocket: boolean;
  fingerprint: string | undefined;
}

/** One GET or signed POST over `agent` (https) or plain http; the connection's certificate with it. */
async function send(
  url: string,
  opts: { agent?: Agent; method?: string; body?: string; credentials?: Credentials; service?: string } = {},
): Promise<Reply> {
  const u = new URL(url);
  const body = opts.body ?? '';
  let headers: Record<string, string> = { host: u.host };
  if (body) headers['content-type'] = 'application/json';
  if (opts.credentials && opts.service) {
    const signer = new SignatureV4({
      service: opts.service,
      region: 'us-east-1',
      credentials: opts.credentials,
      sha256: NodeSha256,
    });
    headers = (
      await signer.sign({
        method: opts.method ?? 'GET',
        protocol: u.protocol,
        hostname: u.hostname,
        port: Number(u.port),
        path: u.pathname,
        query: {},
        headers,
        body,
      })
    ).headers;
  }
  const request = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: opts.method ?? 'GET',
        headers,
        ...(opts.agent ? { agent: opts.agent } : {}),
      },
      (res) => {
        const socket = res.socket as { getPeerCertificate?: () => { fingerprint256: string } };
        const fingerprint = socket.getPeerCertificate?.().fingerprint256;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            reusedSocket: req.reusedSocket,
            fingerprint,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function userWithKey(iam: IAMClient, name: string, policy: string): Promise<Credentials> {
  await iam.send(new CreateUserCommand({ UserName: name }));
  await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'main', PolicyDocument: policy }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
}

describe.each(BACKENDS)('TLS on %s', { timeout: 60_000 }, (backend) => {
  let t: TestServer;
  let plain: TestServer;
  let ca: string;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tessera-tls-'));
    t = await startTestServer(backend, { config: { tlsSelfSigned: true } });
    plain = await startTestServer(backend);
    ca = readFileSync(t.server.tls!.certFile, 'utf8');
  });
  afterAll(async () => {
    await t?.destroy();
    await plain?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the SDK over https when it trusts the self-signed certificate', async () => {
    expect(t.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const { iam, sts } = clients(t.url, ca);
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(
      `arn:aws:iam::${t.config.accountId}:root`,
    );
    await iam.send(new CreateUserCommand({ UserName: 'over-tls' }));
    const users = await iam.send(new ListUsersCommand({}));
    expect(users.Users?.map((u) => u.UserName)).toContain('over-tls');
  });

  it('is refused by a client that does not trust the certificate', async () => {
    const err = await t
      .sts()
      .send(new GetCallerIdentityCommand({}))
      .then(
        () => undefined,
        (e: unknown) => e as Error & { code?: string },
      );
    expect(err?.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it('keeps the certificate in the data directory, key 0600, and reuses it on the next start', async () => {
    const certFile = path.join(t.config.dataDir, 'tls-cert.pem');
    const keyFile = path.join(t.config.dataDir, 'tls-key.pem');
    expect(t.server.tls).toEqual({ certFile, selfSigned: true });
    expect((statSync(keyFile).mode & 0o777).toString(8)).toBe('600');
    expect((statSync(certFile).mode & 0o777).toString(8)).toBe('644');
    const x509 = new X509Certificate(ca);
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x509.checkIP('::1')).toBe('::1');
    expect(x509.checkHost('localhost')).toBe('localhost');
    const again = await loadTls(t.config);
    expect(again?.pair.cert).toBe(ca);
    expect(await peerFingerprint(t.url)).toBe(x509.fingerprint256);
  });

  it('gives a plain-HTTP request to the TLS port no answer', async () => {
    const err = await send(t.url.replace('https:', 'http:') + '/_tessera/health').then(
      (r) => r,
      (e: unknown) => e as Error & { code?: string },
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as Error & { code?: string }).code).toMatch(/^(ECONNRESET|EPIPE|HPE_INVALID_CONSTANT)$/);
    // and the server goes on serving TLS clients
    expect((await send(`${t.url}/_tessera/health`, { agent: new Agent({ ca }) })).status).toBe(200);
  });

  it('sets aws:SecureTransport true over TLS and false over plain HTTP', async () => {
    const policy = tlsOnly('iam:ListUsers');
    const overTls = await userWithKey(clients(t.url, ca).iam, 'tls-only', policy);
    const overPlain = await userWithKey(plain.iam(), 'tls-only', policy);
    const listed = await clients(t.url, ca, overTls).iam.send(new ListUsersCommand({}));
    expect(listed.Users?.length).toBeGreaterThan(0);
    const denied = await awsError(() => plain.iam(overPlain).send(new ListUsersCommand({})));
    expect(denied).toMatchObject({ code: 'AccessDenied', status: 403 });
    expect(denied.message).toContain('with an explicit deny in an identity-based policy');
  });

  it('sets aws:SecureTransport for the caller of /_tessera/authorize from its own socket', async () => {
    const policy = tlsOnly('tessera:Authorize');
    const question = JSON.stringify({
      principalArn: `arn:aws:iam::${t.config.accountId}:root`,
      action: 'notes:GetNote',
      resource: `arn:aws:notes:us-east-1:${t.config.accountId}:note/a`,
    });
    const ask = (url: string, credentials: Credentials, agent?: Agent) =>
      send(`${url}/_tessera/authorize`, {
        method: 'POST',
        body: question,
        credentials,
        service: 'tessera',
        ...(agent ? { agent } : {}),
      });
    const overTls = await ask(
      t.url,
      await userWithKey(clients(t.url, ca).iam, 'svc', policy),
      new Agent({ ca }),
    );
    expect(overTls.status).toBe(200);
    expect(JSON.parse(overTls.body)).toMatchObject({ decision: 'Allow' });
    const overPlain = await ask(plain.url, await userWithKey(plain.iam(), 'svc', policy));
    expect(overPlain.status).toBe(403);
    expect(JSON.parse(overPlain.body)).toMatchObject({ error: { code: 'AccessDenied' } });
  });

  it('serves a new certificate to new connections after reloadTls(), and open ones keep working', async () => {
    const certFile = path.join(dir, `${backend}-cert.pem`);
    const keyFile = path.join(dir, `${backend}-key.pem`);
    const first = await keyPair('first');
    writeFileSync(certFile, first.cert);
    writeFileSync(keyFile, first.key, { mode: 0o600 });
    const s = await startTestServer(backend, { config: { tlsCert: certFile, tlsKey: keyFile } });
    try {
      expect(s.server.tls).toEqual({ certFile, selfSigned: false });
      const second = await keyPair('second');
      const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: [first.cert, second.cert] });
      const before = await send(`${s.url}/_tessera/health`, { agent });
      expect(before).toMatchObject({ status: 200, fingerprint: first.fingerprint });

      writeFileSync(certFile, second.cert);
      writeFileSync(keyFile, second.key);
      await s.server.reloadTls();

      expect(await peerFingerprint(s.url)).toBe(second.fingerprint);
      const open = await send(`${s.url}/_tessera/health`, { agent });
      expect(open).toMatchObject({ status: 200, reusedSocket: true, fingerprint: first.fingerprint });
      agent.destroy();

      // a pair that does not belong together is refused, and the running certificate stays
      writeFileSync(keyFile, first.key);
      await expect(s.server.reloadTls()).rejects.toThrow(/does not match the certificate/);
      expect(await peerFingerprint(s.url)).toBe(second.fingerprint);
    } finally {
      await s.destroy();
    }
  });

  it('refuses to start when the key is not the certificate’s, or only one of them is given', async () => {
    const a = await keyPair('a');
    const b = await keyPair('b');
    const certFile = path.join(dir, `${backend}-mismatch-cert.pem`);
    const keyFile = path.join(dir, `${backend}-mismatch-key.pem`);
    writeFileSync(certFile, a.cert);
    writeFileSync(keyFile, b.key, { mode: 0o600 });
    const config = {
      ...loadConfig({}, {}),
      port: 0,
      dataDir: mkdtempSync(path.join(tmpdir(), 'tessera-tls-bad-')),
      databaseUrl: testDatabaseUrl(backend),
    };
    try {
      const start = (tls: { tlsCert?: string; tlsKey?: string }) =>
        startServer({ ...config, tlsCert: undefined, tlsKey: undefined, ...tls });
      await expect(start({ tlsCert: certFile, tlsKey: keyFile })).rejects.toThrow(
        new TlsConfigError(
          `TLS: the private key in ${keyFile} does not match the certificate in ${certFile}`,
        ),
      );
      await expect(start({ tlsCert: certFile })).rejects.toThrow(/--tls-cert\) is set without .*--tls-key/);
      await expect(start({ tlsCert: certFile, tlsKey: path.join(dir, 'missing.pem') })).rejects.toThrow(
        /cannot read the private key file .*missing\.pem/,
      );
      await expect(start({ tlsCert: keyFile, tlsKey: keyFile })).rejects.toThrow(
        /does not hold a PEM certificate/,
      );
    } finally {
      await dropData(config);
    }
  });

  describe('tessera serve', () => {
    it('reloads the certificate on SIGHUP without dropping an open connection', async () => {
      const certFile = path.join(dir, `${backend}-hup-cert.pem`);
      const keyFile = path.join(dir, `${backend}-hup-key.pem`);
      const first = await keyPair('first');
      const second = await keyPair('second');
      writeFileSync(certFile, first.cert);
      writeFileSync(keyFile, first.key, { mode: 0o600 });
      const config = {
        ...t.config,
        dataDir: mkdtempSync(path.join(tmpdir(), 'tessera-tls-hup-')),
        databaseUrl: testDatabaseUrl(backend),
      };
      const proc = await startServerProcess(config, 30_000, {
        TESSERA_TLS_CERT: certFile,
        TESSERA_TLS_KEY: keyFile,
        TESSERA_TLS_SELF_SIGNED: '',
      });
      try {
        expect(proc.url).toMatch(/^https:\/\//);
        await expect.poll(() => proc.stdout()).toContain(`TLS: certificate ${certFile}, reloaded on SIGHUP`);
        const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: [first.cert, second.cert] });
        expect(await send(`${proc.url}/_tessera/health`, { agent })).toMatchObject({
          status: 200,
          fingerprint: first.fingerprint,
        });
        writeFileSync(certFile, second.cert);
        writeFileSync(keyFile, second.key);
        proc.child.kill('SIGHUP');
        await expect.poll(() => proc.stdout(), { timeout: 10_000 }).toContain('TLS certificate reloaded');
        expect(await peerFingerprint(proc.url)).toBe(second.fingerprint);
        expect(await send(`${proc.url}/_tessera/health`, { agent })).toMatchObject({
          status: 200,
          reusedSocket: true,
          fingerprint: first.fingerprint,
        });
        agent.destroy();
        expect(proc.child.exitCode).toBeNull();
      } finally {
        await proc.kill();
        await dropData(config);
      }
    });

    it('prints the https URL and the certificate to pass as --ca-bundle with --tls-self-signed', async () => {
      const config = {
        ...t.config,
        dataDir: mkdtempSync(path.join(tmpdir(), 'tessera-tls-banner-')),
        databaseUrl: testDatabaseUrl(backend),
      };
      const proc = await startServerProcess(config, 30_000, { TESSERA_TLS_SELF_SIGNED: 'true' });
      try {
        const certFile = path.join(config.dataDir, 'tls-cert.pem');
        expect(proc.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
        await expect.poll(() => proc.stdout()).toContain(`--ca-bundle ${certFile}`);
        const ca = readFileSync(certFile, 'utf8');
        expect((await send(`${proc.url}/_tessera/health`, { agent: new Agent({ ca }) })).status).toBe(200);
      } finally {
        await proc.kill();
        await dropData(config);
      }
    });

    it('exits with one clear line when the key does not match the certificate', async () => {
      const a = await keyPair('a');
      const b = await keyPair('b');
      const certFile = path.join(dir, `${backend}-exit-cert.pem`);
      const keyFile = path.join(dir, `${backend}-exit-key.pem`);
      writeFileSync(certFile, a.cert);
      writeFileSync(keyFile, b.key, { mode: 0o600 });
      const config = {
        ...t.config,
        dataDir: mkdtempSync(path.join(tmpdir(), 'tessera-tls-exit-')),
        databaseUrl: testDatabaseUrl(backend),
      };
      try {
        const failed = await startServerProcess(config, 30_000, {
          TESSERA_TLS_CERT: certFile,
          TESSERA_TLS_KEY: keyFile,
        }).then(
          () => undefined,
          (e: unknown) => e as Error,
        );
        expect(failed?.message).toContain('exited (1) before listening');
        expect(failed?.message).toContain(
          `stderr: tessera serve: TLS: the private key in ${keyFile} does not match the certificate in ${certFile}\n`,
        );
        expect(failed?.message).not.toContain('    at ');
      } finally {
        await dropData(config);
      }
    });
  });
});

const CLI_CASES: [CliVersion, Backend][] = CLI_VERSIONS.flatMap((v) =>
  BACKENDS.map((b): [CliVersion, Backend] => [v, b]),
);

describeEachCli(CLI_CASES)('AWS CLI %s over TLS on %s', { timeout: 120_000 }, (version, backend) => {
  let t: TestServer;
  let certFile: string;

  beforeAll(async () => {
    t = await startTestServer(backend, { config: { tlsSelfSigned: true } });
    certFile = t.server.tls!.certFile;
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it('works with --ca-bundle naming the generated certificate', async () => {
    const aws = await awsCli(version, t.url, t.root);
    expect(await aws.json(['--ca-bundle', certFile, 'sts', 'get-caller-identity'])).toMatchObject({
      Arn: `arn:aws:iam::${t.config.accountId}:root`,
    });
    await aws.json(['--ca-bundle', certFile, 'iam', 'create-user', '--user-name', `cli-${version}`]);
    const users = await aws.json<{ Users: { UserName: string }[] }>([
      '--ca-bundle',
      certFile,
      'iam',
      'list-users',
    ]);
    expect(users.Users.map((u) => u.UserName)).toContain(`cli-${version}`);
  });

  it('fails certificate verification without --ca-bundle', async () => {
    const aws = await awsCli(version, t.url, t.root);
    const r = await aws.run(['sts', 'get-caller-identity']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/CERTIFICATE_VERIFY_FAILED/);
  });
});
