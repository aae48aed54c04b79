// Migration 029: IAM delegation requests (temporary delegation to a partner): the request a partner
// account files, its owner and approver once the customer takes it up, its state in AWS's lifecycle,
// and the sealed trade-in token that SendDelegationToken releases to the partner.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('delegation_requests')
    .addColumn('delegation_request_id', 'text', (c) => c.primaryKey())
    .addColumn('requestor_account_id', 'text', (c) => c.notNull())
    .addColumn('requestor_workflow_id', 'text', (c) => c.notNull())
    .addColumn('owner_account_id', 'text')
    .addColumn('owner_id', 'text')
    .addColumn('approver_id', 'text')
    .addColumn('approver', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('request_message', 'text')
    .addColumn('permissions', 'text', (c) => c.notNull())
    .addColumn('permission_policy', 'text', (c) => c.notNull())
    .addColumn('redirect_url', 'text')
    .addColumn('notification_channel', 'text', (c) => c.notNull())
    .addColumn('session_duration', 'integer', (c) => c.notNull())
    .addColumn('only_send_by_owner', 'integer', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('rejection_reason', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finalized_at', 'text')
    .addColumn('trade_in_token_sealed', 'text')
    .addUniqueConstraint('delegation_requests_workflow_unique', [
      'requestor_account_id',
      'requestor_workflow_id',
    ])
    .execute();
  await db.schema
    .createIndex('delegation_requests_owner')
    .on('delegation_requests')
    .columns(['owner_account_id', 'created_at'])
    .execute();
}
