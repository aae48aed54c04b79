// Migration 028: outbound web identity federation. Each account's switch and issuer URL (kept after a
// disable, so tokens issued before still verify and a re-enable keeps the same issuer), and the ring
// of keys that sign GetWebIdentityToken's JWTs (private halves sealed under the master key).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outbound_web_identity')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.account_id'))
    .addColumn('issuer_id', 'text', (c) => c.notNull().unique())
    .addColumn('issuer_url', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('web_identity_signing_keys')
    .addColumn('key_id', 'text', (c) => c.primaryKey())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('private_key_sealed', 'text', (c) => c.notNull())
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
