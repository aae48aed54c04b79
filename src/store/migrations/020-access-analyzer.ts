// Migration 020: IAM Access Analyzer. Analyzers (one name per account), their archive rules, and the
// findings each analyzer holds, with a key per (resource, kind) so that a finding keeps its id while
// its condition lasts and is moved to RESOLVED when it is gone.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('analyzers')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('arn', 'text', (c) => c.notNull().unique())
    /** ACCOUNT, ORGANIZATION, ACCOUNT_UNUSED_ACCESS or ORGANIZATION_UNUSED_ACCESS. */
    .addColumn('type', 'text', (c) => c.notNull())
    /** Days without use that make access unused (unused-access analyzers), else null. */
    .addColumn('unused_access_age', 'integer')
    /** The organization an ORGANIZATION* analyzer covers, else null. */
    .addColumn('org_id', 'text')
    /** JSON object of tags. */
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('analyzers_pk', ['account_id', 'name'])
    .execute();
  await db.schema
    .createTable('analyzer_archive_rules')
    .addColumn('analyzer_arn', 'text', (c) => c.notNull())
    .addColumn('rule_name', 'text', (c) => c.notNull())
    /** JSON object: finding field → criterion ({eq}, {neq}, {contains}, {exists}). */
    .addColumn('filter', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('analyzer_archive_rules_pk', ['analyzer_arn', 'rule_name'])
    .execute();
  await db.schema
    .createTable('analyzer_findings')
    .addColumn('analyzer_arn', 'text', (c) => c.notNull())
    /** A UUID, stable for the same finding key. */
    .addColumn('finding_id', 'text', (c) => c.notNull())
    /** What makes two computations the same finding: kind, resource and (external access) principal. */
    .addColumn('finding_key', 'text', (c) => c.notNull())
    .addColumn('finding_type', 'text', (c) => c.notNull())
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource_owner_account', 'text', (c) => c.notNull())
    /** ACTIVE, ARCHIVED or RESOLVED. */
    .addColumn('status', 'text', (c) => c.notNull())
    /** JSON: the finding's details (AWS's FindingDetails members, dates as ISO text). */
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('analyzed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('analyzer_findings_pk', ['analyzer_arn', 'finding_id'])
    .execute();
  await db.schema
    .createIndex('analyzer_findings_key')
    .on('analyzer_findings')
    .columns(['analyzer_arn', 'finding_key'])
    .unique()
    .execute();
}
