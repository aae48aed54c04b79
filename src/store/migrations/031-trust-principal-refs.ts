// Migration 031: which IAM users and roles each role's trust policy names, by unique id, as they
// were when the policy was saved. When one of them is deleted, the policies naming it are rewritten
// to show its unique id (AIDA…/AROA…), as AWS shows them, so that a new entity of the same name is
// not trusted in its place.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('trust_principal_refs')
    .addColumn('role_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('principal_id', 'text', (c) => c.notNull())
    .addColumn('principal_arn', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('trust_principal_refs_pk', ['role_id', 'principal_id'])
    .execute();
  await db.schema
    .createIndex('trust_principal_refs_by_principal')
    .on('trust_principal_refs')
    .column('principal_id')
    .execute();
  // roles that exist before this migration keep their policies as written
}
