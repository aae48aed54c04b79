// Migration 034: MFA for account roots, and MFA enrolment at console sign-in.
// A virtual MFA device may now be enabled for an account's root (AWS allows it through the console
// only): its `user_id` then holds the account id, the root principal's id, so the column no longer
// references users. PostgreSQL drops that foreign key; SQLite cannot drop a column's reference, so
// the table is rebuilt without it, as 030 rebuilt it (mfa-devices-rebuild.ts).
// Console sign-in steps gain `enrolment_sealed`: the virtual MFA device a principal who must have MFA
// is enrolling (its name and seed, JSON), sealed under the master key, until the step ends.
import { type Kysely, SqliteAdapter } from 'kysely';
import { rebuildMfaDevices } from './mfa-devices-rebuild.ts';

const addEnrolment = (db: Kysely<unknown>) =>
  db.schema.alterTable('console_sessions').addColumn('enrolment_sealed', 'text').execute();

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    await addEnrolment(db);
    await db.schema.alterTable('mfa_devices').dropConstraint('mfa_devices_user_id_fkey').ifExists().execute();
    return;
  }
  // SQLite's migrations run outside a transaction (no transactional DDL in Kysely's adapter)
  await db.transaction().execute(async (tx) => {
    await addEnrolment(tx);
    await rebuildMfaDevices(tx, 'mfa_devices_034', {
      unique: { name: 'mfa_devices_account_path_name', columns: ['account_id', 'path', 'name_key'] },
      // an IAM user's id, or the account id for the account's root
      userReferences: false,
    });
  });
}
