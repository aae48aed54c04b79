// IAM groups and their members: groups looked up by case-insensitive name within an account and
// listed by name; a group's users and a user's groups listed by name.
import type { Selectable, Updateable } from 'kysely';
import type { GroupsTable } from '../database.ts';
import type { Db, KeysetPage, RecordChange } from './db.ts';
import type { UserRow } from './users.ts';
import { likePrefix } from './users.ts';

export type GroupRow = Selectable<GroupsTable>;

export function groupRepo(db: Db, record: RecordChange) {
  const countOf = async (q: Promise<{ n: string | number }>) => Number((await q).n);
  return {
    byName: (accountId: string, groupName: string): Promise<GroupRow | undefined> =>
      db
        .selectFrom('groups')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('name_key', '=', groupName.toLowerCase())
        .executeTakeFirst(),
    byId: (groupId: string): Promise<GroupRow | undefined> =>
      db.selectFrom('groups').selectAll().where('group_id', '=', groupId).executeTakeFirst(),
    /** Groups ordered by name key, after the page's marker, optionally under a path prefix. */
    list: (accountId: string, page: KeysetPage, pathPrefix?: string): Promise<GroupRow[]> => {
      let q = db.selectFrom('groups').selectAll().where('account_id', '=', accountId);
      if (page.after !== undefined) q = q.where('name_key', '>', page.after);
      if (pathPrefix && pathPrefix !== '/') q = q.where('path', 'like', likePrefix(pathPrefix));
      return q.orderBy('name_key').limit(page.limit).execute();
    },
    count: (accountId: string): Promise<number> =>
      countOf(
        db
          .selectFrom('groups')
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .where('account_id', '=', accountId)
          .executeTakeFirstOrThrow(),
      ),
    async insert(row: GroupRow): Promise<void> {
      await db.insertInto('groups').values(row).execute();
      record({ accountId: row.account_id, entity: 'group', id: row.group_id });
    },
    async update(accountId: string, groupId: string, patch: Updateable<GroupsTable>): Promise<void> {
      await db.updateTable('groups').set(patch).where('group_id', '=', groupId).execute();
      record({ accountId, entity: 'group', id: groupId });
    },
    async delete(accountId: string, groupId: string): Promise<void> {
      await db.deleteFrom('groups').where('group_id', '=', groupId).execute();
      record({ accountId, entity: 'group', id: groupId });
    },
    /** What still hangs off a group and would block its deletion. */
    async dependents(groupId: string) {
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
    isMember: async (groupId: string, userId: string): Promise<boolean> =>
      (await db
        .selectFrom('group_members')
        .select('user_id')
        .where('group_id', '=', groupId)
        .where('user_id', '=', userId)
        .executeTakeFirst()) !== undefined,
    /** How many groups a user belongs to. */
    countForUser: (userId: string): Promise<number> =>
      countOf(
        db
          .selectFrom('group_members')
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .where('user_id', '=', userId)
          .executeTakeFirstOrThrow(),
      ),
    /** Adds a member; the change is recorded against the user, whose effective policies change. */
    async addMember(accountId: string, groupId: string, userId: string, at: string): Promise<void> {
      await db
        .insertInto('group_members')
        .values({ group_id: groupId, user_id: userId, added_at: at })
        .execute();
      record({ accountId, entity: 'user', id: userId });
    },
    /** Removes a member; false when the user was not one. */
    async removeMember(accountId: string, groupId: string, userId: string): Promise<boolean> {
      const r = await db
        .deleteFrom('group_members')
        .where('group_id', '=', groupId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      const removed = Number(r.numDeletedRows) > 0;
      if (removed) record({ accountId, entity: 'user', id: userId });
      return removed;
    },
    /** A group's users ordered by name key, after the page's marker. */
    members: (groupId: string, page: KeysetPage): Promise<UserRow[]> => {
      let q = db
        .selectFrom('group_members')
        .innerJoin('users', 'users.user_id', 'group_members.user_id')
        .selectAll('users')
        .where('group_members.group_id', '=', groupId);
      if (page.after !== undefined) q = q.where('users.name_key', '>', page.after);
      return q.orderBy('users.name_key').limit(page.limit).execute();
    },
    /** A user's groups ordered by name key, after the page's marker. */
    forUser: (userId: string, page: KeysetPage): Promise<GroupRow[]> => {
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
export type GroupRepo = ReturnType<typeof groupRepo>;
