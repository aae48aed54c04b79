// Service last accessed reports: one row per GenerateServiceLastAccessedDetails job, its report computed
// at once and stored as JSON, read back by job id within the account that generated it.
import type { Db } from './db.ts';

export type LastAccessedGranularity = 'SERVICE_LEVEL' | 'ACTION_LEVEL';

/** One generated report. */
export interface LastAccessedJob {
  /** A UUID, the JobId the caller was given. */
  jobId: string;
  accountId: string;
  /** The user, group, role or managed policy the report is about. */
  arn: string;
  granularity: LastAccessedGranularity;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601. */
  completedAt: string;
  /** The report as JSON text; its shape belongs to src/audit/last-accessed-report.ts. */
  result: string;
}

/** Reading reports. */
export interface LastAccessedJobReader {
  /** The account's job with this id, or undefined (also when the job belongs to another account). */
  get(accountId: string, jobId: string): Promise<LastAccessedJob | undefined>;
}

/** Reports, read and written. No cache depends on a report: writes announce no change. */
export interface LastAccessedJobRepo extends LastAccessedJobReader {
  /** Stores a new job; a job id already stored is a unique violation. */
  insert(job: LastAccessedJob): Promise<void>;
}

export function lastAccessedJobRepo(db: Db): LastAccessedJobRepo {
  return {
    async get(accountId, jobId) {
      const row = await db
        .selectFrom('service_last_accessed_jobs')
        .selectAll()
        .where('job_id', '=', jobId)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        jobId: row.job_id,
        accountId: row.account_id,
        arn: row.arn,
        granularity: row.granularity,
        createdAt: row.created_at,
        completedAt: row.completed_at,
        result: row.result,
      };
    },
    async insert(job) {
      await db
        .insertInto('service_last_accessed_jobs')
        .values({
          job_id: job.jobId,
          account_id: job.accountId,
          arn: job.arn,
          granularity: job.granularity,
          created_at: job.createdAt,
          completed_at: job.completedAt,
          result: job.result,
        })
        .execute();
    },
  };
}
