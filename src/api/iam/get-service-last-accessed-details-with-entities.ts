// GetServiceLastAccessedDetailsWithEntities: for one service of a generated report, the users and
// roles it covers (a group's members, a policy's users and roles, or the user or role itself), the
// most recent attempt first, paginated.
import { defineAction } from '../action.ts';
import { entityLastAccess, readLastAccessedJob } from '../../audit/index.ts';
import { paginateList } from './paginate-list.ts';
import { ACCOUNT_WIDE } from './resource-arns.ts';

/** The position in the report's order, as a fixed-width key, so that markers keep that order. */
const positionKey = (i: number) => i.toString().padStart(8, '0');

export const GetServiceLastAccessedDetailsWithEntities = defineAction({
  service: 'iam',
  name: 'GetServiceLastAccessedDetailsWithEntities',
  // the Service Authorization Reference names no resource type for it
  resource: () => ACCOUNT_WIDE,
  async handle(input, ctx) {
    const { job, report } = await readLastAccessedJob(ctx.services.store, ctx.accountId, input.JobId);
    const rows = entityLastAccess(report, input.ServiceNamespace).map((row, i) => ({
      row,
      key: positionKey(i),
    }));
    const page = paginateList(rows, input, (r) => r.key);
    return {
      JobStatus: 'COMPLETED' as const,
      JobCreationDate: new Date(job.createdAt),
      JobCompletionDate: new Date(job.completedAt),
      EntityDetailsList: page.items.map(({ row }) => ({
        EntityInfo: {
          Arn: row.entity.arn,
          Name: row.entity.name,
          Type: row.entity.type,
          Id: row.entity.id,
          Path: row.entity.path,
        },
        LastAuthenticated: row.lastAuthenticated === undefined ? undefined : new Date(row.lastAuthenticated),
      })),
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  },
});
