// Migration 014: the credential report. One row per account, its most recent report (the CSV as
// GetCredentialReport returns it) and when it was generated, so that every node of a cluster serves
// the same report and GenerateCredentialReport can tell whether one younger than four hours exists.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('credential_reports')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    /** ISO 8601. */
    .addColumn('generated_at', 'text', (c) => c.notNull())
    /** The report's CSV text. */
    .addColumn('content', 'text', (c) => c.notNull())
    .execute();
}
