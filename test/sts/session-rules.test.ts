// The pure rules behind STS: account-encoding access key ids, session durations, the packed size
// approximation, and what a chained role session inherits.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/domain/principal.ts';
import type { RoleRow } from '../../src/store/repos/index.ts';
import { accessKeyIdForAccount, accountOfAccessKeyId } from '../../src/sts/access-key-account.ts';
import { roleSessionClaims } from '../../src/sts/issue-session.ts';
import { principalFromClaims } from '../../src/domain/session-principal.ts';
import {
  packedPolicyPercent,
  roleSessionDuration,
  userSessionDuration,
} from '../../src/sts/session-rules.ts';

const role = {
  role_id: 'AROAEXAMPLEEXAMPLE12',
  account_id: '123456789012',
  role_name: 'app',
  path: '/team/',
  arn: 'arn:aws:iam::123456789012:role/team/app',
} as RoleRow;
const now = new Date('2025-01-01T00:00:00Z');

describe('access key ids', () => {
  it('encode their account as AWS does, and decode AWS-published examples', () => {
    for (const account of ['123456789012', '000000000001', '999999999999']) {
      const id = accessKeyIdForAccount('ASIA', account);
      expect(id).toMatch(/^ASIA[A-Z2-7]{16}$/);
      expect(accountOfAccessKeyId(id)).toBe(account);
    }
    expect(accountOfAccessKeyId('ASIAY34FZKBOKMUTVV7A')).toBe('609629065308');
    expect(accountOfAccessKeyId('not-a-key')).toBeUndefined();
  });
});

describe('durations', () => {
  it('default to an hour for roles and cap chains at an hour', () => {
    expect(roleSessionDuration(undefined, 7200, false)).toBe(3600);
    expect(roleSessionDuration(7200, 7200, false)).toBe(7200);
    expect(() => roleSessionDuration(3601, 7200, true)).toThrow(/1 hour session limit/);
    expect(() => roleSessionDuration(7201, 7200, false)).toThrow(/MaxSessionDuration/);
  });
  it('default to 12 hours for users and cut the root to one hour', () => {
    const user = {
      type: 'user',
      accountId: '1',
      arn: 'a',
      id: 'AIDA',
      userName: 'u',
      path: '/',
    } as Principal;
    const root = { type: 'root', accountId: '1', arn: 'a', id: '1' } as Principal;
    expect(userSessionDuration(undefined, user)).toBe(43_200);
    expect(userSessionDuration(129_600, root)).toBe(3600);
  });
});

describe('packed policy size', () => {
  it('is a percentage that grows with content and refuses more than 100%', () => {
    const small = packedPolicyPercent({ sessionPolicy: '{"Version":"2012-10-17","Statement":[]}' }, []);
    expect(small).toBeGreaterThan(0);
    expect(small).toBeLessThan(10);
    const tags = Array.from({ length: 50 }, (_, i): [string, string] => [
      `k${i}`,
      randomBytes(192).toString('base64url'),
    ]);
    expect(() => packedPolicyPercent({}, tags)).toThrow(/^Packed policy consumes \d+% of allotted space/);
    expect(packedPolicyPercent({}, [])).toBe(0);
  });
});

describe('role session claims', () => {
  it('name the session with the role id and an ARN without the role path', () => {
    const claims = roleSessionClaims({ role, sessionName: 'build', durationSeconds: 900, now });
    expect(claims.arn).toBe('arn:aws:sts::123456789012:assumed-role/app/build');
    expect(claims.userId).toBe('AROAEXAMPLEEXAMPLE12:build');
    expect(claims.expiresAt - claims.issuedAt).toBe(900);
    expect(claims.chainDepth).toBe(0);
    const principal = principalFromClaims({ ...claims, accessKeyId: 'ASIA', secretAccessKey: 's' });
    expect(principal).toMatchObject({
      type: 'assumed-role',
      roleArn: role.arn,
      rolePath: '/team/',
      sessionName: 'build',
    });
  });

  it('carry transitive tags and source identity down a chain, dropping non-transitive tags', () => {
    const first = roleSessionClaims({
      role,
      sessionName: 'one',
      durationSeconds: 900,
      now,
      sourceIdentity: 'alice',
      tags: [
        { Key: 'Team', Value: 'red' },
        { Key: 'cost', Value: '1' },
      ],
      transitiveTagKeys: ['team'],
    });
    const caller = principalFromClaims({ ...first, accessKeyId: 'ASIA', secretAccessKey: 's' });
    const second = roleSessionClaims({
      role,
      sessionName: 'two',
      durationSeconds: 900,
      now,
      caller,
      tags: [{ Key: 'x', Value: 'y' }],
    });
    expect(second.tags).toEqual([
      ['Team', 'red'],
      ['x', 'y'],
    ]);
    expect(second.transitiveTagKeys).toEqual(['Team']);
    expect(second.sourceIdentity).toBe('alice');
    expect(second.chainDepth).toBe(1);
  });
});
