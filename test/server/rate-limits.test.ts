// Token-bucket rate limits: per access key (after authentication) and per source address, answered
// with AWS's Throttling error, which the SDK recognises as throttling.
import { ListUsersCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { TokenBuckets } from '../../src/server/rate-limit.ts';
import { awsError, BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

describe('a token bucket', () => {
  it('allows a burst of twice the rate, then one request per refill interval', () => {
    let now = 0;
    const buckets = new TokenBuckets(5, () => now);
    const taken = Array.from({ length: 12 }, () => buckets.take('k')).filter(Boolean).length;
    expect(taken).toBe(10);
    now += 200; // one token at 5/s
    expect(buckets.take('k')).toBe(true);
    expect(buckets.take('k')).toBe(false);
    expect(buckets.take('other')).toBe(true);
  });

  it('lets everything through at rate 0', () => {
    const buckets = new TokenBuckets(0);
    expect(Array.from({ length: 1000 }, () => buckets.take('k')).every(Boolean)).toBe(true);
    expect(buckets.size).toBe(0);
  });
});

describe.each(BACKENDS)('rate limits on %s', (backend) => {
  let t: TestServer | undefined;
  afterEach(async () => {
    await t?.destroy();
    t = undefined;
  });
  afterAll(async () => t?.destroy());

  it('throttles one access key past its burst while another key keeps working', async () => {
    t = await startTestServer(backend, { config: { rateLimitPerKey: 2 } });
    const sts = t.sts();
    for (let i = 0; i < 4; i++) await sts.send(new GetCallerIdentityCommand({}));
    const e = await awsError(() => sts.send(new GetCallerIdentityCommand({})));
    expect(e).toMatchObject({ code: 'Throttling', status: 400, message: 'Rate exceeded' });
    const line = t.log.lines().find((l) => l.errorCode === 'Throttling');
    expect(line).toMatchObject({ status: 400, action: 'GetCallerIdentity' });
  });

  it('throttles a source address past its burst, before authentication', async () => {
    t = await startTestServer(backend, { config: { rateLimitPerAddress: 1 } });
    const iam = t.iam();
    await iam.send(new ListUsersCommand({}));
    await iam.send(new ListUsersCommand({}));
    const e = await awsError(() =>
      t!
        .iam({ accessKeyId: 'AKIANOTAKEY000000000', secretAccessKey: 'x'.repeat(40) })
        .send(new ListUsersCommand({})),
    );
    expect(e).toMatchObject({ code: 'Throttling', status: 400 });
    const internal = await fetch(`${t.url}/_tessera/authorize`, { method: 'POST', body: '{}' });
    expect(internal.status).toBe(429);
    expect(await internal.json()).toEqual({ error: { code: 'Throttling', message: 'Rate exceeded' } });
    // health probes are never throttled
    expect((await fetch(`${t.url}/_tessera/ready`)).status).toBe(200);
  });
});
