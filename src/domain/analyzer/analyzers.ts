// IAM Access Analyzer's analyzers: their types, ARNs and unused-access age, the quotas AWS documents
// (one account analyzer per type, five organization analyzers per type), and who may create an
// organization analyzer (the management account or a delegated administrator for Access Analyzer).
import type { AnalyzerRow, ReadRepos, Repos } from '../../store/index.ts';
import { type AnalysisRule, checkAnalysisRule } from './analysis-rule.ts';
import { ANALYZER_TYPES, isOrganizationWide, isUnusedAccess } from './analyzer-types.ts';
import {
  ANALYZER_RESOURCE,
  analyzerNotFound,
  analyzerValidation,
  conflict,
  quotaExceeded,
} from './analyzer-errors.ts';

/** Access Analyzer's service principal, as Organizations registers delegated administrators for it. */
export const ACCESS_ANALYZER_PRINCIPAL = 'access-analyzer.amazonaws.com';

/** The tracking period when CreateAnalyzer names none, in days. */
export const DEFAULT_UNUSED_ACCESS_AGE = 90;

/** AWS's quotas: analyzers per analyzer type per account per Region. */
const ACCOUNT_ANALYZERS_PER_TYPE = 1;
const ORGANIZATION_ANALYZERS_PER_TYPE = 5;

export function analyzerArn(region: string, accountId: string, name: string): string {
  return `arn:aws:access-analyzer:${region}:${accountId}:analyzer/${name}`;
}

export interface NewAnalyzer {
  name: string;
  type: string;
  unusedAccessAge?: number;
  tags?: Record<string, string>;
  analysisRule?: AnalysisRule;
}

/** CreateAnalyzer: the new analyzer's row, after the checks AWS makes. */
export async function createAnalyzer(
  repos: Repos,
  accountId: string,
  region: string,
  input: NewAnalyzer,
  now: Date,
): Promise<AnalyzerRow> {
  const type = ANALYZER_TYPES.find((t) => t === input.type);
  if (!type) throw analyzerValidation(`Analyzer type ${input.type} is not supported.`, 'notSupported');
  if (input.unusedAccessAge !== undefined && !isUnusedAccess(type))
    throw analyzerValidation('Unused access configuration is only valid for unused access analyzers.');
  const age = isUnusedAccess(type) ? (input.unusedAccessAge ?? DEFAULT_UNUSED_ACCESS_AGE) : null;
  if (age !== null && (!Number.isInteger(age) || age < 1 || age > 365))
    throw analyzerValidation('unusedAccessAge must be between 1 and 365 days.');
  if (await repos.analyzerFindings.analyzer(accountId, input.name))
    throw conflict(`An analyzer named ${input.name} already exists.`, input.name, ANALYZER_RESOURCE);
  let orgId: string | null = null;
  if (isOrganizationWide(type)) orgId = await administeredOrgId(repos, accountId);
  const sameType = (await repos.analyzerFindings.analyzers(accountId)).filter((a) => a.type === type);
  const quota = isOrganizationWide(type) ? ORGANIZATION_ANALYZERS_PER_TYPE : ACCOUNT_ANALYZERS_PER_TYPE;
  if (sameType.length >= quota)
    throw quotaExceeded(
      `The account already has ${sameType.length} analyzer(s) of type ${type}, the most allowed.`,
      input.name,
      ANALYZER_RESOURCE,
    );
  if (input.tags) checkAnalyzerTags(input.tags);
  const rule = input.analysisRule
    ? checkAnalysisRule(input.analysisRule, { type, account_id: accountId })
    : undefined;
  const row: AnalyzerRow = {
    account_id: accountId,
    name: input.name,
    arn: analyzerArn(region, accountId, input.name),
    type,
    unused_access_age: age,
    org_id: orgId,
    tags: JSON.stringify(input.tags ?? {}),
    created_at: now.toISOString(),
    analysis_rule: rule ? JSON.stringify(rule) : null,
  };
  await repos.analyzerFindings.insertAnalyzer(row);
  return row;
}

/** The organization an account may analyze as a whole: it manages it or administers Access Analyzer. */
async function administeredOrgId(repos: ReadRepos, accountId: string): Promise<string> {
  const refuse = () =>
    analyzerValidation(
      'An organization analyzer can only be created by the organization management account or a delegated administrator for Access Analyzer.',
      'notSupported',
    );
  const org = await repos.organizations.ofAccount(accountId);
  if (!org) throw refuse();
  if (org.management_account_id === accountId) return org.org_id;
  const admins = await repos.organizations.delegatedAdmins(org.org_id);
  if (admins.some((a) => a.account_id === accountId && a.service_principal === ACCESS_ANALYZER_PRINCIPAL))
    return org.org_id;
  throw refuse();
}

/** The account's analyzer of this name: ResourceNotFoundException when there is none. */
export async function analyzerNamed(repos: ReadRepos, accountId: string, name: string): Promise<AnalyzerRow> {
  const row = await repos.analyzerFindings.analyzer(accountId, name);
  if (!row) throw analyzerNotFound(name);
  return row;
}

/** The account's analyzer with this ARN: ResourceNotFoundException for any other. */
export async function analyzerWithArn(
  repos: ReadRepos,
  accountId: string,
  arn: string,
): Promise<AnalyzerRow> {
  const row = await repos.analyzerFindings.analyzerByArn(arn);
  if (!row || row.account_id !== accountId) throw analyzerNotFound(arn.split('/').pop() ?? arn);
  return row;
}

/** DeleteAnalyzer: the analyzer, its archive rules and its findings; the row deleted. */
export async function deleteAnalyzer(repos: Repos, accountId: string, name: string): Promise<AnalyzerRow> {
  const row = await analyzerNamed(repos, accountId, name);
  await repos.analyzerFindings.deleteAnalyzer(accountId, name);
  return row;
}

/** The accounts an analyzer covers: its own, or every account of its organization. */
export async function analyzedAccounts(repos: ReadRepos, analyzer: AnalyzerRow): Promise<string[]> {
  if (!analyzer.org_id) return [analyzer.account_id];
  const org = await repos.organizations.byId(analyzer.org_id);
  if (!org) return [analyzer.account_id];
  const members = await repos.organizations.members(org.org_id);
  return [...new Set([org.management_account_id, ...members.map((m) => m.account_id)])].sort();
}

/** AWS's tag limits for Access Analyzer resources. */
const MAX_TAGS = 50;

function checkAnalyzerTags(tags: Record<string, string>): void {
  const keys = Object.keys(tags);
  if (keys.length > MAX_TAGS) throw analyzerValidation(`A resource can have at most ${MAX_TAGS} tags.`);
  for (const key of keys) {
    if (key.length < 1 || key.length > 128)
      throw analyzerValidation(`Tag key ${key} must be between 1 and 128 characters long.`);
    if (key.toLowerCase().startsWith('aws:'))
      throw analyzerValidation(`Tag key ${key} uses the reserved prefix aws:.`);
    if ((tags[key] ?? '').length > 256)
      throw analyzerValidation(`The value of tag ${key} must be at most 256 characters long.`);
  }
}

export interface AnalyzerChanges {
  unusedAccessAge?: number;
  analysisRule?: AnalysisRule;
}

/**
 * UpdateAnalyzer: an unused-access analyzer's tracking period and analysis rule (external-access
 * analyzers have nothing to change, as AWS answers); the updated row.
 */
export async function updateAnalyzer(
  repos: Repos,
  accountId: string,
  name: string,
  changes: AnalyzerChanges,
): Promise<AnalyzerRow> {
  const row = await analyzerNamed(repos, accountId, name);
  if (!isUnusedAccess(row.type))
    throw analyzerValidation(
      'UpdateAnalyzer is not supported for external access analyzers.',
      'notSupported',
    );
  const age = changes.unusedAccessAge ?? row.unused_access_age;
  if (age !== null && (!Number.isInteger(age) || age < 1 || age > 365))
    throw analyzerValidation('unusedAccessAge must be between 1 and 365 days.');
  const rule = changes.analysisRule !== undefined ? checkAnalysisRule(changes.analysisRule, row) : undefined;
  const patch = {
    unused_access_age: age,
    analysis_rule: rule !== undefined ? JSON.stringify(rule) : row.analysis_rule,
  };
  await repos.analyzerFindings.updateAnalyzer(row.arn, patch);
  return { ...row, ...patch };
}

/** TagResource on an analyzer: the tags added or overwritten. */
export async function tagAnalyzer(
  repos: Repos,
  analyzer: AnalyzerRow,
  tags: Record<string, string>,
): Promise<void> {
  const next = { ...(JSON.parse(analyzer.tags) as Record<string, string>), ...tags };
  checkAnalyzerTags(next);
  await repos.analyzerFindings.updateAnalyzer(analyzer.arn, { tags: JSON.stringify(next) });
}

/** UntagResource on an analyzer: the tags with these keys removed (keys it lacks are ignored). */
export async function untagAnalyzer(
  repos: Repos,
  analyzer: AnalyzerRow,
  keys: readonly string[],
): Promise<void> {
  const next = Object.fromEntries(
    Object.entries(JSON.parse(analyzer.tags) as Record<string, string>).filter(([k]) => !keys.includes(k)),
  );
  await repos.analyzerFindings.updateAnalyzer(analyzer.arn, { tags: JSON.stringify(next) });
}
