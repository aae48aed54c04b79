// Migration 015: delivering the audit trail as CloudTrail log files and signed digest files. Each
// account's RSA signing keys (the private half sealed under the master key), and how far delivery
// has come: one row per account (its digest chain and the log files not yet in a digest) and one row,
// account '*', holding where delivery of every account has reached.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_signing_keys')
    .addColumn('account_id', 'text', (c) => c.notNull())
    /** The public key's fingerprint (hex), as digests name it in digestPublicKeyFingerprint. */
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('public_key_pem', 'text', (c) => c.notNull())
    /** The PKCS#8 private key, sealed with the master key (never in clear). */
    .addColumn('sealed_private_key', 'text', (c) => c.notNull())
    /** ISO 8601: when the key started signing. */
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_signing_keys_pk', ['account_id', 'key_id'])
    .execute();
  await db.schema
    .createTable('audit_delivery')
    /** A 12-digit account, or '*' for the row holding where delivery of every account has reached. */
    .addColumn('account_id', 'text', (c) => c.primaryKey())
    /** ISO 8601: events before this time are delivered (for an account: its newest log file's end). */
    .addColumn('delivered_until', 'text', (c) => c.notNull())
    /** ISO 8601: the end of the account's newest digest, or where its first digest starts. */
    .addColumn('last_digest_end', 'text')
    .addColumn('last_digest_object', 'text')
    /** Hex: the newest digest's signature and the SHA-256 of its uncompressed bytes. */
    .addColumn('last_digest_signature', 'text')
    .addColumn('last_digest_hash', 'text')
    /** JSON: the log files delivered since the newest digest, for the next one to list. */
    .addColumn('pending_log_files', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}
