// Prometheus metrics: requests by action and status with latency, the engine's decisions by effect,
// caches, the change feed's lag, the store's pool, the audit queue; the path can be turned off or put behind
// tessera:GetMetrics.
import {
  CreateAccessKeyCommand,
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  CreateUserCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
  SimulateCustomPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OidcKeySource, useKeySource } from '../../src/federation/oidc/key-source.ts';
import { startTestIssuer, type TestIssuer } from '../../src/federation/oidc/test-issuer.ts';
import { openStore } from '../../src/store/index.ts';
import { createUser } from '../../src/domain/users.ts';
import {
  awsError,
  BACKENDS,
  ROOT,
  startTestServer,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';
import { sendSigned } from '../example-service/signed-http.ts';

const ACCOUNT = '123456789012';

/** The value of one sample, e.g. value(text, 'tessera_requests_total', {action: 'ListUsers', status: '200'}). */
function value(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name + '{') && !line.startsWith(name + ' ')) continue;
    const m = /^([^{ ]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

async function signedGet(url: string, creds: Credentials, service = 'tessera'): Promise<Response> {
  const u = new URL(url);
  const signer = new SignatureV4({ service, region: 'us-east-1', credentials: creds, sha256: Sha256 });
  const signed = await signer.sign({
    method: 'GET',
    protocol: u.protocol,
    hostname: u.hostname,
    port: Number(u.port),
    path: u.pathname,
    headers: { host: u.host },
  });
  return fetch(url, { headers: signed.headers });
}

describe.each(BACKENDS)('metrics on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t.destroy());

  const scrape = async () => {
    const res = await fetch(`${t.url}/_tessera/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    return res.text();
  };

  it('counts requests by action and status, their latency, and decisions by effect', async () => {
    await t.iam().send(new CreateUserCommand({ UserName: 'metered' }));
    const key = (await t.iam().send(new CreateAccessKeyCommand({ UserName: 'metered' }))).AccessKey!;
    const user = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    const before = await scrape();
    await t.iam().send(new ListUsersCommand({}));
    await t.iam().send(new ListUsersCommand({}));
    expect((await awsError(() => t.iam(user).send(new ListUsersCommand({})))).code).toBe('AccessDenied');
    const after = await scrape();
    const ok = { service: 'iam', action: 'ListUsers', status: '200' };
    expect(
      (value(after, 'tessera_requests_total', ok) ?? 0) - (value(before, 'tessera_requests_total', ok) ?? 0),
    ).toBe(2);
    expect(value(after, 'tessera_requests_total', { action: 'ListUsers', status: '403' })).toBe(1);
    expect(value(after, 'tessera_request_duration_seconds_count', { action: 'ListUsers' })).toBe(3);
    expect(value(after, 'tessera_request_duration_seconds_bucket', { action: 'ListUsers', le: '+Inf' })).toBe(
      3,
    );
    const allows = (s: string) => value(s, 'tessera_decisions_total', { effect: 'Allow' }) ?? 0;
    expect(allows(after) - allows(before)).toBe(2);
    expect(value(after, 'tessera_decisions_total', { effect: 'ImplicitDeny' })).toBeGreaterThanOrEqual(1);
    expect(value(after, 'tessera_process_cpu_user_seconds_total')).toBeGreaterThan(0);
    // the ListUsers events wait for the trail's next batch (test/audit/audit-queue.test.ts counts them)
    expect(value(after, 'tessera_audit_queued_events')).toBeGreaterThanOrEqual(0);
  });

  it('shows cache sizes and lookups that move with use', async () => {
    await t.iam().send(new CreateUserCommand({ UserName: 'cached' }));
    await t.iam().send(
      new PutUserPolicyCommand({
        UserName: 'cached',
        PolicyName: 'id',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }],
        }),
      }),
    );
    const key = (await t.iam().send(new CreateAccessKeyCommand({ UserName: 'cached' }))).AccessKey!;
    const user = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    const session = (await t.sts(user).send(new GetSessionTokenCommand({}))).Credentials!;
    const temporary = {
      accessKeyId: session.AccessKeyId!,
      secretAccessKey: session.SecretAccessKey!,
      sessionToken: session.SessionToken!,
    };
    const before = await scrape();
    for (let i = 0; i < 3; i++) await t.iam(user).send(new ListUsersCommand({}));
    for (let i = 0; i < 3; i++) await t.sts(temporary).send(new GetCallerIdentityCommand({}));
    const after = await scrape();
    const hits = (s: string, name: string) => value(s, name, { result: 'hit' }) ?? 0;
    expect(hits(after, 'tessera_access_key_cache_lookups_total')).toBeGreaterThan(
      hits(before, 'tessera_access_key_cache_lookups_total'),
    );
    expect(hits(after, 'tessera_principal_policy_cache_lookups_total')).toBeGreaterThanOrEqual(
      hits(before, 'tessera_principal_policy_cache_lookups_total') + 2,
    );
    // the session token is opened on its first use and answered from the cache on the next two
    expect(hits(after, 'tessera_session_cache_lookups_total')).toBe(
      hits(before, 'tessera_session_cache_lookups_total') + 2,
    );
    expect(value(after, 'tessera_cache_entries', { cache: 'access_keys' })).toBeGreaterThanOrEqual(1);
    expect(value(after, 'tessera_cache_entries', { cache: 'sessions' })).toBeGreaterThanOrEqual(1);
    expect(value(after, 'tessera_cache_entries', { cache: 'principal_policies' })).toBeGreaterThanOrEqual(1);
    expect(value(after, 'tessera_cache_entries', { cache: 'compiled_policies' })).toBeGreaterThanOrEqual(1);
  });

  it("reports the store's pool on PostgreSQL, and none on SQLite", async () => {
    const text = await scrape();
    if (backend === 'postgres') {
      expect(value(text, 'tessera_store_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
      expect(value(text, 'tessera_store_pool_connections', { state: 'waiting' })).toBe(0);
    } else expect(value(text, 'tessera_store_pool_connections', { state: 'total' })).toBeUndefined();
  });

  it('measures the change feed lag of a change written by another store', async () => {
    const count = (s: string) => value(s, 'tessera_change_feed_lag_seconds_count') ?? 0;
    const before = count(await scrape());
    const other = await openStore({ databaseUrl: t.config.databaseUrl, dataDir: t.config.dataDir });
    try {
      const quotas = t.config.quotas;
      await other.write(ACCOUNT, (repos) =>
        createUser(repos, ACCOUNT, { UserName: 'from-elsewhere' }, quotas, new Date()),
      );
      await expect
        .poll(async () => count(await scrape()), { timeout: 5000, interval: 100 })
        .toBeGreaterThan(before);
      const text = await scrape();
      expect(value(text, 'tessera_change_feed_lag_seconds_sum')).toBeLessThan(5);
    } finally {
      await other.close();
    }
  });
});

describe.each(BACKENDS)('the metrics path on %s', (backend) => {
  let t: TestServer | undefined;
  afterAll(async () => t?.destroy());

  it('is off when the path is empty', async () => {
    t = await startTestServer(backend, { config: { metricsPath: '' } });
    expect((await fetch(`${t.url}/_tessera/metrics`)).status).toBe(404);
    await t.destroy();
    t = undefined;
  });

  it('requires a caller allowed tessera:GetMetrics with --metrics-auth', async () => {
    t = await startTestServer(backend, { config: { metricsAuth: true, metricsPath: '/metrics' } });
    const url = `${t.url}/metrics`;
    const unsigned = await fetch(url);
    expect(unsigned.status).toBe(403);
    expect(((await unsigned.json()) as { error: { code: string } }).error.code).toBe(
      'MissingAuthenticationToken',
    );

    await t.iam().send(new CreateUserCommand({ UserName: 'scraper' }));
    const key = (await t.iam().send(new CreateAccessKeyCommand({ UserName: 'scraper' }))).AccessKey!;
    const scraper = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    const denied = await signedGet(url, scraper);
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({
      error: {
        code: 'AccessDenied',
        message: `User: arn:aws:iam::${ACCOUNT}:user/scraper is not authorized to perform: tessera:GetMetrics on resource: * because no identity-based policy allows the tessera:GetMetrics action`,
      },
    });
    await t.iam().send(
      new PutUserPolicyCommand({
        UserName: 'scraper',
        PolicyName: 'metrics',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'tessera:GetMetrics', Resource: '*' }],
        }),
      }),
    );
    const wrongService = await signedGet(url, scraper, 'iam');
    expect(wrongService.status).toBe(403);
    const allowed = await signedGet(url, scraper);
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('tessera_requests_total');
    await t.sts().send(new GetCallerIdentityCommand({}));
    expect((await signedGet(url, ROOT)).status).toBe(200);
  });
});

describe.each(BACKENDS)('decisions counted on %s', (backend) => {
  const AUD = 'sts.amazonaws.com';
  let t: TestServer;
  let issuer: TestIssuer;
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/ci`;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    t = await startTestServer(backend, { dev: true });
    useKeySource(t.server.services, new OidcKeySource({ dev: true, cooldownMs: 0 }));
    const providerArn = (
      await t.iam().send(new CreateOpenIDConnectProviderCommand({ Url: issuer.url, ClientIDList: [AUD] }))
    ).OpenIDConnectProviderArn!;
    const host = issuer.url.replace(/^https?:\/\//, '');
    await t.iam().send(
      new CreateRoleCommand({
        RoleName: 'ci',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: providerArn },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: { StringEquals: { [`${host}:sub`]: 'main' } },
            },
          ],
        }),
      }),
    );
    await t.iam().send(new CreateUserCommand({ UserName: 'nobody' }));
  });
  afterAll(async () => {
    await t.destroy();
    await issuer.close();
  });

  const effects = ['Allow', 'ExplicitDeny', 'ImplicitDeny'] as const;
  const decisions = async () => {
    const text = await (await fetch(`${t.url}/_tessera/metrics`)).text();
    return effects.map((effect) => value(text, 'tessera_decisions_total', { effect }) ?? 0);
  };
  /** The decisions `fn` made, by effect. */
  const counted = async (fn: () => Promise<unknown>) => {
    const before = await decisions();
    await fn();
    const after = await decisions();
    return Object.fromEntries(effects.map((e, i) => [e, after[i]! - before[i]!]));
  };

  it("counts the trust policy's decision on AssumeRoleWithWebIdentity, allowed or refused", async () => {
    const sts = new STSClient({ endpoint: t.url, region: 'us-east-1', maxAttempts: 1 });
    const assume = async (sub: string) =>
      sts.send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: roleArn,
          RoleSessionName: 'ci',
          WebIdentityToken: await issuer.mint({ sub, aud: AUD }),
        }),
      );
    expect(await counted(() => assume('main'))).toEqual({ Allow: 1, ExplicitDeny: 0, ImplicitDeny: 0 });
    expect(
      await counted(async () => expect((await awsError(() => assume('fork'))).code).toBe('AccessDenied')),
    ).toEqual({
      Allow: 0,
      ExplicitDeny: 0,
      ImplicitDeny: 1,
    });
  });

  it("counts /_tessera/authorize's check of its caller and its answer once each", async () => {
    const reply = await counted(async () => {
      const r = await sendSigned(`${t.url}/_tessera/authorize`, {
        method: 'POST',
        body: JSON.stringify({
          principalArn: `arn:aws:iam::${ACCOUNT}:user/nobody`,
          action: 'notes:GetNote',
          resource: '*',
        }),
        headers: { 'content-type': 'application/json' },
        service: 'tessera',
        credentials: ROOT,
      });
      expect(JSON.parse(r.body)).toMatchObject({ decision: 'ImplicitDeny' });
    });
    expect(reply).toEqual({ Allow: 1, ExplicitDeny: 0, ImplicitDeny: 1 });
  });

  it("does not count a simulation's evaluations, only the call's own authorization", async () => {
    const reply = await counted(async () => {
      const out = await t.iam().send(
        new SimulateCustomPolicyCommand({
          PolicyInputList: [
            JSON.stringify({
              Version: '2012-10-17',
              Statement: [{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }],
            }),
          ],
          ActionNames: ['iam:GetUser', 'iam:ListUsers', 's3:GetObject'],
        }),
      );
      expect(out.EvaluationResults?.map((r) => r.EvalDecision)).toEqual([
        'explicitDeny',
        'explicitDeny',
        'implicitDeny',
      ]);
    });
    expect(reply).toEqual({ Allow: 1, ExplicitDeny: 0, ImplicitDeny: 0 });
  });
});
