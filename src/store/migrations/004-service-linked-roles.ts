// Migration 004: marks service-linked roles. `roles.linked_service` holds the AWS service principal a
// service-linked role belongs to (e.g. autoscaling.amazonaws.com), or null for an ordinary role; the
// protection of such roles from ordinary IAM calls rests on it, never on the role's name or path.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('roles').addColumn('linked_service', 'text').execute();
}
