// Migration 016: last-accessed data. For each IAM user and role, the last time it was authenticated
// for each service and each action (the request's region with it), as Access Advisor reports them.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('access_activity')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('entity_arn', 'text', (c) => c.notNull())
    /** The service prefix, lower case (`s3`, `iam`). */
    .addColumn('service_namespace', 'text', (c) => c.notNull())
    /** The action's name as requested (`GetObject`). */
    .addColumn('action_name', 'text', (c) => c.notNull())
    .addColumn('last_authenticated', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('access_activity_pk', [
      'account_id',
      'entity_arn',
      'service_namespace',
      'action_name',
    ])
    .execute();
}
