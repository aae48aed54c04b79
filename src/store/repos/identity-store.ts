// An Identity Center identity store's directory: users (their attributes; the sign-in credentials are
// the sign-in repository's), groups and memberships. No cache depends on them, so writes announce
// nothing.
import type { Selectable, Updateable } from 'kysely';
import type { IdcGroupMembershipsTable, IdcGroupsTable, IdcUsersTable } from '../database.ts';
import type { Db } from './db.ts';

/** A user's directory columns (never its password hash or TOTP secret). */
export type DirectoryUserRow = Pick<
  Selectable<IdcUsersTable>,
  | 'identity_store_id'
  | 'user_id'
  | 'user_name'
  | 'display_name'
  | 'attributes'
  | 'status'
  | 'created_at'
  | 'created_by'
  | 'updated_at'
  | 'updated_by'
>;
export type DirectoryGroupRow = Selectable<IdcGroupsTable>;
export type GroupMembershipRow = Selectable<IdcGroupMembershipsTable>;

/** A new user: its directory columns (no credentials yet). */
export type NewDirectoryUser = DirectoryUserRow & { user_name_key: string };

const USER_COLUMNS = [
  'identity_store_id',
  'user_id',
  'user_name',
  'display_name',
  'attributes',
  'status',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
] as const;

/** Reading an identity store's users, groups and memberships. */
export interface IdentityStoreReader {
  user(identityStoreId: string, userId: string): Promise<DirectoryUserRow | undefined>;
  userByName(identityStoreId: string, userName: string): Promise<DirectoryUserRow | undefined>;
  /** Users ordered by id after `after`, at most `limit`, optionally those with one user name or display name. */
  users(
    identityStoreId: string,
    page: { after?: string; limit: number; userName?: string; displayName?: string },
  ): Promise<DirectoryUserRow[]>;
  group(identityStoreId: string, groupId: string): Promise<DirectoryGroupRow | undefined>;
  groupByName(identityStoreId: string, displayName: string): Promise<DirectoryGroupRow | undefined>;
  groups(
    identityStoreId: string,
    page: { after?: string; limit: number; displayName?: string },
  ): Promise<DirectoryGroupRow[]>;
  membership(identityStoreId: string, membershipId: string): Promise<GroupMembershipRow | undefined>;
  membershipOf(
    identityStoreId: string,
    groupId: string,
    userId: string,
  ): Promise<GroupMembershipRow | undefined>;
  /** Memberships ordered by id, of one group or of one user. */
  memberships(
    identityStoreId: string,
    of: { groupId: string } | { userId: string },
    page: { after?: string; limit: number },
  ): Promise<GroupMembershipRow[]>;
}

/** The same, written. */
export interface IdentityStoreRepo extends IdentityStoreReader {
  insertUser(row: NewDirectoryUser): Promise<void>;
  updateUser(
    identityStoreId: string,
    userId: string,
    patch: Pick<
      Updateable<IdcUsersTable>,
      'user_name' | 'user_name_key' | 'display_name' | 'attributes' | 'updated_at' | 'updated_by'
    >,
  ): Promise<void>;
  /** Deletes the user and its memberships. */
  deleteUser(identityStoreId: string, userId: string): Promise<void>;
  insertGroup(row: DirectoryGroupRow): Promise<void>;
  updateGroup(identityStoreId: string, groupId: string, patch: Updateable<IdcGroupsTable>): Promise<void>;
  /** Deletes the group and its memberships. */
  deleteGroup(identityStoreId: string, groupId: string): Promise<void>;
  insertMembership(row: GroupMembershipRow): Promise<void>;
  deleteMembership(identityStoreId: string, membershipId: string): Promise<void>;
}

export function identityStoreRepo(db: Db): IdentityStoreRepo {
  const users = () => db.selectFrom('idc_users').select(USER_COLUMNS);
  return {
    user: (identityStoreId, userId) =>
      users()
        .where('identity_store_id', '=', identityStoreId)
        .where('user_id', '=', userId)
        .executeTakeFirst(),
    userByName: (identityStoreId, userName) =>
      users()
        .where('identity_store_id', '=', identityStoreId)
        .where('user_name_key', '=', userName.toLowerCase())
        .executeTakeFirst(),
    users(identityStoreId, page) {
      let q = users().where('identity_store_id', '=', identityStoreId);
      if (page.after !== undefined) q = q.where('user_id', '>', page.after);
      if (page.userName !== undefined) q = q.where('user_name_key', '=', page.userName.toLowerCase());
      if (page.displayName !== undefined) q = q.where('display_name', '=', page.displayName);
      return q.orderBy('user_id').limit(page.limit).execute();
    },
    group: (identityStoreId, groupId) =>
      db
        .selectFrom('idc_groups')
        .selectAll()
        .where('identity_store_id', '=', identityStoreId)
        .where('group_id', '=', groupId)
        .executeTakeFirst(),
    groupByName: (identityStoreId, displayName) =>
      db
        .selectFrom('idc_groups')
        .selectAll()
        .where('identity_store_id', '=', identityStoreId)
        .where('display_name_key', '=', displayName.toLowerCase())
        .executeTakeFirst(),
    groups(identityStoreId, page) {
      let q = db.selectFrom('idc_groups').selectAll().where('identity_store_id', '=', identityStoreId);
      if (page.after !== undefined) q = q.where('group_id', '>', page.after);
      if (page.displayName !== undefined)
        q = q.where('display_name_key', '=', page.displayName.toLowerCase());
      return q.orderBy('group_id').limit(page.limit).execute();
    },
    membership: (identityStoreId, membershipId) =>
      db
        .selectFrom('idc_group_memberships')
        .selectAll()
        .where('identity_store_id', '=', identityStoreId)
        .where('membership_id', '=', membershipId)
        .executeTakeFirst(),
    membershipOf: (identityStoreId, groupId, userId) =>
      db
        .selectFrom('idc_group_memberships')
        .selectAll()
        .where('identity_store_id', '=', identityStoreId)
        .where('group_id', '=', groupId)
        .where('user_id', '=', userId)
        .executeTakeFirst(),
    memberships(identityStoreId, of, page) {
      let q = db
        .selectFrom('idc_group_memberships')
        .selectAll()
        .where('identity_store_id', '=', identityStoreId);
      q = 'groupId' in of ? q.where('group_id', '=', of.groupId) : q.where('user_id', '=', of.userId);
      if (page.after !== undefined) q = q.where('membership_id', '>', page.after);
      return q.orderBy('membership_id').limit(page.limit).execute();
    },
    async insertUser(row) {
      await db.insertInto('idc_users').values(row).execute();
    },
    async updateUser(identityStoreId, userId, patch) {
      await db
        .updateTable('idc_users')
        .set(patch)
        .where('identity_store_id', '=', identityStoreId)
        .where('user_id', '=', userId)
        .execute();
    },
    async deleteUser(identityStoreId, userId) {
      await db
        .deleteFrom('idc_group_memberships')
        .where('identity_store_id', '=', identityStoreId)
        .where('user_id', '=', userId)
        .execute();
      await db
        .deleteFrom('idc_users')
        .where('identity_store_id', '=', identityStoreId)
        .where('user_id', '=', userId)
        .execute();
    },
    async insertGroup(row) {
      await db.insertInto('idc_groups').values(row).execute();
    },
    async updateGroup(identityStoreId, groupId, patch) {
      await db
        .updateTable('idc_groups')
        .set(patch)
        .where('identity_store_id', '=', identityStoreId)
        .where('group_id', '=', groupId)
        .execute();
    },
    async deleteGroup(identityStoreId, groupId) {
      await db
        .deleteFrom('idc_group_memberships')
        .where('identity_store_id', '=', identityStoreId)
        .where('group_id', '=', groupId)
        .execute();
      await db
        .deleteFrom('idc_groups')
        .where('identity_store_id', '=', identityStoreId)
        .where('group_id', '=', groupId)
        .execute();
    },
    async insertMembership(row) {
      await db.insertInto('idc_group_memberships').values(row).execute();
    },
    async deleteMembership(identityStoreId, membershipId) {
      await db
        .deleteFrom('idc_group_memberships')
        .where('identity_store_id', '=', identityStoreId)
        .where('membership_id', '=', membershipId)
        .execute();
    },
  };
}
