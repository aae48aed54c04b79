// Identity Center account assignments, the permission sets provisioned to accounts (as which role),
// the record of asynchronous requests the status operations read, and whether an assignment's
// principal exists in the identity store (one query of its own, so as not to depend on the identity
// store's repository). No cache depends on these rows: writes announce nothing.
import type { Selectable } from 'kysely';
import type { IdcAccountAssignmentsTable, IdcProvisionedTable, IdcRequestsTable } from '../database.ts';
import type { Db } from './db.ts';

export type IdcAssignmentRow = Selectable<IdcAccountAssignmentsTable>;
export type IdcProvisionedRow = Selectable<IdcProvisionedTable>;
export type IdcRequestRow = Selectable<IdcRequestsTable>;

/** Which assignments a listing wants; every member given narrows it. */
export interface AssignmentQuery {
  instanceArn: string;
  accountId?: string;
  permissionSetArn?: string;
  principalType?: 'USER' | 'GROUP';
  principalId?: string;
}

/** Reading assignments, provisioned permission sets and requests. */
export interface IdcAssignmentReader {
  /** Assignments matching the query, by account, permission set, principal type and id. */
  assignments(query: AssignmentQuery): Promise<IdcAssignmentRow[]>;
  /** Whether the user or group exists in the identity store. */
  principalExists(
    identityStoreId: string,
    principalType: 'USER' | 'GROUP',
    principalId: string,
  ): Promise<boolean>;
  provisioned(permissionSetArn: string, accountId: string): Promise<IdcProvisionedRow | undefined>;
  /** The accounts a permission set is provisioned to, by account. */
  provisionedOf(permissionSetArn: string): Promise<IdcProvisionedRow[]>;
  /** The permission sets of an instance provisioned to an account, by permission set. */
  provisionedTo(instanceArn: string, accountId: string): Promise<IdcProvisionedRow[]>;
  request(requestId: string): Promise<IdcRequestRow | undefined>;
  /** The instance's requests of one kind, oldest first. */
  requests(instanceArn: string, kind: IdcRequestRow['kind']): Promise<IdcRequestRow[]>;
}

/** Assignments, provisioned permission sets and requests, read and written. */
export interface IdcAssignmentRepo extends IdcAssignmentReader {
  /** Inserts an assignment; false when it exists already. */
  insertAssignment(row: IdcAssignmentRow): Promise<boolean>;
  /** Deletes an assignment; false when there was none. */
  deleteAssignment(row: Omit<IdcAssignmentRow, 'created_at'>): Promise<boolean>;
  /** Records (or renews) a permission set's provisioning to an account. */
  putProvisioned(row: IdcProvisionedRow): Promise<void>;
  deleteProvisioned(permissionSetArn: string, accountId: string): Promise<void>;
  insertRequest(row: IdcRequestRow): Promise<void>;
  /** Removes an instance's assignments, provisioning records and requests (DeleteInstance). */
  deleteOfInstance(instanceArn: string): Promise<void>;
}

export function idcAssignmentRepo(db: Db): IdcAssignmentRepo {
  return {
    assignments(q) {
      let query = db
        .selectFrom('idc_account_assignments')
        .selectAll()
        .where('instance_arn', '=', q.instanceArn);
      if (q.accountId !== undefined) query = query.where('account_id', '=', q.accountId);
      if (q.permissionSetArn !== undefined)
        query = query.where('permission_set_arn', '=', q.permissionSetArn);
      if (q.principalType !== undefined) query = query.where('principal_type', '=', q.principalType);
      if (q.principalId !== undefined) query = query.where('principal_id', '=', q.principalId);
      return query
        .orderBy('account_id')
        .orderBy('permission_set_arn')
        .orderBy('principal_type')
        .orderBy('principal_id')
        .execute();
    },
    async principalExists(identityStoreId, principalType, principalId) {
      const row =
        principalType === 'USER'
          ? await db
              .selectFrom('idc_users')
              .select('user_id as id')
              .where('identity_store_id', '=', identityStoreId)
              .where('user_id', '=', principalId)
              .executeTakeFirst()
          : await db
              .selectFrom('idc_groups')
              .select('group_id as id')
              .where('identity_store_id', '=', identityStoreId)
              .where('group_id', '=', principalId)
              .executeTakeFirst();
      return row !== undefined;
    },
    provisioned: (permissionSetArn, accountId) =>
      db
        .selectFrom('idc_provisioned')
        .selectAll()
        .where('permission_set_arn', '=', permissionSetArn)
        .where('account_id', '=', accountId)
        .executeTakeFirst(),
    provisionedOf: (permissionSetArn) =>
      db
        .selectFrom('idc_provisioned')
        .selectAll()
        .where('permission_set_arn', '=', permissionSetArn)
        .orderBy('account_id')
        .execute(),
    provisionedTo: (instanceArn, accountId) =>
      db
        .selectFrom('idc_provisioned')
        .selectAll()
        .where('instance_arn', '=', instanceArn)
        .where('account_id', '=', accountId)
        .orderBy('permission_set_arn')
        .execute(),
    request: (requestId) =>
      db.selectFrom('idc_requests').selectAll().where('request_id', '=', requestId).executeTakeFirst(),
    requests: (instanceArn, kind) =>
      db
        .selectFrom('idc_requests')
        .selectAll()
        .where('instance_arn', '=', instanceArn)
        .where('kind', '=', kind)
        .orderBy('created_at')
        .orderBy('request_id')
        .execute(),
    async insertAssignment(row) {
      const existing = await db
        .selectFrom('idc_account_assignments')
        .select('created_at')
        .where('instance_arn', '=', row.instance_arn)
        .where('account_id', '=', row.account_id)
        .where('permission_set_arn', '=', row.permission_set_arn)
        .where('principal_type', '=', row.principal_type)
        .where('principal_id', '=', row.principal_id)
        .executeTakeFirst();
      if (existing) return false;
      await db.insertInto('idc_account_assignments').values(row).execute();
      return true;
    },
    async deleteAssignment(row) {
      const result = await db
        .deleteFrom('idc_account_assignments')
        .where('instance_arn', '=', row.instance_arn)
        .where('account_id', '=', row.account_id)
        .where('permission_set_arn', '=', row.permission_set_arn)
        .where('principal_type', '=', row.principal_type)
        .where('principal_id', '=', row.principal_id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async putProvisioned(row) {
      await db
        .deleteFrom('idc_provisioned')
        .where('permission_set_arn', '=', row.permission_set_arn)
        .where('account_id', '=', row.account_id)
        .execute();
      await db.insertInto('idc_provisioned').values(row).execute();
    },
    async deleteProvisioned(permissionSetArn, accountId) {
      await db
        .deleteFrom('idc_provisioned')
        .where('permission_set_arn', '=', permissionSetArn)
        .where('account_id', '=', accountId)
        .execute();
    },
    async insertRequest(row) {
      await db.insertInto('idc_requests').values(row).execute();
    },
    async deleteOfInstance(instanceArn) {
      await db.deleteFrom('idc_account_assignments').where('instance_arn', '=', instanceArn).execute();
      await db.deleteFrom('idc_provisioned').where('instance_arn', '=', instanceArn).execute();
      await db.deleteFrom('idc_requests').where('instance_arn', '=', instanceArn).execute();
    },
  };
}
