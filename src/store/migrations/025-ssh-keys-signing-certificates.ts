// Migration 025: IAM users' SSH public keys (for CodeCommit) and X.509 signing certificates (of users
// and of the account root, user_id null). A key is stored once per user (by its MD5 fingerprint); a
// certificate once per account (by the SHA-256 digest of its DER form).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ssh_public_keys')
    .addColumn('ssh_public_key_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.account_id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.user_id'))
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('key_body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('ssh_public_keys_user_fingerprint', ['user_id', 'fingerprint'])
    .execute();

  await db.schema
    .createTable('signing_certificates')
    .addColumn('certificate_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.account_id'))
    .addColumn('user_id', 'text', (c) => c.references('users.user_id'))
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('certificate_body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('signing_certificates_account_digest', ['account_id', 'digest'])
    .execute();
  await db.schema
    .createIndex('signing_certificates_user')
    .on('signing_certificates')
    .column('user_id')
    .execute();
}
