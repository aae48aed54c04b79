// Migration 022: an unused-access analyzer's analysis rule (the exclusions UpdateAnalyzer and
// CreateAnalyzer set: accounts and resource tags whose entities get no findings), as JSON text; null
// for analyzers without one.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('analyzers').addColumn('analysis_rule', 'text').execute();
}
