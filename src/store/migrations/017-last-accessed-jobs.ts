// Migration 017: service last accessed reports. Each GenerateServiceLastAccessedDetails call is a job
// whose report is computed when it is asked for and kept, so that GetServiceLastAccessedDetails and
// GetServiceLastAccessedDetailsWithEntities page through the same frozen result.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('service_last_accessed_jobs')
    /** The JobId handed to the caller: a UUID. */
    .addColumn('job_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    /** The user, group, role or managed policy the report is about. */
    .addColumn('arn', 'text', (c) => c.notNull())
    /** SERVICE_LEVEL or ACTION_LEVEL. */
    .addColumn('granularity', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text', (c) => c.notNull())
    /** The report as JSON (see src/audit/last-accessed-report.ts). */
    .addColumn('result', 'text', (c) => c.notNull())
    .execute();
}
