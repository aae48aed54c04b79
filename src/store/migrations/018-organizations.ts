// Migration 018: AWS Organizations. An organization (one per management account) with its root, its
// organizational units and member accounts, its policies (SCPs, RCPs) and their attachments, the
// services it trusts and their delegated administrators, account-creation requests and invitations.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('organizations')
    /** `o-` and 10 lower-case letters or digits. */
    .addColumn('org_id', 'text', (c) => c.primaryKey())
    .addColumn('management_account_id', 'text', (c) => c.notNull().unique())
    /** `r-` and 4 lower-case letters or digits. */
    .addColumn('root_id', 'text', (c) => c.notNull().unique())
    .addColumn('feature_set', 'text', (c) => c.notNull())
    /** JSON array of the policy types enabled on the root (SERVICE_CONTROL_POLICY …). */
    .addColumn('policy_types', 'text', (c) => c.notNull())
    /** IAM's central root access: RootCredentialsManagement and RootSessions, 0/1. */
    .addColumn('root_credentials_management', 'integer', (c) => c.notNull())
    .addColumn('root_sessions', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('org_units')
    .addColumn('ou_id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    /** The root's or another OU's id. */
    .addColumn('parent_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('org_units_parent').on('org_units').columns(['parent_id', 'name']).execute();
  await db.schema
    .createTable('org_accounts')
    /** An account belongs to at most one organization. */
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    /** ACTIVE, SUSPENDED or PENDING_CLOSURE. */
    .addColumn('status', 'text', (c) => c.notNull())
    /** CREATED or INVITED. */
    .addColumn('joined_method', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('org_accounts_parent')
    .on('org_accounts')
    .columns(['org_id', 'parent_id'])
    .execute();
  await db.schema
    .createTable('org_policies')
    .addColumn('org_id', 'text', (c) => c.notNull())
    /** `p-` and 8–128 characters; AWS's own policies keep their fixed ids (p-FullAWSAccess). */
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('policy_type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('aws_managed', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('org_policies_pk', ['org_id', 'policy_id'])
    .execute();
  await db.schema
    .createTable('org_policy_targets')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    /** A root, OU or account id. */
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('attached_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('org_policy_targets_pk', ['org_id', 'policy_id', 'target_id'])
    .execute();
  await db.schema
    .createIndex('org_policy_targets_target')
    .on('org_policy_targets')
    .columns(['org_id', 'target_id'])
    .execute();
  await db.schema
    .createTable('org_service_access')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('service_principal', 'text', (c) => c.notNull())
    .addColumn('enabled_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('org_service_access_pk', ['org_id', 'service_principal'])
    .execute();
  await db.schema
    .createTable('org_delegated_admins')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('service_principal', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('org_delegated_admins_pk', ['org_id', 'account_id', 'service_principal'])
    .execute();
  await db.schema
    .createTable('org_create_account_requests')
    /** `car-` and 8–32 lower-case letters or digits. */
    .addColumn('request_id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('account_name', 'text', (c) => c.notNull())
    /** IN_PROGRESS, SUCCEEDED or FAILED. */
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('account_id', 'text')
    .addColumn('failure_reason', 'text')
    .execute();
  await db.schema
    .createTable('org_handshakes')
    /** `h-` and 8–32 lower-case letters or digits. */
    .addColumn('handshake_id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    /** The invited account. */
    .addColumn('target_account_id', 'text', (c) => c.notNull())
    /** INVITE (the only action Tessera's handshakes take). */
    .addColumn('action', 'text', (c) => c.notNull())
    /** REQUESTED, OPEN, CANCELED, ACCEPTED, DECLINED or EXPIRED. */
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('org_handshakes_target')
    .on('org_handshakes')
    .columns(['target_account_id'])
    .execute();
}
