// An organization's resource-based delegation policy: one row an organization, replaced in place by
// PutResourcePolicy. Every write announces an `organization` change.
import type { Selectable } from 'kysely';
import type { OrgResourcePoliciesTable } from '../database.ts';
import type { Db, RecordChange } from './db.ts';

export type OrgResourcePolicyRow = Selectable<OrgResourcePoliciesTable>;

/** Reading an organization's delegation policy. */
export interface OrgResourcePolicyReader {
  get(orgId: string): Promise<OrgResourcePolicyRow | undefined>;
}

/** The delegation policy, read and written. */
export interface OrgResourcePolicyRepo extends OrgResourcePolicyReader {
  /** Creates the organization's policy, or replaces its content (its id and creation time stay). */
  put(row: OrgResourcePolicyRow): Promise<void>;
  /** Deletes it; false when there was none. */
  delete(orgId: string): Promise<boolean>;
}

export function orgResourcePolicyRepo(db: Db, record: RecordChange): OrgResourcePolicyRepo {
  const changed = (orgId: string) => record({ accountId: orgId, entity: 'organization', id: orgId });
  return {
    get: (orgId) =>
      db.selectFrom('org_resource_policies').selectAll().where('org_id', '=', orgId).executeTakeFirst(),
    async put(row) {
      await db
        .insertInto('org_resource_policies')
        .values(row)
        .onConflict((oc) =>
          oc.column('org_id').doUpdateSet({ content: row.content, updated_at: row.updated_at }),
        )
        .execute();
      changed(row.org_id);
    },
    async delete(orgId) {
      const r = await db.deleteFrom('org_resource_policies').where('org_id', '=', orgId).executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) return false;
      changed(orgId);
      return true;
    },
  };
}
