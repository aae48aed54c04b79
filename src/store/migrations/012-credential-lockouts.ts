// Migration 012: failure counts and temporary locks of guessable credentials (MFA devices, the MFA
// of a principal, a user's password), one row per key that has failed since its last success.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('credential_lockouts')
    .addColumn('lockout_key', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .execute();
}
