// SQLite cannot alter a table's constraints, so migrations that change those of mfa_devices rebuild
// it (SQLite's documented twelve steps): a new table with the constraints wanted, the rows copied,
// the old table dropped and the new one renamed, its index made again, in one transaction (nothing
// references mfa_devices). Migrations 030 and 034 depend on exactly this: change it only by adding
// options whose default keeps what they get.
import { type Kysely, sql } from 'kysely';

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

export interface MfaDevicesShape {
  /** The unique constraint on the account and the device's name (and path). */
  unique: { name: string; columns: readonly (typeof COLUMNS)[number][] };
  /** Whether user_id references users (until migration 034: the root's devices hold the account id). */
  userReferences: boolean;
}

/** Rebuilds mfa_devices with `shape`, inside `tx`; `temporary` names the table while it is built. */
export async function rebuildMfaDevices(
  tx: Kysely<unknown>,
  temporary: string,
  shape: MfaDevicesShape,
): Promise<void> {
  await tx.schema
    .createTable(temporary)
    .addColumn('serial_number', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.account_id'))
    .addColumn('device_name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('seed_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => (shape.userReferences ? c.references('users.user_id') : c))
    .addColumn('enabled_at', 'text')
    .addColumn('last_step', 'integer')
    .addColumn('drift_steps', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint(shape.unique.name, [...shape.unique.columns])
    .execute();
  const columns = sql.join(COLUMNS.map((c) => sql.ref(c)));
  await sql`insert into ${sql.table(temporary)} (${columns}) select ${columns} from mfa_devices`.execute(tx);
  await tx.schema.dropTable('mfa_devices').execute();
  await tx.schema.alterTable(temporary).renameTo('mfa_devices').execute();
  await tx.schema.createIndex('mfa_devices_user').on('mfa_devices').column('user_id').execute();
}
