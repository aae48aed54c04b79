// Wildcards, ARNs, IP ranges, the request context and the policy-set cache.
import { describe, expect, it } from 'vitest';
import { compileArnPattern, splitArn } from '../../src/policy/arn-pattern.ts';
import { compileGlob, matchSteps } from '../../src/policy/glob-pattern.ts';
import { parseIpAddress, parseIpRange, rangeContains } from '../../src/policy/ip-address.ts';
import { PolicySetCache, prepareRequest } from '../../src/policy/index.ts';

describe('wildcard matching', () => {
  it('matches * and ? anywhere, and everything else literally', () => {
    expect(compileGlob('a*b?c')('aXXbYc')).toBe(true);
    expect(compileGlob('a*b?c')('abc')).toBe(false);
    expect(compileGlob('*')('')).toBe(true);
    expect(compileGlob('a.c')('abc')).toBe(false);
    expect(compileGlob('**')('anything')).toBe(true);
  });

  // Cost in the matcher's counted steps (test/policy/pattern-matching-work.test.ts bounds it in general).
  it('stays linear on patterns that make backtracking matchers explode', () => {
    for (const pattern of [`${'*a'.repeat(40)}*b`, `${'*a'.repeat(40)}*b*`]) {
      const text = 'a'.repeat(20_000);
      const { matched, steps } = matchSteps(pattern, text, { limit: 1_000_000 });
      expect(matched).toBe(false);
      expect(steps).toBeLessThanOrEqual(pattern.length + text.length);
    }
  });

  it('stays linear in the value on long pieces with ? (the simulator attack)', () => {
    // quadratic matching took about 9 s here; the bit-parallel automaton reads each character once
    // with at most ceil(4,001 / 32) = 126 words of state
    const pattern = `*${'a?'.repeat(2000)}b*`;
    const text = 'a'.repeat(400_000);
    const { matched, steps } = matchSteps(pattern, text, { limit: 126 * 400_001 });
    expect(matched).toBe(false);
    expect(steps).toBeLessThanOrEqual(126 * (text.length + 1));
    expect(compileGlob(pattern)(`${'a'.repeat(5000)}b`)).toBe(true);
  });

  it('stays linear on long literal pieces that defeat indexOf', () => {
    const pattern = `x*${'a'.repeat(2000)}b${'a'.repeat(2000)}*y`;
    const text = `x${'a'.repeat(400_000)}y`;
    // Knuth–Morris–Pratt: each character read once, plus at most as many fallbacks
    const { matched, steps } = matchSteps(pattern, text, { limit: 10 * text.length });
    expect(matched).toBe(false);
    expect(steps).toBeLessThanOrEqual(2 * text.length);
  });

  it('treats characters marked literal as themselves', () => {
    const m = compileGlob({ text: 'a*', literal: Uint8Array.from([0, 1]) });
    expect(m('a*')).toBe(true);
    expect(m('ab')).toBe(false);
  });
});

describe('ARN patterns', () => {
  it('matches segment by segment and keeps colons in the resource segment', () => {
    const m = compileArnPattern({ text: 'arn:aws:logs:*:111122223333:log-group:app:*' });
    const arn = 'arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:s';
    expect(m(splitArn(arn), arn)).toBe(true);
    const other = 'arn:aws:logs:us-east-1:999:x:111122223333:log-group:app:s';
    expect(m(splitArn(other), other)).toBe(false);
  });
});

describe('IP ranges', () => {
  it('contains addresses of the same family within the prefix', () => {
    const v4 = parseIpRange('203.0.113.0/24');
    const v6 = parseIpRange('2001:db8::/32');
    expect(v4 && rangeContains(v4, parseIpAddress('203.0.113.255') ?? { v6: false, value: 0n, n: 0 })).toBe(
      true,
    );
    expect(v6 && rangeContains(v6, parseIpAddress('2001:db8:ffff::1') ?? { v6: true, value: 0n, n: 0 })).toBe(
      true,
    );
    expect(parseIpAddress('256.1.1.1')).toBeUndefined();
    expect(parseIpAddress('1.2.3')).toBeUndefined();
    expect(parseIpAddress('::ffff:192.0.2.1')?.v6).toBe(true);
    expect(parseIpRange('10.0.0.0/33')).toBeUndefined();
  });
});

describe('the request context', () => {
  it('derives principal keys and reads tag keys case-insensitively', () => {
    const req = prepareRequest({
      action: 'S3:GetObject',
      resource: 'arn:aws:s3:::b/k',
      principal: {
        type: 'AssumedRole',
        arn: 'arn:aws:sts::111122223333:assumed-role/app/s1',
        roleArn: 'arn:aws:iam::111122223333:role/app',
        account: '111122223333',
        tags: { Team: 'red' },
        orgPaths: ['o-1/r-1/ou-1/'],
      },
      globals: { currentTime: new Date('2026-01-01T00:00:00Z'), requestTags: { env: 'prod' } },
      keys: { 'S3:Prefix': 'home/' },
    });
    expect(req.actionLower).toBe('s3:getobject');
    expect(req.get('aws:principalarn')?.values).toEqual(['arn:aws:iam::111122223333:role/app']);
    expect(req.get('aws:principaltype')?.values).toEqual(['AssumedRole']);
    expect(req.get('aws:principaltag/team')?.values).toEqual(['red']);
    expect(req.get('aws:principalorgpaths')).toEqual({ values: ['o-1/r-1/ou-1/'], multivalued: true });
    expect(req.get('aws:epochtime')?.values).toEqual(['1767225600']);
    expect(req.get('aws:tagkeys')?.values).toEqual(['env']);
    expect(req.get('s3:prefix')?.values).toEqual(['home/']);
    expect(req.get('aws:username')).toBeUndefined();
    expect(req.resourceAccount).toBe('111122223333');
  });
});

describe('PolicySetCache', () => {
  it('drops exactly the sets that depend on a changed policy', () => {
    const cache = new PolicySetCache();
    cache.set('alice', {}, ['policy/A', 'group/dev']);
    cache.set('bob', {}, ['policy/B', 'group/dev']);
    cache.set('carol', {}, ['policy/C']);
    expect(cache.invalidate('policy/A')).toBe(1);
    expect(cache.get('alice')).toBeUndefined();
    expect(cache.invalidate('group/dev')).toBe(1);
    expect(cache.get('bob')).toBeUndefined();
    expect(cache.get('carol')).toBeDefined();
  });

  it('keeps to its size by dropping the oldest entry', () => {
    const cache = new PolicySetCache(2);
    cache.set('a', {}, []);
    cache.set('b', {}, []);
    cache.set('c', {}, []);
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
  });
});
