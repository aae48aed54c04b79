// Deletion tasks of service-linked roles: what DeleteServiceLinkedRole submitted and how it ended, for
// GetServiceLinkedRoleDeletionStatus.
import type { Selectable } from 'kysely';
import type { ServiceLinkedRoleDeletionsTable } from '../database.ts';
import type { Db, RecordChange } from './db.ts';

export type DeletionTaskRow = Selectable<ServiceLinkedRoleDeletionsTable>;

export function serviceLinkedRoleRepo(db: Db, _record: RecordChange) {
  return {
    /** The account's task with this id, or undefined. */
    task: (accountId: string, taskId: string): Promise<DeletionTaskRow | undefined> =>
      db
        .selectFrom('service_linked_role_deletions')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('deletion_task_id', '=', taskId)
        .executeTakeFirst(),
    /** Records a task (the role's own deletion, if any, is recorded by the role repository). */
    async insertTask(row: DeletionTaskRow): Promise<void> {
      await db.insertInto('service_linked_role_deletions').values(row).execute();
    },
  };
}
export type ServiceLinkedRoleRepo = ReturnType<typeof serviceLinkedRoleRepo>;
