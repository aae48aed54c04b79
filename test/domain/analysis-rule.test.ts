// An unused-access analyzer's analysis rule: which exclusions are accepted for which analyzer, and
// which entities they exclude (by account, by tag set, by both).
import { describe, expect, it } from 'vitest';
import { type AnalysisRule, checkAnalysisRule, isExcluded } from '../../src/domain/index.ts';

const OWNER = '111111111111';
const MEMBER = '222222222222';
const org = { type: 'ORGANIZATION_UNUSED_ACCESS', account_id: OWNER } as const;
const account = { type: 'ACCOUNT_UNUSED_ACCESS', account_id: OWNER } as const;
const tags = (pairs: Record<string, string>) => Object.entries(pairs).map(([Key, Value]) => ({ Key, Value }));

describe('analysis rule', () => {
  it('accepts account exclusions for organization analyzers only, and never the owner account', () => {
    expect(checkAnalysisRule({ exclusions: [{ accountIds: [MEMBER] }] }, org)).toBeTruthy();
    expect(() => checkAnalysisRule({ exclusions: [{ accountIds: [MEMBER] }] }, account)).toThrow(
      /organization analyzers/,
    );
    expect(() => checkAnalysisRule({ exclusions: [{ accountIds: [OWNER] }] }, org)).toThrow(/owns it/);
    expect(() => checkAnalysisRule({ exclusions: [{ accountIds: ['12'] }] }, org)).toThrow(/not a valid/);
  });

  it('refuses an empty exclusion, an empty tag set, and any rule on an external access analyzer', () => {
    expect(() => checkAnalysisRule({ exclusions: [{}] }, account)).toThrow(/accountIds or resourceTags/);
    expect(() => checkAnalysisRule({ exclusions: [{ resourceTags: [{}] }] }, account)).toThrow(/empty/);
    expect(() => checkAnalysisRule({ exclusions: [] }, { type: 'ACCOUNT', account_id: OWNER })).toThrow(
      /unused access/,
    );
  });

  it('excludes an entity holding every pair of one tag set, not one holding part of each', () => {
    const rule: AnalysisRule = {
      exclusions: [{ resourceTags: [{ team: 'a', env: 'dev' }, { owner: 'x' }] }],
    };
    expect(isExcluded(rule, OWNER, tags({ team: 'a', env: 'dev', more: '1' }))).toBe(true);
    expect(isExcluded(rule, OWNER, tags({ owner: 'x' }))).toBe(true);
    expect(isExcluded(rule, OWNER, tags({ team: 'a', owner: 'y' }))).toBe(false);
    expect(isExcluded(rule, OWNER, [])).toBe(false);
    expect(isExcluded(undefined, OWNER, tags({ team: 'a' }))).toBe(false);
  });

  it('excludes a whole account, or only its tagged entities when the exclusion names both', () => {
    expect(isExcluded({ exclusions: [{ accountIds: [MEMBER] }] }, MEMBER, [])).toBe(true);
    expect(isExcluded({ exclusions: [{ accountIds: [MEMBER] }] }, OWNER, [])).toBe(false);
    const both: AnalysisRule = { exclusions: [{ accountIds: [MEMBER], resourceTags: [{ team: 'a' }] }] };
    expect(isExcluded(both, MEMBER, tags({ team: 'a' }))).toBe(true);
    expect(isExcluded(both, MEMBER, [])).toBe(false);
    expect(isExcluded(both, OWNER, tags({ team: 'a' }))).toBe(false);
  });
});
