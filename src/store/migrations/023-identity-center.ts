// Migration 023: IAM Identity Center. The instance (one per organization, with its identity store),
// the identity store's users (with the password and TOTP device people sign in with; failed attempts
// are counted by the credential lockouts of migration 012), groups and
// memberships, permission sets, account assignments, which permission set is provisioned to which
// account (as which role), and the record of asynchronous requests that the status operations read.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('idc_instances')
    /** arn:aws:sso:::instance/ssoins-<16 hex>. */
    .addColumn('instance_arn', 'text', (c) => c.primaryKey())
    /** d-<10 hex>. */
    .addColumn('identity_store_id', 'text', (c) => c.notNull().unique())
    .addColumn('owner_account_id', 'text', (c) => c.notNull())
    /** The organization the instance serves; null for an account instance. */
    .addColumn('org_id', 'text')
    .addColumn('name', 'text')
    /** JSON object of tags. */
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('idc_users')
    .addColumn('identity_store_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('user_name', 'text', (c) => c.notNull())
    /** The user name in lower case: unique in the identity store regardless of case. */
    .addColumn('user_name_key', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text')
    /** JSON: every other attribute in AWS's shape (Name, Emails, PhoneNumbers, Addresses, Title …). */
    .addColumn('attributes', 'text', (c) => c.notNull())
    /** ENABLED or DISABLED. */
    .addColumn('status', 'text', (c) => c.notNull())
    /** scrypt hash of the sign-in password, null until one is set. */
    .addColumn('password_hash', 'text')
    .addColumn('password_set_at', 'text')
    /** 1 when the user must choose a new password at the next sign-in (one an administrator set). */
    .addColumn('password_reset_required', 'integer', (c) => c.notNull().defaultTo(0))
    /** The TOTP secret, sealed; null without an MFA device. */
    .addColumn('mfa_secret', 'text')
    .addColumn('mfa_registered_at', 'text')
    /** The last TOTP time step accepted, so a code is not accepted twice. */
    .addColumn('mfa_last_step', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('idc_users_pk', ['identity_store_id', 'user_id'])
    .addUniqueConstraint('idc_users_name', ['identity_store_id', 'user_name_key'])
    .execute();
  await db.schema
    .createTable('idc_groups')
    .addColumn('identity_store_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('display_name_key', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    /** JSON list of AWS's ExternalId ({ Issuer, Id }), or null. */
    .addColumn('external_ids', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('idc_groups_pk', ['identity_store_id', 'group_id'])
    .addUniqueConstraint('idc_groups_name', ['identity_store_id', 'display_name_key'])
    .execute();
  await db.schema
    .createTable('idc_group_memberships')
    .addColumn('identity_store_id', 'text', (c) => c.notNull())
    .addColumn('membership_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('idc_group_memberships_pk', ['identity_store_id', 'membership_id'])
    .addUniqueConstraint('idc_group_memberships_pair', ['identity_store_id', 'group_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('idc_group_memberships_user')
    .on('idc_group_memberships')
    .columns(['identity_store_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('idc_permission_sets')
    /** arn:aws:sso:::permissionSet/ssoins-<16 hex>/ps-<16 hex>. */
    .addColumn('permission_set_arn', 'text', (c) => c.primaryKey())
    .addColumn('instance_arn', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    /** ISO 8601 duration, PT1H by default. */
    .addColumn('session_duration', 'text', (c) => c.notNull())
    .addColumn('relay_state', 'text')
    .addColumn('inline_policy', 'text')
    /** JSON list of AWS managed policy ARNs. */
    .addColumn('managed_policies', 'text', (c) => c.notNull())
    /** JSON list of customer managed policy references ({ Name, Path }). */
    .addColumn('customer_managed_policies', 'text', (c) => c.notNull())
    /** JSON: the permissions boundary ({ ManagedPolicyArn } or { CustomerManagedPolicyReference }). */
    .addColumn('permissions_boundary', 'text')
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    /** When the permission set last changed: accounts provisioned before it are out of date. */
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('idc_permission_sets_name', ['instance_arn', 'name'])
    .execute();
  await db.schema
    .createTable('idc_account_assignments')
    .addColumn('instance_arn', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('permission_set_arn', 'text', (c) => c.notNull())
    /** USER or GROUP. */
    .addColumn('principal_type', 'text', (c) => c.notNull())
    .addColumn('principal_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idc_account_assignments_pk', [
      'instance_arn',
      'account_id',
      'permission_set_arn',
      'principal_type',
      'principal_id',
    ])
    .execute();
  await db.schema
    .createIndex('idc_account_assignments_principal')
    .on('idc_account_assignments')
    .columns(['instance_arn', 'principal_id'])
    .execute();
  await db.schema
    .createTable('idc_provisioned')
    .addColumn('permission_set_arn', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('instance_arn', 'text', (c) => c.notNull())
    /** AWSReservedSSO_<permission set name>_<16 hex>. */
    .addColumn('role_name', 'text', (c) => c.notNull())
    .addColumn('provisioned_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idc_provisioned_pk', ['permission_set_arn', 'account_id'])
    .execute();
  await db.schema
    .createTable('idc_requests')
    /** The request id the status operations take (a UUID). */
    .addColumn('request_id', 'text', (c) => c.primaryKey())
    .addColumn('instance_arn', 'text', (c) => c.notNull())
    /** ASSIGNMENT_CREATION, ASSIGNMENT_DELETION, PERMISSION_SET_PROVISIONING. */
    .addColumn('kind', 'text', (c) => c.notNull())
    /** IN_PROGRESS, FAILED or SUCCEEDED. */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('failure_reason', 'text')
    /** JSON: the request's subject (account, permission set, principal) in AWS's status shape. */
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('idc_requests_instance')
    .on('idc_requests')
    .columns(['instance_arn', 'kind', 'created_at'])
    .execute();
}
