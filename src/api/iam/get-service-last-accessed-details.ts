// GetServiceLastAccessedDetails: a generated report's services, by namespace, paginated; each with its
// last attempt (when, by whom, from where), how many entities attempted it and, for an ACTION_LEVEL
// job, its tracked actions.
import { defineAction } from '../action.ts';
import type { ServiceLastAccessed } from '../../protocol/index.ts';
import { readLastAccessedJob, type ReportService } from '../../audit/index.ts';
import { paginateList } from './paginate-list.ts';
import { ACCOUNT_WIDE } from './resource-arns.ts';

const date = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso));

function serviceShape(s: ReportService): ServiceLastAccessed {
  return {
    ServiceName: s.serviceName,
    ServiceNamespace: s.serviceNamespace,
    LastAuthenticated: date(s.lastAuthenticated),
    LastAuthenticatedEntity: s.lastAuthenticatedEntity,
    LastAuthenticatedRegion: s.lastAuthenticatedRegion,
    TotalAuthenticatedEntities: s.totalAuthenticatedEntities,
    TrackedActionsLastAccessed: s.trackedActions?.map((a) => ({
      ActionName: a.actionName,
      LastAccessedEntity: a.lastAccessedEntity,
      LastAccessedTime: date(a.lastAccessedTime),
      LastAccessedRegion: a.lastAccessedRegion,
    })),
  };
}

export const GetServiceLastAccessedDetails = defineAction({
  service: 'iam',
  name: 'GetServiceLastAccessedDetails',
  // the Service Authorization Reference names no resource type for it
  resource: () => ACCOUNT_WIDE,
  async handle(input, ctx) {
    const { job, report } = await readLastAccessedJob(ctx.services.store, ctx.accountId, input.JobId);
    const page = paginateList(report.services, input, (s) => s.serviceNamespace);
    return {
      JobStatus: 'COMPLETED' as const,
      JobType: job.granularity,
      JobCreationDate: new Date(job.createdAt),
      JobCompletionDate: new Date(job.completedAt),
      ServicesLastAccessed: page.items.map(serviceShape),
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  },
});
