// Migration 019: an organization's resource-based delegation policy (PutResourcePolicy): at most one per
// organization, with the id its ARN ends in.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('org_resource_policies')
    /** One policy an organization. */
    .addColumn('org_id', 'text', (c) => c.primaryKey())
    /** `rp-` and 8 lower-case letters or digits, kept when the policy is replaced. */
    .addColumn('policy_id', 'text', (c) => c.notNull().unique())
    /** The document as PutResourcePolicy was given it. */
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
