// Managed policies (customer and AWS managed) and their versions.
import type { Selectable } from 'kysely';
import type { ManagedPoliciesTable } from '../database.ts';
import type { Db, RecordChange } from './db.ts';

export type ManagedPolicyRow = Selectable<ManagedPoliciesTable>;

export function managedPolicyRepo(db: Db, _record: RecordChange) {
  return {
    byArn: (arn: string): Promise<ManagedPolicyRow | undefined> =>
      db.selectFrom('managed_policies').selectAll().where('arn', '=', arn).executeTakeFirst(),
  };
}
export type ManagedPolicyRepo = ReturnType<typeof managedPolicyRepo>;
