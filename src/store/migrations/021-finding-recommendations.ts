// Migration 021: Access Analyzer's finding recommendations. GenerateFindingRecommendation records when
// a finding's recommendation was asked for; GetFindingRecommendation computes it from the account as it
// is then, and answers ResourceNotFoundException for a finding never asked about.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('finding_recommendations')
    .addColumn('analyzer_arn', 'text', (c) => c.notNull())
    .addColumn('finding_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('finding_recommendations_pk', ['analyzer_arn', 'finding_id'])
    .execute();
}
