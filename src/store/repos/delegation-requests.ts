// IAM delegation requests: the partner's request, its owner and approver, its state, and the sealed
// trade-in token. Global, not per account: a request crosses from the partner's account to the
// customer's. No cache depends on them, so writes announce no change.
import type { Selectable, Updateable } from 'kysely';
import type { DelegationRequestsTable } from '../database.ts';
import type { Db } from './db.ts';

export type DelegationRequestRow = Selectable<DelegationRequestsTable>;

/** What a transition changes in a stored request. */
export type DelegationRequestChange = Omit<
  Updateable<DelegationRequestsTable>,
  'delegation_request_id' | 'requestor_account_id' | 'requestor_workflow_id'
>;

/** Reading delegation requests. */
export interface DelegationRequestReader {
  /** The request with this id, or undefined. */
  get(delegationRequestId: string): Promise<DelegationRequestRow | undefined>;
  /** The requests owned in an account (an owner is set), oldest first; of one owner when given. */
  listOwned(ownerAccountId: string, ownerId?: string): Promise<DelegationRequestRow[]>;
}

/** Delegation requests, read and written. */
export interface DelegationRequestRepo extends DelegationRequestReader {
  /** Stores a new request; a workflow id the requestor already used is a unique violation. */
  insert(row: DelegationRequestRow): Promise<void>;
  /**
   * Applies `change` if the request is still in state `from` (a compare-and-set); false when another
   * call moved it first.
   */
  transition(
    delegationRequestId: string,
    from: DelegationRequestRow['state'],
    change: DelegationRequestChange,
  ): Promise<boolean>;
}

export function delegationRequestRepo(db: Db): DelegationRequestRepo {
  return {
    get: (id) =>
      db
        .selectFrom('delegation_requests')
        .selectAll()
        .where('delegation_request_id', '=', id)
        .executeTakeFirst(),
    listOwned(ownerAccountId, ownerId) {
      let q = db
        .selectFrom('delegation_requests')
        .selectAll()
        .where('owner_account_id', '=', ownerAccountId)
        .where('owner_id', 'is not', null);
      if (ownerId !== undefined) q = q.where('owner_id', '=', ownerId);
      return q.orderBy('created_at').orderBy('delegation_request_id').execute();
    },
    async insert(row) {
      await db.insertInto('delegation_requests').values(row).execute();
    },
    async transition(id, from, change) {
      const result = await db
        .updateTable('delegation_requests')
        .set(change)
        .where('delegation_request_id', '=', id)
        .where('state', '=', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
