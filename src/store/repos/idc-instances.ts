// IAM Identity Center instances: one per organization (or per standalone account), each with its
// identity store. No cache depends on them, so writes announce nothing.
import type { Selectable, Updateable } from 'kysely';
import type { IdcInstancesTable } from '../database.ts';
import type { Db } from './db.ts';

export type IdcInstanceRow = Selectable<IdcInstancesTable>;

/** Reading Identity Center instances. */
export interface IdcInstanceReader {
  byArn(instanceArn: string): Promise<IdcInstanceRow | undefined>;
  byIdentityStore(identityStoreId: string): Promise<IdcInstanceRow | undefined>;
  /** The organization's instance, if Identity Center is enabled for it. */
  ofOrganization(orgId: string): Promise<IdcInstanceRow | undefined>;
  /** The instances an account owns (its organization's, or its own account instance). */
  ownedBy(accountId: string): Promise<IdcInstanceRow[]>;
}

/** Identity Center instances, read and written. */
export interface IdcInstanceRepo extends IdcInstanceReader {
  insert(row: IdcInstanceRow): Promise<void>;
  update(instanceArn: string, patch: Updateable<IdcInstancesTable>): Promise<void>;
  delete(instanceArn: string): Promise<void>;
}

export function idcInstanceRepo(db: Db): IdcInstanceRepo {
  return {
    byArn: (instanceArn) =>
      db.selectFrom('idc_instances').selectAll().where('instance_arn', '=', instanceArn).executeTakeFirst(),
    byIdentityStore: (identityStoreId) =>
      db
        .selectFrom('idc_instances')
        .selectAll()
        .where('identity_store_id', '=', identityStoreId)
        .executeTakeFirst(),
    ofOrganization: (orgId) =>
      db.selectFrom('idc_instances').selectAll().where('org_id', '=', orgId).executeTakeFirst(),
    ownedBy: (accountId) =>
      db
        .selectFrom('idc_instances')
        .selectAll()
        .where('owner_account_id', '=', accountId)
        .orderBy('instance_arn')
        .execute(),
    async insert(row) {
      await db.insertInto('idc_instances').values(row).execute();
    },
    async update(instanceArn, patch) {
      await db.updateTable('idc_instances').set(patch).where('instance_arn', '=', instanceArn).execute();
    },
    async delete(instanceArn) {
      await db.deleteFrom('idc_instances').where('instance_arn', '=', instanceArn).execute();
    },
  };
}
