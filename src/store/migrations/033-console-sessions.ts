// Migration 033: the web console's sign-ins. Console sessions (a cookie's token, kept as its hash, with
// the stage the sign-in has reached, the session credentials it acts with sealed, and the role it has
// switched into), and each account root's console password (a sign-in identifier and a scrypt hash,
// set by `tessera accounts set-root-password`).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('console_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    /** `user` or `root`. */
    .addColumn('identity_type', 'text', (c) => c.notNull())
    .addColumn('identity_arn', 'text', (c) => c.notNull())
    /** The IAM user's id (null for the root). */
    .addColumn('user_id', 'text')
    /** MFA (the password was right, the code is due), PASSWORD_CHANGE (a new one is due) or SIGNED_IN. */
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('mfa_used', 'integer', (c) => c.notNull().defaultTo(0))
    /** The signed-in identity's session credentials (JSON), sealed; null until signed in. */
    .addColumn('credentials_sealed', 'text')
    /** The role session switched into (JSON: credentials and how to show it), sealed; null when none. */
    .addColumn('role_sealed', 'text')
    /** JSON list of the last five roles switched into (account, role, display name, colour). */
    .addColumn('recent_roles', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('console_sessions_by_expiry')
    .on('console_sessions')
    .column('expires_at')
    .execute();
  await db.schema
    .createTable('console_root_passwords')
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    /** The root's sign-in identifier (an e-mail-like name), unique across accounts, lower case. */
    .addColumn('sign_in_name', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .execute();
}
