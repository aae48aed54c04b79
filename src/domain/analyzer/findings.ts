// An analyzer's findings: recomputed from the entities (external access from trust policies, unused
// access from last-used and last-accessed data) and reconciled with what is stored — a finding keeps
// its id for the same key, is RESOLVED when its condition is gone and ACTIVE again when it returns,
// and a new one that an archive rule matches starts ARCHIVED. Then listing, UpdateFindings and
// GetFindingsStatistics over the stored findings.
import { randomUUID } from 'node:crypto';
import type { AnalyzerFindingRow, AnalyzerRow, ReadRepos, Repos } from '../../store/index.ts';
import { analysisRuleOf } from './analysis-rule.ts';
import { isUnusedAccess } from './analyzer-types.ts';
import { analyzedAccounts } from './analyzers.ts';
import { analyzerValidation, FINDING_RESOURCE, resourceNotFound } from './analyzer-errors.ts';
import { matchesFilter, parseFilter, type FindingFilter } from './archive-rules.ts';
import { roleExternalAccess } from './external-access.ts';
import type { ComputedFinding, FindingDetail } from './finding-shapes.ts';
import { accountUnusedAccess, allRoles, type PendingUses } from './unused-access.ts';

export type FindingStatus = AnalyzerFindingRow['status'];

/** What the analyzer finds now, across the accounts it covers. */
async function computeFindings(
  repos: ReadRepos,
  analyzer: AnalyzerRow,
  now: Date,
  pending: PendingUses,
): Promise<ComputedFinding[]> {
  const accounts = await analyzedAccounts(repos, analyzer);
  const out: ComputedFinding[] = [];
  if (isUnusedAccess(analyzer.type)) {
    for (const account of accounts)
      out.push(
        ...(await accountUnusedAccess(
          repos,
          account,
          analyzer.unused_access_age ?? 90,
          now,
          pending,
          analysisRuleOf(analyzer),
        )),
      );
    return out;
  }
  const zone = { accounts: new Set(accounts), ...(analyzer.org_id ? { orgId: analyzer.org_id } : {}) };
  for (const account of accounts)
    for (const role of await allRoles(repos, account))
      if (!role.linked_service) out.push(...roleExternalAccess(role, zone));
  return out;
}

/** Recomputes the analyzer's findings and stores the differences. */
export async function refreshFindings(
  repos: Repos,
  analyzer: AnalyzerRow,
  now: Date,
  pending: PendingUses,
): Promise<void> {
  const computed = await computeFindings(repos, analyzer, now, pending);
  const stored = await repos.analyzerFindings.findings(analyzer.arn);
  const byKey = new Map(stored.map((f) => [f.finding_key, f]));
  const rules = (await repos.analyzerFindings.archiveRules(analyzer.arn)).map(parseFilter);
  const archived = (row: AnalyzerFindingRow) => rules.some((r) => matchesFilter(row, r));
  const at = now.toISOString();
  const seen = new Set<string>();
  for (const c of computed) {
    seen.add(c.key);
    const details = JSON.stringify(c.details);
    const existing = byKey.get(c.key);
    if (!existing) {
      const row: AnalyzerFindingRow = {
        analyzer_arn: analyzer.arn,
        finding_id: randomUUID(),
        finding_key: c.key,
        finding_type: c.findingType,
        resource: c.resource,
        resource_type: c.resourceType,
        resource_owner_account: c.resourceOwnerAccount,
        status: 'ACTIVE',
        details,
        created_at: at,
        updated_at: at,
        analyzed_at: at,
      };
      if (archived(row)) row.status = 'ARCHIVED';
      await repos.analyzerFindings.insertFinding(row);
      continue;
    }
    const reopened = existing.status === 'RESOLVED';
    if (!reopened && existing.details === details) continue;
    const next: AnalyzerFindingRow = { ...existing, details, updated_at: at, analyzed_at: at };
    if (reopened) next.status = archived(next) ? 'ARCHIVED' : 'ACTIVE';
    await repos.analyzerFindings.updateFinding(analyzer.arn, existing.finding_id, {
      details,
      status: next.status,
      updated_at: at,
      analyzed_at: at,
    });
  }
  for (const f of stored) {
    if (seen.has(f.finding_key) || f.status === 'RESOLVED') continue;
    await repos.analyzerFindings.updateFinding(analyzer.arn, f.finding_id, {
      status: 'RESOLVED',
      updated_at: at,
      analyzed_at: at,
    });
  }
}

const SORT_COLUMNS: Readonly<Record<string, keyof AnalyzerFindingRow>> = {
  id: 'finding_id',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  analyzedAt: 'analyzed_at',
  resource: 'resource',
  resourceType: 'resource_type',
  resourceOwnerAccount: 'resource_owner_account',
  findingType: 'finding_type',
  status: 'status',
};

export interface FindingQuery {
  filter?: FindingFilter;
  sort?: { attributeName?: string; orderBy?: 'ASC' | 'DESC' };
}

/** The analyzer's findings a filter matches, sorted (by creation time unless asked otherwise). */
export async function queryFindings(
  repos: ReadRepos,
  analyzer: AnalyzerRow,
  query: FindingQuery,
): Promise<AnalyzerFindingRow[]> {
  const rows = (await repos.analyzerFindings.findings(analyzer.arn)).filter(
    (r) => !query.filter || matchesFilter(r, query.filter),
  );
  const name = query.sort?.attributeName ?? 'createdAt';
  const column = SORT_COLUMNS[name];
  if (!column) throw analyzerValidation(`Sorting by ${name} is not supported.`, 'notSupported');
  const sign = query.sort?.orderBy === 'DESC' ? -1 : 1;
  return rows.sort((a, b) => {
    const x = String(a[column]);
    const y = String(b[column]);
    return (x < y ? -1 : x > y ? 1 : a.finding_id < b.finding_id ? -1 : 1) * sign;
  });
}

export async function findingWithId(
  repos: ReadRepos,
  analyzer: AnalyzerRow,
  id: string,
): Promise<AnalyzerFindingRow> {
  const row = await repos.analyzerFindings.finding(analyzer.arn, id);
  if (!row) throw resourceNotFound(`Finding ${id} not found.`, id, FINDING_RESOURCE);
  return row;
}

/** UpdateFindings: sets ACTIVE or ARCHIVED on the findings named by id or by resource. */
export async function updateFindingStatus(
  repos: Repos,
  analyzer: AnalyzerRow,
  status: 'ACTIVE' | 'ARCHIVED',
  target: { ids?: string[]; resourceArn?: string },
  now: Date,
): Promise<void> {
  if (!target.ids?.length && target.resourceArn === undefined)
    throw analyzerValidation('Either ids or resourceArn must be specified.');
  const rows: AnalyzerFindingRow[] = [];
  for (const id of target.ids ?? []) rows.push(await findingWithId(repos, analyzer, id));
  if (target.resourceArn !== undefined)
    rows.push(
      ...(await repos.analyzerFindings.findings(analyzer.arn)).filter(
        (f) => f.resource === target.resourceArn,
      ),
    );
  for (const row of rows) {
    if (row.status === status || row.status === 'RESOLVED') continue;
    await repos.analyzerFindings.updateFinding(analyzer.arn, row.finding_id, {
      status,
      updated_at: now.toISOString(),
    });
  }
}

export interface ExternalAccessStatistics {
  kind: 'external';
  totalActiveFindings: number;
  totalArchivedFindings: number;
  totalResolvedFindings: number;
  resourceTypeStatistics: Record<
    string,
    { totalActivePublic: number; totalActiveCrossAccount: number; totalActiveErrors: number }
  >;
}

export interface UnusedAccessStatistics {
  kind: 'unused';
  totalActiveFindings: number;
  totalArchivedFindings: number;
  totalResolvedFindings: number;
  unusedAccessTypeStatistics: { unusedAccessType: string; total: number }[];
  topAccounts: { account: string; numberOfActiveFindings: number; details: Record<string, number> }[];
}

/** GetFindingsStatistics: counts by status, and by resource type or unused-access type. */
export async function findingStatistics(
  repos: ReadRepos,
  analyzer: AnalyzerRow,
): Promise<ExternalAccessStatistics | UnusedAccessStatistics> {
  const rows = await repos.analyzerFindings.findings(analyzer.arn);
  const count = (s: FindingStatus) => rows.filter((r) => r.status === s).length;
  const totals = {
    totalActiveFindings: count('ACTIVE'),
    totalArchivedFindings: count('ARCHIVED'),
    totalResolvedFindings: count('RESOLVED'),
  };
  const active = rows.filter((r) => r.status === 'ACTIVE');
  if (isUnusedAccess(analyzer.type)) {
    const byType = new Map<string, number>();
    const byAccount = new Map<string, Record<string, number>>();
    for (const r of active) {
      byType.set(r.finding_type, (byType.get(r.finding_type) ?? 0) + 1);
      const d = byAccount.get(r.resource_owner_account) ?? {};
      d[r.finding_type] = (d[r.finding_type] ?? 0) + 1;
      byAccount.set(r.resource_owner_account, d);
    }
    const topAccounts = [...byAccount.entries()]
      .map(([account, details]) => ({
        account,
        numberOfActiveFindings: Object.values(details).reduce((a, b) => a + b, 0),
        details,
      }))
      .sort((a, b) => b.numberOfActiveFindings - a.numberOfActiveFindings || (a.account < b.account ? -1 : 1))
      .slice(0, 10);
    return {
      kind: 'unused',
      ...totals,
      unusedAccessTypeStatistics: [...byType.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([unusedAccessType, total]) => ({ unusedAccessType, total })),
      topAccounts,
    };
  }
  const resourceTypeStatistics: ExternalAccessStatistics['resourceTypeStatistics'] = {};
  for (const r of active) {
    const s = (resourceTypeStatistics[r.resource_type] ??= {
      totalActivePublic: 0,
      totalActiveCrossAccount: 0,
      totalActiveErrors: 0,
    });
    const details = JSON.parse(r.details) as FindingDetail[];
    if (details.some((d) => 'externalAccessDetails' in d && d.externalAccessDetails.isPublic))
      s.totalActivePublic++;
    else s.totalActiveCrossAccount++;
  }
  return { kind: 'external', ...totals, resourceTypeStatistics };
}
