// Archive rules: filters on finding fields (eq, neq, contains, exists) that archive the findings
// they match — new findings as they appear, and existing ones when ApplyArchiveRule asks. Also the
// same filters ListFindingsV2 takes.
import type { AnalyzerFindingRow, ArchiveRuleRow, ReadRepos, Repos } from '../../store/index.ts';
import {
  ARCHIVE_RULE_RESOURCE,
  analyzerValidation,
  conflict,
  quotaExceeded,
  resourceNotFound,
} from './analyzer-errors.ts';
import type { FindingDetail } from './finding-shapes.ts';

export interface Criterion {
  eq?: string[];
  neq?: string[];
  contains?: string[];
  exists?: boolean;
}

export type FindingFilter = Record<string, Criterion>;

/** AWS's quota: archive rules per analyzer. */
const ARCHIVE_RULES_PER_ANALYZER = 100;

/** The values a finding holds for a filter key (`status`, `principal.AWS`, `condition.sts:ExternalId` …). */
export function findingValues(row: AnalyzerFindingRow, key: string): string[] {
  switch (key) {
    case 'id':
      return [row.finding_id];
    case 'status':
      return [row.status];
    case 'resource':
      return [row.resource];
    case 'resourceType':
      return [row.resource_type];
    case 'resourceOwnerAccount':
      return [row.resource_owner_account];
    case 'findingType':
      return [row.finding_type];
  }
  const details = JSON.parse(row.details) as FindingDetail[];
  const external = details.flatMap((d) => ('externalAccessDetails' in d ? [d.externalAccessDetails] : []));
  if (key === 'isPublic') return external.map((e) => String(e.isPublic));
  if (key === 'action') return external.flatMap((e) => e.action);
  const dot = key.indexOf('.');
  if (dot > 0) {
    const head = key.slice(0, dot);
    const rest = key.slice(dot + 1);
    if (head === 'principal') return external.flatMap((e) => (e.principal[rest] ? [e.principal[rest]] : []));
    if (head === 'condition') return external.flatMap((e) => (e.condition[rest] ? [e.condition[rest]] : []));
  }
  if (key === 'accessKeyId')
    return details.flatMap((d) =>
      'unusedIamUserAccessKeyDetails' in d ? [d.unusedIamUserAccessKeyDetails.accessKeyId] : [],
    );
  if (key === 'serviceNamespace')
    return details.flatMap((d) =>
      'unusedPermissionDetails' in d ? [d.unusedPermissionDetails.serviceNamespace] : [],
    );
  return [];
}

function matchesCriterion(values: readonly string[], c: Criterion): boolean {
  if (c.eq && !values.some((v) => c.eq!.includes(v))) return false;
  if (c.neq && values.some((v) => c.neq!.includes(v))) return false;
  if (c.contains && !values.some((v) => c.contains!.some((part) => v.includes(part)))) return false;
  if (c.exists !== undefined && c.exists !== values.length > 0) return false;
  return true;
}

/** Whether a finding matches every criterion of a filter. */
export function matchesFilter(row: AnalyzerFindingRow, filter: FindingFilter): boolean {
  return Object.entries(filter).every(([key, c]) => matchesCriterion(findingValues(row, key), c));
}

/** A filter as AWS accepts it: each criterion names at least one test, each list 1 to 20 values. */
export function checkFilter(filter: FindingFilter): void {
  for (const [key, c] of Object.entries(filter)) {
    const lists = [c.eq, c.neq, c.contains].filter((l) => l !== undefined);
    if (lists.length === 0 && c.exists === undefined)
      throw analyzerValidation(`The criterion for ${key} must name eq, neq, contains or exists.`);
    if (lists.some((l) => l.length < 1 || l.length > 20))
      throw analyzerValidation(`The criterion for ${key} must have 1 to 20 values.`);
  }
}

export function parseFilter(rule: ArchiveRuleRow): FindingFilter {
  return JSON.parse(rule.filter) as FindingFilter;
}

const ruleNotFound = (name: string) =>
  resourceNotFound(`Archive rule ${name} not found.`, name, ARCHIVE_RULE_RESOURCE);

export async function archiveRuleNamed(
  repos: ReadRepos,
  analyzerArn: string,
  ruleName: string,
): Promise<ArchiveRuleRow> {
  const row = await repos.analyzerFindings.archiveRule(analyzerArn, ruleName);
  if (!row) throw ruleNotFound(ruleName);
  return row;
}

export async function createArchiveRule(
  repos: Repos,
  analyzerArn: string,
  ruleName: string,
  filter: FindingFilter,
  now: Date,
): Promise<ArchiveRuleRow> {
  checkFilter(filter);
  if (await repos.analyzerFindings.archiveRule(analyzerArn, ruleName))
    throw conflict(`An archive rule named ${ruleName} already exists.`, ruleName, ARCHIVE_RULE_RESOURCE);
  if ((await repos.analyzerFindings.archiveRules(analyzerArn)).length >= ARCHIVE_RULES_PER_ANALYZER)
    throw quotaExceeded(
      'The analyzer already has the most archive rules allowed.',
      ruleName,
      ARCHIVE_RULE_RESOURCE,
    );
  const at = now.toISOString();
  const row = {
    analyzer_arn: analyzerArn,
    rule_name: ruleName,
    filter: JSON.stringify(filter),
    created_at: at,
    updated_at: at,
  };
  await repos.analyzerFindings.insertArchiveRule(row);
  return row;
}

export async function updateArchiveRule(
  repos: Repos,
  analyzerArn: string,
  ruleName: string,
  filter: FindingFilter,
  now: Date,
): Promise<void> {
  checkFilter(filter);
  await archiveRuleNamed(repos, analyzerArn, ruleName);
  await repos.analyzerFindings.updateArchiveRule(
    analyzerArn,
    ruleName,
    JSON.stringify(filter),
    now.toISOString(),
  );
}

export async function deleteArchiveRule(repos: Repos, analyzerArn: string, ruleName: string): Promise<void> {
  await archiveRuleNamed(repos, analyzerArn, ruleName);
  await repos.analyzerFindings.deleteArchiveRule(analyzerArn, ruleName);
}

/** ApplyArchiveRule: archives the ACTIVE findings the rule matches; how many it archived. */
export async function applyArchiveRule(
  repos: Repos,
  analyzerArn: string,
  ruleName: string,
  now: Date,
): Promise<number> {
  const filter = parseFilter(await archiveRuleNamed(repos, analyzerArn, ruleName));
  let n = 0;
  for (const f of await repos.analyzerFindings.findings(analyzerArn)) {
    if (f.status !== 'ACTIVE' || !matchesFilter(f, filter)) continue;
    await repos.analyzerFindings.updateFinding(analyzerArn, f.finding_id, {
      status: 'ARCHIVED',
      updated_at: now.toISOString(),
    });
    n++;
  }
  return n;
}
