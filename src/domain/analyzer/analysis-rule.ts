// An unused-access analyzer's analysis rule: exclusions by account (organization analyzers only, never
// the analyzer's own account) and by resource tags. An entity matches an exclusion when its account is
// one of the exclusion's accounts (if it names any) and its tags hold every pair of one of the
// exclusion's tag sets (if it names any); an excluded entity gets no finding.
import type { AnalyzerRow } from '../../store/index.ts';
import { isOrganizationWide, isUnusedAccess } from './analyzer-types.ts';
import { analyzerValidation } from './analyzer-errors.ts';

export interface AnalysisRuleCriteria {
  accountIds?: string[];
  resourceTags?: Record<string, string>[];
}

export interface AnalysisRule {
  exclusions?: AnalysisRuleCriteria[];
}

/** AWS's limits: 2,000 accounts and 20 tag sets per exclusion. */
const MAX_ACCOUNTS = 2000;
const MAX_TAG_SETS = 20;

/** The rule checked against the analyzer it is for; AWS's ValidationException otherwise. */
export function checkAnalysisRule(
  rule: AnalysisRule,
  analyzer: Pick<AnalyzerRow, 'type' | 'account_id'>,
): AnalysisRule {
  if (!isUnusedAccess(analyzer.type))
    throw analyzerValidation(
      'Analysis rules are only supported for unused access analyzers.',
      'notSupported',
    );
  for (const c of rule.exclusions ?? []) {
    const accounts = c.accountIds ?? [];
    const tagSets = c.resourceTags ?? [];
    if (accounts.length === 0 && tagSets.length === 0)
      throw analyzerValidation('An exclusion must name accountIds or resourceTags.');
    if (accounts.length > 0 && !isOrganizationWide(analyzer.type))
      throw analyzerValidation('Account IDs can only be excluded by organization analyzers.');
    if (accounts.length > MAX_ACCOUNTS)
      throw analyzerValidation(`An exclusion can name at most ${MAX_ACCOUNTS} accounts.`);
    if (tagSets.length > MAX_TAG_SETS)
      throw analyzerValidation(`An exclusion can name at most ${MAX_TAG_SETS} sets of resource tags.`);
    for (const a of accounts) {
      if (!/^\d{12}$/.test(a)) throw analyzerValidation(`${a} is not a valid account ID.`);
      if (a === analyzer.account_id)
        throw analyzerValidation('An analyzer cannot exclude the account that owns it.');
    }
    for (const set of tagSets)
      if (Object.keys(set).length === 0) throw analyzerValidation('A set of resource tags cannot be empty.');
  }
  return rule;
}

/** The stored rule of an analyzer, if it has one. */
export function analysisRuleOf(analyzer: Pick<AnalyzerRow, 'analysis_rule'>): AnalysisRule | undefined {
  return analyzer.analysis_rule === null ? undefined : (JSON.parse(analyzer.analysis_rule) as AnalysisRule);
}

/** Whether an entity of `accountId` with these tags is excluded from analysis. */
export function isExcluded(
  rule: AnalysisRule | undefined,
  accountId: string,
  tags: readonly { Key: string; Value: string }[],
): boolean {
  for (const c of rule?.exclusions ?? []) {
    if (c.accountIds?.length && !c.accountIds.includes(accountId)) continue;
    if (!c.resourceTags?.length) return true;
    const held = new Map(tags.map((t) => [t.Key, t.Value]));
    if (c.resourceTags.some((set) => Object.entries(set).every(([k, v]) => held.get(k) === v))) return true;
  }
  return false;
}

/** Whether the rule can exclude anything by tag (so that entities' tags must be read). */
export const excludesByTag = (rule: AnalysisRule | undefined) =>
  (rule?.exclusions ?? []).some((c) => (c.resourceTags?.length ?? 0) > 0);
