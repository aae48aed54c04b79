// Migration 027: IAM users' service-specific credentials (CodeCommit and Keyspaces user names and
// passwords; Bedrock and CloudWatch Logs API keys), each secret sealed under the master key.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('service_specific_credentials')
    .addColumn('credential_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.account_id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.user_id'))
    .addColumn('service_name', 'text', (c) => c.notNull())
    .addColumn('service_user_name', 'text')
    .addColumn('service_credential_alias', 'text')
    .addColumn('secret_sealed', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .execute();
  await db.schema
    .createIndex('service_specific_credentials_user')
    .on('service_specific_credentials')
    .column('user_id')
    .execute();
  await db.schema
    .createIndex('service_specific_credentials_account')
    .on('service_specific_credentials')
    .column('account_id')
    .execute();
}
