// Migration 032: the SAML assertions AssumeRoleWithSAML has accepted, by provider and assertion ID,
// kept until they expire, so that an assertion is redeemed once across every node sharing the store.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('saml_assertion_uses')
    .addColumn('provider_arn', 'text', (c) => c.notNull())
    .addColumn('assertion_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('saml_assertion_uses_pk', ['provider_arn', 'assertion_id'])
    .execute();
  await db.schema
    .createIndex('saml_assertion_uses_by_expiry')
    .on('saml_assertion_uses')
    .column('expires_at')
    .execute();
}
