// The caches that grow with the principals making requests are bounded: the LRU map keeps the most
// recently used entries up to its limit, and the policy loader, bounded so, keeps its hit rate for the
// principals in use, evicts the least recently used, and still drops an account's entries when the
// account changes.
import { CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PolicyLoader } from '../../src/authz/principal-policies.ts';
import { LruMap } from '../../src/lru-map.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';

describe('an LRU map', () => {
  it('drops the least recently used entry for room, a read counting as a use', () => {
    const evicted: string[] = [];
    const lru = new LruMap<string, number>(2, (key) => evicted.push(key));
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1); // b is now the least recently used
    lru.set('c', 3);
    expect([...lru.keys()]).toEqual(['a', 'c']);
    expect(lru.peek('a')).toBe(1); // a peek is no use
    lru.set('d', 4);
    expect(evicted).toEqual(['b', 'a']);
    expect([lru.size, lru.evictions]).toEqual([2, 2]);
    expect(() => new LruMap(0)).toThrow();
  });
});

describe('the policy loader with a bound', () => {
  let t: TestServer;
  const users: {
    type: 'user';
    accountId: string;
    arn: string;
    id: string;
    userName: string;
    path: string;
  }[] = [];
  beforeAll(async () => {
    t = await startTestServer('sqlite');
    for (const name of ['u1', 'u2', 'u3']) {
      const user = (await t.iam().send(new CreateUserCommand({ UserName: name }))).User!;
      users.push({
        type: 'user',
        accountId: ACCOUNT,
        arn: user.Arn!,
        id: user.UserId!,
        userName: name,
        path: '/',
      });
    }
  });
  afterAll(() => t.destroy());

  it('keeps at most its limit of principals, the most recently used, and drops them on a change', async () => {
    const loader = new PolicyLoader(t.server.store, 2);
    const [u1, u2, u3] = users as [(typeof users)[0], (typeof users)[0], (typeof users)[0]];
    await loader.forPrincipal(u1);
    await loader.forPrincipal(u2);
    await loader.forPrincipal(u1);
    expect(loader.stats).toEqual({ hits: 1, misses: 2 });
    await loader.forPrincipal(u3); // u2 goes
    expect(loader.size).toBe(2);
    await loader.forPrincipal(u1);
    expect(loader.stats).toEqual({ hits: 2, misses: 3 });
    await loader.forPrincipal(u2);
    expect(loader.stats).toEqual({ hits: 2, misses: 4 });

    // a change in the account drops what is cached for it: the new policy is read
    await t.iam().send(
      new PutUserPolicyCommand({
        UserName: 'u2',
        PolicyName: 'p',
        PolicyDocument:
          '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
      }),
    );
    expect(loader.size).toBe(0);
    expect((await loader.forPrincipal(u2)).identity).toHaveLength(1);
    expect(loader.stats.misses).toBe(5);
  });
});
