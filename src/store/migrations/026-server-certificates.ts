// Migration 026: IAM server certificates (for load balancers and CloudFront): the public certificate
// and chain in PEM, and the private key sealed under the master key; a name is unique in its account
// regardless of case.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('server_certificates')
    .addColumn('server_certificate_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.account_id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('arn', 'text', (c) => c.notNull())
    .addColumn('certificate_body', 'text', (c) => c.notNull())
    .addColumn('certificate_chain', 'text')
    .addColumn('private_key_sealed', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('server_certificates_account_name', ['account_id', 'name_key'])
    .execute();
}
