// Migration 030: virtual MFA devices are unique by path and name (any case), as in AWS, where the
// device's ARN is arn:aws:iam::ACCOUNT:mfa/PATH/NAME; migration 007 made them unique by name alone.
// PostgreSQL swaps the unique constraint; SQLite cannot drop a table constraint, so the table is
// rebuilt with the new one (no other table references it) in one transaction.
// Also: each account's STS preference (SetSecurityTokenServicePreferences), the version of the
// session tokens the global STS endpoint issues: 1 (v1Token, AWS's default) or 2 (v2Token).
import { type Kysely, SqliteAdapter } from 'kysely';
import { rebuildMfaDevices } from './mfa-devices-rebuild.ts';

const UNIQUE_NAME = 'mfa_devices_account_path_name';
const UNIQUE_COLUMNS = ['account_id', 'path', 'name_key'] as const;

const addTokenVersion = (db: Kysely<unknown>) =>
  db.schema
    .alterTable('accounts')
    .addColumn('global_endpoint_token_version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    await addTokenVersion(db);
    await db.schema.alterTable('mfa_devices').dropConstraint('mfa_devices_account_name').execute();
    await db.schema
      .alterTable('mfa_devices')
      .addUniqueConstraint(UNIQUE_NAME, [...UNIQUE_COLUMNS])
      .execute();
    return;
  }
  // SQLite's migrations run outside a transaction (no transactional DDL in Kysely's adapter)
  await db.transaction().execute(async (tx) => {
    await addTokenVersion(tx);
    await rebuildMfaDevices(tx, 'mfa_devices_030', {
      unique: { name: UNIQUE_NAME, columns: UNIQUE_COLUMNS },
      userReferences: true,
    });
  });
}
