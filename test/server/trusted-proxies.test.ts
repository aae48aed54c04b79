// Behind a load balancer (TESSERA_TRUSTED_PROXIES): X-Forwarded-For names the client, read from the
// right past trusted hops, and X-Forwarded-Proto https means aws:SecureTransport; from any other peer
// both headers are ignored. Checked as a function of the request, and end to end: an IAM policy
// conditioned on aws:SourceIp and aws:SecureTransport decides with the forwarded values, and the audit
// trail records the forwarded address. The headers are added after the SDK signed the request, as a
// proxy adds them.
import type { IncomingMessage } from 'node:http';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  IAMClient,
  ListUsersCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveClient, TrustedProxies } from '../../src/server/client-address.ts';
import {
  awsError,
  BACKENDS,
  startTestServer,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';

function request(peer: string, headers: Record<string, string> = {}, encrypted = false): IncomingMessage {
  return { socket: { remoteAddress: peer, encrypted }, headers } as unknown as IncomingMessage;
}

describe('the client of a request', () => {
  const proxies = new TrustedProxies(['10.0.0.0/8', '127.0.0.1', 'fd00::/8']);

  it('is the socket peer when no proxy is trusted, whatever the headers say', () => {
    const req = request('::ffff:192.0.2.1', {
      'x-forwarded-for': '203.0.113.7',
      'x-forwarded-proto': 'https',
    });
    expect(resolveClient(req, new TrustedProxies([]))).toEqual({ address: '192.0.2.1', secure: false });
    expect(resolveClient(req, undefined)).toEqual({ address: '192.0.2.1', secure: false });
  });

  it('ignores the headers of a peer that is not trusted', () => {
    const req = request('192.0.2.1', { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https' });
    expect(resolveClient(req, proxies)).toEqual({ address: '192.0.2.1', secure: false });
  });

  it('takes the rightmost address past the trusted hops, so a forged left part does not count', () => {
    const cases: [string, string][] = [
      ['203.0.113.7', '203.0.113.7'],
      ['198.51.100.9, 203.0.113.7', '203.0.113.7'],
      ['203.0.113.7, 10.1.2.3', '203.0.113.7'],
      ['203.0.113.7, 10.1.2.3, 10.4.5.6', '203.0.113.7'],
      ['10.9.9.9, 10.1.2.3', '10.9.9.9'], // every hop trusted: the leftmost stands
      ['203.0.113.7:5123', '203.0.113.7'],
      ['[2001:db8::1]:443', '2001:db8::1'],
      ['::ffff:203.0.113.7', '203.0.113.7'],
      ['nonsense, 203.0.113.7', '203.0.113.7'],
      ['203.0.113.7, nonsense', '127.0.0.1'], // a malformed hop ends the walk at the proxy
      ['', '127.0.0.1'],
    ];
    for (const [xff, client] of cases)
      expect(resolveClient(request('127.0.0.1', { 'x-forwarded-for': xff }), proxies).address, xff).toBe(
        client,
      );
    expect(
      resolveClient(request('fd00::5', { 'x-forwarded-for': '2001:db8::9, fd12::1' }), proxies).address,
    ).toBe('2001:db8::9');
  });

  it('is secure over TLS, or when every X-Forwarded-Proto a trusted proxy passes says https', () => {
    const secure = (proto: string | undefined, encrypted = false, peer = '10.0.0.1') =>
      resolveClient(
        request(peer, proto === undefined ? {} : { 'x-forwarded-proto': proto }, encrypted),
        proxies,
      ).secure;
    expect(secure('https')).toBe(true);
    expect(secure('HTTPS')).toBe(true);
    expect(secure('https, https')).toBe(true);
    expect(secure('https, http')).toBe(false);
    expect(secure('http')).toBe(false);
    expect(secure(undefined)).toBe(false);
    expect(secure(undefined, true)).toBe(true);
    expect(secure('https', false, '192.0.2.1')).toBe(false);
  });
});

const ACCOUNT = '123456789012';
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: 'iam:ListUsers',
      Resource: '*',
      Condition: {
        IpAddress: { 'aws:SourceIp': '203.0.113.0/24' },
        Bool: { 'aws:SecureTransport': 'true' },
      },
    },
  ],
});

/** An IAM client whose requests reach the server with these headers added after signing. */
function forwardedIam(t: TestServer, creds: Credentials, headers: Record<string, string>): IAMClient {
  const client = new IAMClient({ endpoint: t.url, region: 'us-east-1', credentials: creds, maxAttempts: 1 });
  client.middlewareStack.add(
    (next) => (args) => {
      const req = args.request as { headers: Record<string, string> };
      Object.assign(req.headers, headers);
      return next(args);
    },
    { step: 'deserialize', name: 'forwardedHeaders' },
  );
  return client;
}

describe.each(BACKENDS)('behind a trusted proxy on %s', (backend) => {
  let behind: TestServer;
  let direct: TestServer;
  const keys = new Map<TestServer, Credentials>();

  async function userWithPolicy(t: TestServer): Promise<Credentials> {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'viewer' }));
    await iam.send(
      new PutUserPolicyCommand({ UserName: 'viewer', PolicyName: 'net', PolicyDocument: POLICY }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'viewer' }))).AccessKey!;
    return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  }

  beforeAll(async () => {
    behind = await startTestServer(backend, { config: { trustedProxies: ['127.0.0.1', '::1'] } });
    direct = await startTestServer(backend);
    for (const t of [behind, direct]) keys.set(t, await userWithPolicy(t));
  });
  afterAll(async () => {
    await behind?.destroy();
    await direct?.destroy();
  });

  const listUsers = (t: TestServer, headers: Record<string, string>) =>
    forwardedIam(t, keys.get(t)!, headers).send(new ListUsersCommand({}));

  it('decides aws:SourceIp and aws:SecureTransport with what the proxy forwarded', async () => {
    const ok = await listUsers(behind, { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https' });
    expect(ok.Users?.map((u) => u.UserName)).toContain('viewer');
    await expect(
      listUsers(behind, { 'x-forwarded-for': '198.51.100.1, 203.0.113.7', 'x-forwarded-proto': 'https' }),
    ).resolves.toBeDefined();
    const refused: Record<string, string>[] = [
      { 'x-forwarded-for': '198.51.100.9', 'x-forwarded-proto': 'https' },
      // the client wrote the left entry itself; the proxy appended its real address
      { 'x-forwarded-for': '203.0.113.7, 198.51.100.9', 'x-forwarded-proto': 'https' },
      { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'http' },
      { 'x-forwarded-for': '203.0.113.7' },
    ];
    for (const headers of refused)
      expect(await awsError(() => listUsers(behind, headers)), JSON.stringify(headers)).toMatchObject({
        name: 'AccessDenied',
      });
  });

  it('ignores the headers on a node that trusts no proxy', async () => {
    expect(
      await awsError(() =>
        listUsers(direct, { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https' }),
      ),
    ).toMatchObject({ name: 'AccessDenied' });
  });

  it("records the forwarded address as the event's sourceIPAddress", async () => {
    await listUsers(behind, { 'x-forwarded-for': '203.0.113.44', 'x-forwarded-proto': 'https' });
    await behind.server.services.audit!.flush();
    const out = await new CloudTrailClient({
      endpoint: behind.url,
      region: 'us-east-1',
      credentials: behind.root,
      maxAttempts: 1,
    }).send(
      new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'Username', AttributeValue: 'viewer' }] }),
    );
    const events = out.Events!.map((e) => JSON.parse(e.CloudTrailEvent!) as Record<string, unknown>);
    const listed = events.filter((e) => e.eventName === 'ListUsers');
    expect(listed.map((e) => e.sourceIPAddress)).toContain('203.0.113.44');
    expect(listed.every((e) => e.recipientAccountId === ACCOUNT)).toBe(true);
  });
});
