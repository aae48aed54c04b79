// Deletion tasks of service-linked roles: what DeleteServiceLinkedRole submitted and how it ended, for
// GetServiceLinkedRoleDeletionStatus.
import type { Selectable } from 'kysely';
import type { ServiceLinkedRoleDeletionsTable } from '../database.ts';
import type { Db } from './db.ts';

export type DeletionTaskRow = Selectable<ServiceLinkedRoleDeletionsTable>;

/** Reading deletion tasks. */
export interface ServiceLinkedRoleReader {
  /** The account's task with this id, or undefined. */
  task(accountId: string, taskId: string): Promise<DeletionTaskRow | undefined>;
}

/** Deletion tasks, read and written; no cache depends on them, so nothing is announced. */
export interface ServiceLinkedRoleRepo extends ServiceLinkedRoleReader {
  /**
   * Records a task (the role's own deletion, if any, is recorded by the role repository); a task id
   * already stored is a unique violation.
   */
  insertTask(row: DeletionTaskRow): Promise<void>;
}

export function serviceLinkedRoleRepo(db: Db): ServiceLinkedRoleRepo {
  return {
    task: (accountId, taskId) =>
      db
        .selectFrom('service_linked_role_deletions')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('deletion_task_id', '=', taskId)
        .executeTakeFirst(),
    async insertTask(row) {
      await db.insertInto('service_linked_role_deletions').values(row).execute();
    },
  };
}
