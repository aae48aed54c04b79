// Migration 007: virtual MFA devices. Each device is named by its serial number (its ARN), holds its
// TOTP seed sealed under the master key, and is enabled for at most one user at a time. The last
// accepted time step makes every code single-use; the drift is what ResyncMFADevice learnt about the
// device's clock, in time steps.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mfa_devices')
    .addColumn('serial_number', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.account_id'))
    .addColumn('device_name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('seed_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.user_id'))
    .addColumn('enabled_at', 'text')
    .addColumn('last_step', 'integer')
    .addColumn('drift_steps', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('mfa_devices_account_name', ['account_id', 'name_key'])
    .execute();
  await db.schema.createIndex('mfa_devices_user').on('mfa_devices').column('user_id').execute();
}
