// Migration 002: previous password hashes of each login profile, so that the account password
// policy's PasswordReusePrevention can be enforced. A JSON array of scrypt hashes, newest first.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('login_profiles')
    .addColumn('password_history', 'text', (c) => c.notNull().defaultTo(sql`'[]'`))
    .execute();
}
