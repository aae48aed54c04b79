// Migration 030: virtual MFA devices are unique by path and name (any case), as in AWS, where the
// device's ARN is arn:aws:iam::ACCOUNT:mfa/PATH/NAME; migration 007 made them unique by name alone.
// PostgreSQL swaps the unique constraint; SQLite cannot drop a table constraint, so the table is
// rebuilt with the new one (no other table references it) in one transaction.
// Also: each account's STS preference (SetSecurityTokenServicePreferences), the version of the
// session tokens the global STS endpoint issues: 1 (v1Token, AWS's default) or 2 (v2Token).
import { type Kysely, sql, SqliteAdapter } from 'kysely';

const COLUMNS = [
  'serial_number',
  'account_id',
  'device_name',
  'name_key',
  'path',
  'seed_sealed',
  'created_at',
  'user_id',
  'enabled_at',
  'last_step',
  'drift_steps',
] as const;

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
    await tx.schema
      .createTable('mfa_devices_030')
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
      .addUniqueConstraint(UNIQUE_NAME, [...UNIQUE_COLUMNS])
      .execute();
    const columns = sql.join(COLUMNS.map((c) => sql.ref(c)));
    await sql`insert into mfa_devices_030 (${columns}) select ${columns} from mfa_devices`.execute(tx);
    await tx.schema.dropTable('mfa_devices').execute();
    await tx.schema.alterTable('mfa_devices_030').renameTo('mfa_devices').execute();
    await tx.schema.createIndex('mfa_devices_user').on('mfa_devices').column('user_id').execute();
  });
}
