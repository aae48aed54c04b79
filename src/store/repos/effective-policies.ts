// The policy documents that apply to a principal, read in a few queries for the authorizer: the
// inline and attached managed policies (default versions) of users, groups and roles.
import type { AttachableEntity } from '../database.ts';
import type { Db } from './db.ts';

export interface PolicyDocumentRow {
  /** A stable id for decisions and the simulator: the managed policy ARN, or owner/name for inline. */
  sourceId: string;
  kind: 'inline' | 'managed';
  /** Whose policy it is: the user, group or role holding it (inline or attached). */
  holderType: AttachableEntity;
  document: string;
}

export interface PolicyHolder {
  type: AttachableEntity;
  id: string;
  /** The holder's ARN, to name its inline policies. */
  arn: string;
}

/** The policy documents that apply to principals; read-only. */
export interface EffectivePolicyRepo {
  /**
   * Inline and attached managed policy documents (default versions) of each holder, in holder order;
   * within a holder, inline policies by name, then managed policies by ARN.
   */
  documentsFor(holders: readonly PolicyHolder[]): Promise<PolicyDocumentRow[]>;
  /** The default version's document of a managed policy, by ARN; undefined when there is no such policy. */
  defaultDocument(arn: string): Promise<string | undefined>;
  /** The groups a user belongs to (ids and ARNs), ordered by name key. */
  groupsOf(userId: string): Promise<{ group_id: string; arn: string }[]>;
}

export function effectivePolicyRepo(db: Db): EffectivePolicyRepo {
  return {
    async documentsFor(holders) {
      if (holders.length === 0) return [];
      const out: PolicyDocumentRow[] = [];
      for (const h of holders) {
        const inline = await db
          .selectFrom('inline_policies')
          .select(['policy_name', 'document'])
          .where('entity_type', '=', h.type)
          .where('entity_id', '=', h.id)
          .orderBy('policy_name')
          .execute();
        for (const r of inline)
          out.push({
            sourceId: `${h.arn}/${r.policy_name}`,
            kind: 'inline',
            holderType: h.type,
            document: r.document,
          });
        const managed = await db
          .selectFrom('policy_attachments')
          .innerJoin('managed_policies', 'managed_policies.policy_id', 'policy_attachments.policy_id')
          .innerJoin('policy_versions', (j) =>
            j
              .onRef('policy_versions.policy_id', '=', 'managed_policies.policy_id')
              .onRef('policy_versions.version', '=', 'managed_policies.default_version'),
          )
          .select(['managed_policies.arn', 'policy_versions.document'])
          .where('policy_attachments.entity_type', '=', h.type)
          .where('policy_attachments.entity_id', '=', h.id)
          .orderBy('managed_policies.arn')
          .execute();
        for (const r of managed)
          out.push({ sourceId: r.arn, kind: 'managed', holderType: h.type, document: r.document });
      }
      return out;
    },
    async defaultDocument(arn) {
      const row = await db
        .selectFrom('managed_policies')
        .innerJoin('policy_versions', (j) =>
          j
            .onRef('policy_versions.policy_id', '=', 'managed_policies.policy_id')
            .onRef('policy_versions.version', '=', 'managed_policies.default_version'),
        )
        .select('policy_versions.document')
        .where('managed_policies.arn', '=', arn)
        .executeTakeFirst();
      return row?.document;
    },
    groupsOf: (userId) =>
      db
        .selectFrom('group_members')
        .innerJoin('groups', 'groups.group_id', 'group_members.group_id')
        .select(['groups.group_id', 'groups.arn'])
        .where('group_members.user_id', '=', userId)
        .orderBy('groups.name_key')
        .execute(),
  };
}
