// Migration 010: IAM OpenID Connect identity providers. A provider is named by its ARN
// (arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH); `url` keeps the issuer URL with its scheme, which
// a token's `iss` must equal; client ids and thumbprints are JSON arrays in the order given. Tags
// live in the shared tags table under resource_type 'oidc-provider', keyed by the ARN.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('oidc_providers')
    .addColumn('arn', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.account_id'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('client_ids', 'text', (c) => c.notNull())
    .addColumn('thumbprints', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('oidc_providers_account').on('oidc_providers').column('account_id').execute();
}
