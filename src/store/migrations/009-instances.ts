// Migration 009: named instances that carry an instance profile, for the workload-credentials
// endpoints (IMDS and container credentials). An instance's secret is kept only as a SHA-256 digest;
// the profile is referenced by id without a foreign key, so deleting a profile is not blocked (the
// instance then gets no credentials, as an EC2 instance whose profile is gone).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('instances')
    .addColumn('instance_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.account_id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('instance_profile_id', 'text', (c) => c.notNull())
    .addColumn('secret_digest', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('instances_account_name', ['account_id', 'name_key'])
    .execute();
}
