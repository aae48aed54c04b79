// Identity Center permission sets: one row per permission set, its policies and tags kept as JSON in
// the row (AWS's shapes), `updated_at` moved on every change so that provisioned accounts can be told
// apart from out-of-date ones. No cache depends on them: writes announce nothing (the roles that
// provisioning builds from them announce their own changes).
import type { Selectable, Updateable } from 'kysely';
import type { IdcPermissionSetsTable } from '../database.ts';
import type { Db } from './db.ts';

export type IdcPermissionSetRow = Selectable<IdcPermissionSetsTable>;

/** Reading permission sets. */
export interface IdcPermissionSetReader {
  byArn(permissionSetArn: string): Promise<IdcPermissionSetRow | undefined>;
  /** The instance's permission sets, by ARN. */
  ofInstance(instanceArn: string): Promise<IdcPermissionSetRow[]>;
  count(instanceArn: string): Promise<number>;
}

/** Permission sets, read and written. */
export interface IdcPermissionSetRepo extends IdcPermissionSetReader {
  /** Inserts a permission set; a unique violation when the instance has one of that name. */
  insert(row: IdcPermissionSetRow): Promise<void>;
  update(permissionSetArn: string, patch: Updateable<IdcPermissionSetsTable>): Promise<void>;
  delete(permissionSetArn: string): Promise<void>;
  /** Removes every permission set of an instance (DeleteInstance). */
  deleteOfInstance(instanceArn: string): Promise<void>;
}

export function idcPermissionSetRepo(db: Db): IdcPermissionSetRepo {
  return {
    byArn: (arn) =>
      db
        .selectFrom('idc_permission_sets')
        .selectAll()
        .where('permission_set_arn', '=', arn)
        .executeTakeFirst(),
    ofInstance: (instanceArn) =>
      db
        .selectFrom('idc_permission_sets')
        .selectAll()
        .where('instance_arn', '=', instanceArn)
        .orderBy('permission_set_arn')
        .execute(),
    async count(instanceArn) {
      const row = await db
        .selectFrom('idc_permission_sets')
        .select((e) => e.fn.countAll<string | number>().as('n'))
        .where('instance_arn', '=', instanceArn)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async insert(row) {
      await db.insertInto('idc_permission_sets').values(row).execute();
    },
    async update(arn, patch) {
      await db.updateTable('idc_permission_sets').set(patch).where('permission_set_arn', '=', arn).execute();
    },
    async delete(arn) {
      await db.deleteFrom('idc_permission_sets').where('permission_set_arn', '=', arn).execute();
    },
    async deleteOfInstance(instanceArn) {
      await db.deleteFrom('idc_permission_sets').where('instance_arn', '=', instanceArn).execute();
    },
  };
}
