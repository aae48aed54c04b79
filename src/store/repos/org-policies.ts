// Organization policies (SCPs, RCPs and AWS's own FullAWSAccess / RCPFullAWSAccess) and the roots,
// OUs and accounts they are attached to. Every write announces an `organization` change.
import type { Selectable, Updateable } from 'kysely';
import type { OrgPoliciesTable, OrgPolicyTargetsTable } from '../database.ts';
import type { Db, RecordChange } from './db.ts';

export type OrgPolicyRow = Selectable<OrgPoliciesTable>;
export type OrgPolicyTargetRow = Selectable<OrgPolicyTargetsTable>;

/** A policy attached to a target, with the policy's row. */
export interface OrgAttachedPolicy extends OrgPolicyRow {
  target_id: string;
}

/** Reading organization policies and attachments. */
export interface OrgPolicyReader {
  get(orgId: string, policyId: string): Promise<OrgPolicyRow | undefined>;
  /** The organization's policies of one type, ordered by id. */
  list(orgId: string, policyType: string): Promise<OrgPolicyRow[]>;
  /** The policy with this name and type, if any. */
  byName(orgId: string, policyType: string, name: string): Promise<OrgPolicyRow | undefined>;
  /** The targets a policy is attached to, ordered by target id. */
  targetsOf(orgId: string, policyId: string): Promise<OrgPolicyTargetRow[]>;
  /** The policies attached to any of these targets (of one type when given), ordered by target then policy. */
  attachedTo(orgId: string, targetIds: readonly string[], policyType?: string): Promise<OrgAttachedPolicy[]>;
  /** How many policies the organization holds of each type (AWS's own excluded). */
  count(orgId: string): Promise<number>;
}

/** Organization policies, read and written. */
export interface OrgPolicyRepo extends OrgPolicyReader {
  insert(row: OrgPolicyRow): Promise<void>;
  update(orgId: string, policyId: string, patch: Updateable<OrgPoliciesTable>): Promise<void>;
  /** Deletes the policy and its attachments. */
  delete(orgId: string, policyId: string): Promise<void>;
  attach(row: OrgPolicyTargetRow): Promise<void>;
  detach(orgId: string, policyId: string, targetId: string): Promise<void>;
  /** Removes every attachment of a target being removed (an OU deleted, an account leaving). */
  detachAllFrom(orgId: string, targetId: string): Promise<void>;
  /** Removes every policy of a type and its attachments (DisablePolicyType). */
  deleteType(orgId: string, policyType: string): Promise<void>;
}

export function orgPolicyRepo(db: Db, record: RecordChange): OrgPolicyRepo {
  const changed = (orgId: string) => record({ accountId: orgId, entity: 'organization', id: orgId });
  return {
    get: (orgId, policyId) =>
      db
        .selectFrom('org_policies')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('policy_id', '=', policyId)
        .executeTakeFirst(),
    list: (orgId, policyType) =>
      db
        .selectFrom('org_policies')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('policy_type', '=', policyType)
        .orderBy('policy_id')
        .execute(),
    byName: (orgId, policyType, name) =>
      db
        .selectFrom('org_policies')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('policy_type', '=', policyType)
        .where('name', '=', name)
        .executeTakeFirst(),
    targetsOf: (orgId, policyId) =>
      db
        .selectFrom('org_policy_targets')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('policy_id', '=', policyId)
        .orderBy('target_id')
        .execute(),
    async attachedTo(orgId, targetIds, policyType) {
      if (targetIds.length === 0) return [];
      let q = db
        .selectFrom('org_policy_targets as t')
        .innerJoin('org_policies as p', (j) =>
          j.onRef('p.org_id', '=', 't.org_id').onRef('p.policy_id', '=', 't.policy_id'),
        )
        .selectAll('p')
        .select('t.target_id')
        .where('t.org_id', '=', orgId)
        .where('t.target_id', 'in', targetIds);
      if (policyType !== undefined) q = q.where('p.policy_type', '=', policyType);
      return q.orderBy('t.target_id').orderBy('p.policy_id').execute();
    },
    async count(orgId) {
      const r = await db
        .selectFrom('org_policies')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('org_id', '=', orgId)
        .where('aws_managed', '=', 0)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async insert(row) {
      await db.insertInto('org_policies').values(row).execute();
      changed(row.org_id);
    },
    async update(orgId, policyId, patch) {
      await db
        .updateTable('org_policies')
        .set(patch)
        .where('org_id', '=', orgId)
        .where('policy_id', '=', policyId)
        .execute();
      changed(orgId);
    },
    async delete(orgId, policyId) {
      await db
        .deleteFrom('org_policy_targets')
        .where('org_id', '=', orgId)
        .where('policy_id', '=', policyId)
        .execute();
      await db
        .deleteFrom('org_policies')
        .where('org_id', '=', orgId)
        .where('policy_id', '=', policyId)
        .execute();
      changed(orgId);
    },
    async attach(row) {
      await db.insertInto('org_policy_targets').values(row).execute();
      changed(row.org_id);
    },
    async detach(orgId, policyId, targetId) {
      await db
        .deleteFrom('org_policy_targets')
        .where('org_id', '=', orgId)
        .where('policy_id', '=', policyId)
        .where('target_id', '=', targetId)
        .execute();
      changed(orgId);
    },
    async detachAllFrom(orgId, targetId) {
      await db
        .deleteFrom('org_policy_targets')
        .where('org_id', '=', orgId)
        .where('target_id', '=', targetId)
        .execute();
      changed(orgId);
    },
    async deleteType(orgId, policyType) {
      const ids = db
        .selectFrom('org_policies')
        .select('policy_id')
        .where('org_id', '=', orgId)
        .where('policy_type', '=', policyType);
      await db
        .deleteFrom('org_policy_targets')
        .where('org_id', '=', orgId)
        .where('policy_id', 'in', ids)
        .execute();
      await db
        .deleteFrom('org_policies')
        .where('org_id', '=', orgId)
        .where('policy_type', '=', policyType)
        .execute();
      changed(orgId);
    },
  };
}
