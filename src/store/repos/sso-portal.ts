// What the SSO portal asks of Identity Center's tables: the roles a user reaches — each account
// assignment of the user or of one of its groups, whose permission set is provisioned to the account
// (as the role that stands for it). One query; no cache depends on it.
import type { Db } from './db.ts';

export interface ReachableRole {
  accountId: string;
  permissionSetArn: string;
  /** The permission set's name: the role name the portal shows. */
  permissionSetName: string;
  /** The IAM role provisioned for it in the account (AWSReservedSSO_…). */
  roleName: string;
  /** The permission set's session duration (ISO 8601). */
  sessionDuration: string;
}

/** Reading what the portal shows. */
export interface SsoPortalReader {
  /** The roles the user reaches, by account then name, once each. */
  reachableRoles(instanceArn: string, identityStoreId: string, userId: string): Promise<ReachableRole[]>;
}

export function ssoPortalRepo(db: Db): SsoPortalReader {
  return {
    async reachableRoles(instanceArn, identityStoreId, userId) {
      const groups = db
        .selectFrom('idc_group_memberships')
        .select('group_id')
        .where('identity_store_id', '=', identityStoreId)
        .where('user_id', '=', userId);
      const rows = await db
        .selectFrom('idc_account_assignments as a')
        .innerJoin('idc_permission_sets as p', 'p.permission_set_arn', 'a.permission_set_arn')
        .innerJoin('idc_provisioned as v', (j) =>
          j
            .onRef('v.permission_set_arn', '=', 'a.permission_set_arn')
            .onRef('v.account_id', '=', 'a.account_id'),
        )
        .select([
          'a.account_id as accountId',
          'a.permission_set_arn as permissionSetArn',
          'p.name as permissionSetName',
          'v.role_name as roleName',
          'p.session_duration as sessionDuration',
        ])
        .where('a.instance_arn', '=', instanceArn)
        .where((w) =>
          w.or([
            w.and([w('a.principal_type', '=', 'USER'), w('a.principal_id', '=', userId)]),
            w.and([w('a.principal_type', '=', 'GROUP'), w('a.principal_id', 'in', groups)]),
          ]),
        )
        .distinct()
        .orderBy('a.account_id')
        .orderBy('p.name')
        .execute();
      return rows;
    },
  };
}
