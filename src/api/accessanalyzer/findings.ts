// ListFindingsV2, GetFindingV2, UpdateFindings and GetFindingsStatistics: an analyzer's findings,
// recomputed first (src/domain/analyzer/findings.ts), in AWS's FindingSummaryV2 / FindingDetails shapes;
// and the older ListFindings / GetFinding, which serve external-access analyzers only, in the flat
// FindingSummary / Finding shape. Both generations are authorized as access-analyzer:ListFindings and
// access-analyzer:GetFinding, as AWS documents.
import { defineAction } from '../action.ts';
import {
  analyzerValidation,
  checkFilter,
  isUnusedAccess,
  findingStatistics,
  findingWithId,
  queryFindings,
  updateFindingStatus,
  type FindingDetail,
} from '../../domain/index.ts';
import type { AnalyzerFindingRow, AnalyzerRow } from '../../store/index.ts';
import type { Analyzer } from '../../protocol/index.ts';
import { page, refreshedAnalyzer } from './analyzer-scope.ts';

type ResourceType = Analyzer.FindingSummaryV2['resourceType'];
type FindingType = NonNullable<Analyzer.FindingSummaryV2['findingType']>;

function summary(row: AnalyzerFindingRow): Analyzer.FindingSummaryV2 {
  return {
    id: row.finding_id,
    resource: row.resource,
    resourceType: row.resource_type as ResourceType,
    resourceOwnerAccount: row.resource_owner_account,
    status: row.status,
    findingType: row.finding_type as FindingType,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    analyzedAt: new Date(row.analyzed_at),
  };
}

const when = (at: string | undefined) => (at === undefined ? {} : { lastAccessed: new Date(at) });

/** A stored detail in AWS's FindingDetails shape (times as dates). */
function wireDetail(d: FindingDetail): Analyzer.FindingDetails {
  if ('externalAccessDetails' in d) return { externalAccessDetails: d.externalAccessDetails };
  if ('unusedIamRoleDetails' in d) return { unusedIamRoleDetails: when(d.unusedIamRoleDetails.lastAccessed) };
  if ('unusedIamUserPasswordDetails' in d)
    return { unusedIamUserPasswordDetails: when(d.unusedIamUserPasswordDetails.lastAccessed) };
  if ('unusedIamUserAccessKeyDetails' in d)
    return {
      unusedIamUserAccessKeyDetails: {
        accessKeyId: d.unusedIamUserAccessKeyDetails.accessKeyId,
        ...when(d.unusedIamUserAccessKeyDetails.lastAccessed),
      },
    };
  const p = d.unusedPermissionDetails;
  return {
    unusedPermissionDetails: {
      serviceNamespace: p.serviceNamespace,
      ...when(p.lastAccessed),
      ...(p.actions
        ? { actions: p.actions.map((a) => ({ action: a.action, ...when(a.lastAccessed) })) }
        : {}),
    },
  };
}

/** An external-access finding in the older API's flat shape (its first detail, as AWS has only one). */
function flatFinding(row: AnalyzerFindingRow): Analyzer.FindingSummary {
  const detail = (JSON.parse(row.details) as FindingDetail[]).find((d) => 'externalAccessDetails' in d);
  const access = detail && 'externalAccessDetails' in detail ? detail.externalAccessDetails : undefined;
  return {
    id: row.finding_id,
    resource: row.resource,
    resourceType: row.resource_type as ResourceType,
    resourceOwnerAccount: row.resource_owner_account,
    status: row.status,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    analyzedAt: new Date(row.analyzed_at),
    condition: access?.condition ?? {},
    ...(access
      ? {
          principal: access.principal,
          action: access.action,
          isPublic: access.isPublic,
          sources: access.sources,
        }
      : {}),
  };
}

/** The older finding operations refuse unused-access analyzers, as AWS does. */
function externalOnly(analyzer: AnalyzerRow, operation: string): AnalyzerRow {
  if (isUnusedAccess(analyzer.type))
    throw analyzerValidation(
      `${operation} is supported only for external access analyzers. Use ${operation}V2 for unused access analyzers.`,
      'notSupported',
    );
  return analyzer;
}

/** The analyzer's findings matching a filter, sorted as asked: what both ListFindings answer from. */
async function listedFindings(
  ctx: Parameters<typeof refreshedAnalyzer>[0],
  input: Analyzer.ListFindingsV2Request,
  operation: string,
): Promise<AnalyzerFindingRow[]> {
  if (input.filter) checkFilter(input.filter);
  let analyzer = await refreshedAnalyzer(ctx, input.analyzerArn);
  if (operation === 'ListFindings') analyzer = externalOnly(analyzer, operation);
  return ctx.services.store.read((repos) =>
    queryFindings(repos, analyzer, {
      ...(input.filter ? { filter: input.filter } : {}),
      ...(input.sort ? { sort: input.sort } : {}),
    }),
  );
}

export const ListFindings = defineAction({
  service: 'accessanalyzer',
  name: 'ListFindings',
  resource: (input) => input.analyzerArn,
  async handle(input, ctx) {
    const rows = await listedFindings(ctx, input, 'ListFindings');
    const { items, nextToken } = page(rows, input.nextToken, input.maxResults, 100);
    return { findings: items.map(flatFinding), ...(nextToken ? { nextToken } : {}) };
  },
});

export const ListFindingsV2 = defineAction({
  service: 'accessanalyzer',
  name: 'ListFindingsV2',
  iamAction: 'access-analyzer:ListFindings',
  resource: (input) => input.analyzerArn,
  async handle(input, ctx) {
    const rows = await listedFindings(ctx, input, 'ListFindingsV2');
    const { items, nextToken } = page(rows, input.nextToken, input.maxResults, 100);
    return { findings: items.map(summary), ...(nextToken ? { nextToken } : {}) };
  },
});

export const GetFinding = defineAction({
  service: 'accessanalyzer',
  name: 'GetFinding',
  resource: (input) => input.analyzerArn,
  async handle(input, ctx) {
    const analyzer = externalOnly(await refreshedAnalyzer(ctx, input.analyzerArn), 'GetFinding');
    const row = await ctx.services.store.read((repos) => findingWithId(repos, analyzer, input.id));
    return { finding: flatFinding(row) };
  },
});

export const GetFindingV2 = defineAction({
  service: 'accessanalyzer',
  name: 'GetFindingV2',
  iamAction: 'access-analyzer:GetFinding',
  resource: (input) => input.analyzerArn,
  async handle(input, ctx) {
    const analyzer = await refreshedAnalyzer(ctx, input.analyzerArn);
    const row = await ctx.services.store.read((repos) => findingWithId(repos, analyzer, input.id));
    const details = (JSON.parse(row.details) as FindingDetail[]).map(wireDetail);
    const { items, nextToken } = page(details, input.nextToken, input.maxResults, 100);
    return { ...summary(row), findingDetails: items, ...(nextToken ? { nextToken } : {}) };
  },
});

export const UpdateFindings = defineAction({
  service: 'accessanalyzer',
  name: 'UpdateFindings',
  resource: (input) => input.analyzerArn,
  async handle(input, ctx) {
    const analyzer = await refreshedAnalyzer(ctx, input.analyzerArn);
    await ctx.services.store.write(ctx.accountId, (repos) =>
      updateFindingStatus(
        repos,
        analyzer,
        input.status,
        {
          ...(input.ids ? { ids: input.ids } : {}),
          ...(input.resourceArn !== undefined ? { resourceArn: input.resourceArn } : {}),
        },
        ctx.now,
      ),
    );
  },
});

export const GetFindingsStatistics = defineAction({
  service: 'accessanalyzer',
  name: 'GetFindingsStatistics',
  resource: (input) => input.analyzerArn,
  async handle(input, ctx) {
    const analyzer = await refreshedAnalyzer(ctx, input.analyzerArn);
    const stats = await ctx.services.store.read((repos) => findingStatistics(repos, analyzer));
    const { kind, ...rest } = stats;
    const entry: Analyzer.FindingsStatistics =
      kind === 'external'
        ? { externalAccessFindingsStatistics: rest }
        : { unusedAccessFindingsStatistics: rest };
    return { findingsStatistics: [entry], lastUpdatedAt: ctx.now };
  },
});
