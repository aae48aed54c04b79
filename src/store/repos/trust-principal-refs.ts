// The IAM users and roles each role's trust policy names, by unique id: written when the policy is
// saved, read when one of them is deleted (to rewrite the policies that name it), removed with the role.
import type { Db } from './db.ts';

export interface TrustPrincipalRef {
  roleId: string;
  accountId: string;
  principalId: string;
  principalArn: string;
}

/** Reading trust principal references. */
export interface TrustPrincipalRefReader {
  /** The roles whose trust policy names the user or role with this unique id. */
  naming(principalId: string): Promise<TrustPrincipalRef[]>;
}

/**
 * Trust principal references, read and written. They change nothing a cache depends on (the role's
 * own update announces the change), so the writes announce nothing.
 */
export interface TrustPrincipalRefRepo extends TrustPrincipalRefReader {
  /** Replaces what the role's trust policy names. */
  replace(roleId: string, accountId: string, refs: readonly { id: string; arn: string }[]): Promise<void>;
  /** Forgets one name of one role's trust policy (once rewritten to the unique id). */
  remove(roleId: string, principalId: string): Promise<void>;
  /** Forgets everything a deleted role's trust policy named. */
  removeRole(roleId: string): Promise<void>;
}

export function trustPrincipalRefRepo(db: Db): TrustPrincipalRefRepo {
  return {
    async naming(principalId) {
      const rows = await db
        .selectFrom('trust_principal_refs')
        .selectAll()
        .where('principal_id', '=', principalId)
        .orderBy('role_id')
        .execute();
      return rows.map((r) => ({
        roleId: r.role_id,
        accountId: r.account_id,
        principalId: r.principal_id,
        principalArn: r.principal_arn,
      }));
    },
    async replace(roleId, accountId, refs) {
      await db.deleteFrom('trust_principal_refs').where('role_id', '=', roleId).execute();
      const unique = [...new Map(refs.map((r) => [r.id, r])).values()];
      if (unique.length > 0)
        await db
          .insertInto('trust_principal_refs')
          .values(
            unique.map((r) => ({
              role_id: roleId,
              account_id: accountId,
              principal_id: r.id,
              principal_arn: r.arn,
            })),
          )
          .execute();
    },
    async remove(roleId, principalId) {
      await db
        .deleteFrom('trust_principal_refs')
        .where('role_id', '=', roleId)
        .where('principal_id', '=', principalId)
        .execute();
    },
    async removeRole(roleId) {
      await db.deleteFrom('trust_principal_refs').where('role_id', '=', roleId).execute();
    },
  };
}
