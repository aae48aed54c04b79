// GetOrganizationsAccessReport: a generated Organizations access report, its services sorted as the
// SortKey asks (by namespace by default) and paginated, with how many are accessible and how many
// were never attempted.
import { defineAction } from '../action.ts';
import { type OrganizationsAccessDetail, readOrganizationsAccessReport } from '../../audit/index.ts';
import type { AccessDetail } from '../../protocol/index.ts';
import { decodeMarker, DEFAULT_MAX_ITEMS, encodeMarker } from '../../protocol/index.ts';
import { invalidInput } from '../../errors.ts';
import { ACCOUNT_WIDE } from './resource-arns.ts';

type Sorter = (a: OrganizationsAccessDetail, b: OrganizationsAccessDetail) => number;
const compare = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
const byNamespace: Sorter = (a, b) => compare(a.serviceNamespace, b.serviceNamespace);
// never attempted sorts before any time ascending, after any time descending
const byTime: Sorter = (a, b) =>
  compare(a.lastAuthenticatedTime ?? '', b.lastAuthenticatedTime ?? '') || byNamespace(a, b);

const SORTS: Readonly<Record<string, Sorter>> = {
  SERVICE_NAMESPACE_ASCENDING: byNamespace,
  SERVICE_NAMESPACE_DESCENDING: (a, b) => byNamespace(b, a),
  LAST_AUTHENTICATED_TIME_ASCENDING: byTime,
  LAST_AUTHENTICATED_TIME_DESCENDING: (a, b) => byTime(b, a),
};

const detailShape = (d: OrganizationsAccessDetail): AccessDetail => ({
  ServiceName: d.serviceName,
  ServiceNamespace: d.serviceNamespace,
  Region: d.region,
  EntityPath: d.entityPath,
  LastAuthenticatedTime:
    d.lastAuthenticatedTime === undefined ? undefined : new Date(d.lastAuthenticatedTime),
  TotalAuthenticatedEntities: d.totalAuthenticatedEntities,
});

export const GetOrganizationsAccessReport = defineAction({
  service: 'iam',
  name: 'GetOrganizationsAccessReport',
  resource: () => ACCOUNT_WIDE,
  async handle(input, ctx) {
    const { job, report } = await readOrganizationsAccessReport(
      ctx.services.store,
      ctx.accountId,
      input.JobId,
    );
    const sorted = [...report.details].sort(SORTS[input.SortKey ?? 'SERVICE_NAMESPACE_ASCENDING']);
    const from = input.Marker === undefined ? 0 : Number(decodeMarker(input.Marker));
    if (!Number.isInteger(from) || from < 0 || from > sorted.length) throw invalidInput('Invalid Marker.');
    const limit = input.MaxItems ?? DEFAULT_MAX_ITEMS;
    const items = sorted.slice(from, from + limit);
    const more = from + limit < sorted.length;
    return {
      JobStatus: 'COMPLETED' as const,
      JobCreationDate: new Date(job.createdAt),
      JobCompletionDate: new Date(job.completedAt),
      NumberOfServicesAccessible: report.details.length,
      NumberOfServicesNotAccessed: report.details.filter((d) => d.lastAuthenticatedTime === undefined).length,
      AccessDetails: items.map(detailShape),
      IsTruncated: more,
      ...(more ? { Marker: encodeMarker(String(from + limit)) } : {}),
    };
  },
});
