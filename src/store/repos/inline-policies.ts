// Inline policies embedded in a user, group or role. A name is matched regardless of case, as IAM
// matches entity and policy names, and keeps the case of the request that last put it.
import { sql } from 'kysely';
import type { AttachableEntity } from '../database.ts';
import type { Change } from '../store.ts';
import type { Db, RecordChange } from './db.ts';

export interface InlinePolicyRow {
  policy_name: string;
  document: string;
}

/** Reading inline policies. */
export interface InlinePolicyReader {
  /** The owner's policy whose name matches `name` regardless of case, or undefined. */
  get(type: AttachableEntity, id: string, name: string): Promise<InlinePolicyRow | undefined>;
  /** All of the owner's policies, ordered by name regardless of case. */
  list(type: AttachableEntity, id: string): Promise<InlinePolicyRow[]>;
}

/** Inline policies, read and written; each write announces the `change` its caller passes. */
export interface InlinePolicyRepo extends InlinePolicyReader {
  /** Stores a policy, replacing one whose name differs at most in case. */
  put(change: Change, type: AttachableEntity, id: string, name: string, document: string): Promise<void>;
  /** Deletes the named policy (any case); false (and nothing announced) when there was none. */
  delete(change: Change, type: AttachableEntity, id: string, name: string): Promise<boolean>;
  /** Deletes every policy of the owner. */
  deleteAll(change: Change, type: AttachableEntity, id: string): Promise<void>;
}

export function inlinePolicyRepo(db: Db, record: RecordChange): InlinePolicyRepo {
  const ofOwner = (type: AttachableEntity, id: string) =>
    db
      .selectFrom('inline_policies')
      .select(['policy_name', 'document'])
      .where('entity_type', '=', type)
      .where('entity_id', '=', id);
  const nameIs = (name: string) => sql<boolean>`lower(policy_name) = ${name.toLowerCase()}`;
  return {
    get: (type, id, name) => ofOwner(type, id).where(nameIs(name)).executeTakeFirst(),
    list: (type, id) =>
      ofOwner(type, id)
        .orderBy(sql`lower(policy_name)`)
        .orderBy('policy_name')
        .execute(),
    async put(change, type, id, name, document) {
      await db
        .deleteFrom('inline_policies')
        .where('entity_type', '=', type)
        .where('entity_id', '=', id)
        .where(nameIs(name))
        .execute();
      await db
        .insertInto('inline_policies')
        .values({ entity_type: type, entity_id: id, policy_name: name, document })
        .execute();
      record(change);
    },
    async delete(change, type, id, name) {
      const r = await db
        .deleteFrom('inline_policies')
        .where('entity_type', '=', type)
        .where('entity_id', '=', id)
        .where(nameIs(name))
        .executeTakeFirst();
      const deleted = Number(r.numDeletedRows) > 0;
      if (deleted) record(change);
      return deleted;
    },
    async deleteAll(change, type, id) {
      await db
        .deleteFrom('inline_policies')
        .where('entity_type', '=', type)
        .where('entity_id', '=', id)
        .execute();
      record(change);
    },
  };
}
