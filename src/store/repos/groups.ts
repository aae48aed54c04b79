// IAM groups and their members: groups looked up by case-insensitive name within an account and
// listed by name; a group's users and a user's groups listed by name.
import type { Selectable, Updateable } from 'kysely';
import type { GroupsTable } from '../database.ts';
import type { Db, KeysetPage, RecordChange } from './db.ts';
import { pathStartsWith } from './like-prefix.ts';
import type { UserRow } from './users.ts';

export type GroupRow = Selectable<GroupsTable>;

/** What still hangs off a group and would block its deletion: whether it has each kind. */
export interface GroupDependents {
  members: boolean;
  attachedPolicies: boolean;
  inlinePolicies: boolean;
}

/** Reading groups and their members. */
export interface GroupReader {
  /** The account's group whose name matches `groupName` regardless of case, or undefined. */
  byName(accountId: string, groupName: string): Promise<GroupRow | undefined>;
  /** The group with this id (in any account), or undefined. */
  byId(groupId: string): Promise<GroupRow | undefined>;
  /**
   * At most `page.limit` of the account's groups ordered by name key, after `page.after` (a name key),
   * only those whose path starts with `pathPrefix` when one other than `/` is given.
   */
  list(accountId: string, page: KeysetPage, pathPrefix?: string): Promise<GroupRow[]>;
  /** How many groups the account has. */
  count(accountId: string): Promise<number>;
  /** What still hangs off the group and would block its deletion. */
  dependents(groupId: string): Promise<GroupDependents>;
  /** Whether the user belongs to the group. */
  isMember(groupId: string, userId: string): Promise<boolean>;
  /** How many groups a user belongs to. */
  countForUser(userId: string): Promise<number>;
  /** At most `page.limit` of a group's users ordered by name key, after `page.after` (a name key). */
  members(groupId: string, page: KeysetPage): Promise<UserRow[]>;
  /** At most `page.limit` of a user's groups ordered by name key, after `page.after` (a name key). */
  forUser(userId: string, page: KeysetPage): Promise<GroupRow[]>;
}

/**
 * Groups and memberships, read and written. Writes to a group announce a `group` change; membership
 * writes announce a `user` change, since they change the user's effective policies.
 */
export interface GroupRepo extends GroupReader {
  /** Stores a new group; a name (any case) the account already uses is a unique violation. */
  insert(row: GroupRow): Promise<void>;
  /** Sets the given columns; a rename to a name the account already uses is a unique violation. */
  update(accountId: string, groupId: string, patch: Updateable<GroupsTable>): Promise<void>;
  /** Deletes the group row alone: the caller first checks `dependents`. */
  delete(accountId: string, groupId: string): Promise<void>;
  /** Adds a member; a user already in the group is a unique violation. */
  addMember(accountId: string, groupId: string, userId: string, at: string): Promise<void>;
  /** Removes a member; false (and nothing announced) when the user was not one. */
  removeMember(accountId: string, groupId: string, userId: string): Promise<boolean>;
}

export function groupRepo(db: Db, record: RecordChange): GroupRepo {
  const countOf = async (q: Promise<{ n: string | number }>) => Number((await q).n);
  return {
    byName: (accountId, groupName) =>
      db
        .selectFrom('groups')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('name_key', '=', groupName.toLowerCase())
        .executeTakeFirst(),
    byId: (groupId) => db.selectFrom('groups').selectAll().where('group_id', '=', groupId).executeTakeFirst(),
    list: (accountId, page, pathPrefix) => {
      let q = db.selectFrom('groups').selectAll().where('account_id', '=', accountId);
      if (page.after !== undefined) q = q.where('name_key', '>', page.after);
      if (pathPrefix && pathPrefix !== '/') q = q.where(pathStartsWith('path', pathPrefix));
      return q.orderBy('name_key').limit(page.limit).execute();
    },
    count: (accountId) =>
      countOf(
        db
          .selectFrom('groups')
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .where('account_id', '=', accountId)
          .executeTakeFirstOrThrow(),
      ),
    async insert(row) {
      await db.insertInto('groups').values(row).execute();
      record({ accountId: row.account_id, entity: 'group', id: row.group_id });
    },
    async update(accountId, groupId, patch) {
      await db.updateTable('groups').set(patch).where('group_id', '=', groupId).execute();
      record({ accountId, entity: 'group', id: groupId });
    },
    async delete(accountId, groupId) {
      await db.deleteFrom('groups').where('group_id', '=', groupId).execute();
      record({ accountId, entity: 'group', id: groupId });
    },
    async dependents(groupId) {
      const has = async (q: Promise<unknown>) => (await q) !== undefined;
      return {
        members: await has(
          db.selectFrom('group_members').select('user_id').where('group_id', '=', groupId).executeTakeFirst(),
        ),
        attachedPolicies: await has(
          db
            .selectFrom('policy_attachments')
            .select('policy_id')
            .where('entity_type', '=', 'group')
            .where('entity_id', '=', groupId)
            .executeTakeFirst(),
        ),
        inlinePolicies: await has(
          db
            .selectFrom('inline_policies')
            .select('policy_name')
            .where('entity_type', '=', 'group')
            .where('entity_id', '=', groupId)
            .executeTakeFirst(),
        ),
      };
    },
    isMember: async (groupId, userId) =>
      (await db
        .selectFrom('group_members')
        .select('user_id')
        .where('group_id', '=', groupId)
        .where('user_id', '=', userId)
        .executeTakeFirst()) !== undefined,
    countForUser: (userId) =>
      countOf(
        db
          .selectFrom('group_members')
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .where('user_id', '=', userId)
          .executeTakeFirstOrThrow(),
      ),
    async addMember(accountId, groupId, userId, at) {
      await db
        .insertInto('group_members')
        .values({ group_id: groupId, user_id: userId, added_at: at })
        .execute();
      record({ accountId, entity: 'user', id: userId });
    },
    async removeMember(accountId, groupId, userId) {
      const r = await db
        .deleteFrom('group_members')
        .where('group_id', '=', groupId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      const removed = Number(r.numDeletedRows) > 0;
      if (removed) record({ accountId, entity: 'user', id: userId });
      return removed;
    },
    members: (groupId, page) => {
      let q = db
        .selectFrom('group_members')
        .innerJoin('users', 'users.user_id', 'group_members.user_id')
        .selectAll('users')
        .where('group_members.group_id', '=', groupId);
      if (page.after !== undefined) q = q.where('users.name_key', '>', page.after);
      return q.orderBy('users.name_key').limit(page.limit).execute();
    },
    forUser: (userId, page) => {
      let q = db
        .selectFrom('group_members')
        .innerJoin('groups', 'groups.group_id', 'group_members.group_id')
        .selectAll('groups')
        .where('group_members.user_id', '=', userId);
      if (page.after !== undefined) q = q.where('groups.name_key', '>', page.after);
      return q.orderBy('groups.name_key').limit(page.limit).execute();
    },
  };
}
