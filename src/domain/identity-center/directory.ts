// The Identity Store's rules: users (a unique user name, case-insensitively, and a display name, as
// Identity Center requires; at most one e-mail, address and phone number; the reserved names refused),
// groups (a unique display name), memberships (one per user and group), AWS's attribute paths for
// UpdateUser / UpdateGroup and GetUserId / GetGroupId, and AWS's errors (ResourceNotFoundException
// naming the resource type and id, ConflictException with its reason).
import { randomBytes, randomUUID } from 'node:crypto';
import { AwsError } from '../../errors.ts';
import type {
  DirectoryGroupRow,
  DirectoryUserRow,
  GroupMembershipRow,
  ReadRepos,
  Repos,
} from '../../store/index.ts';

type ResourceType = 'USER' | 'GROUP' | 'GROUP_MEMBERSHIP' | 'IDENTITY_STORE';

export function directoryNotFound(type: ResourceType, id: string): AwsError {
  const what = {
    USER: 'User',
    GROUP: 'Group',
    GROUP_MEMBERSHIP: 'GroupMembership',
    IDENTITY_STORE: 'IdentityStore',
  }[type];
  return new AwsError('ResourceNotFoundException', `${what} not found.`, {
    fields: { ResourceType: type, ResourceId: id },
  });
}

const duplicate = (message: string) =>
  new AwsError('ConflictException', message, {
    fields: { Reason: 'UNIQUENESS_CONSTRAINT_VIOLATION' },
  });
const invalid = (message: string) => new AwsError('ValidationError', message);

/** Identity Store ids: ten hex digits of the store's, then a UUID, as AWS's look. */
export const newDirectoryId = () => `${randomBytes(5).toString('hex')}-${randomUUID()}`;

/** Names AWS reserves for its own groups and users. */
const RESERVED = new Set(['administrator', 'awsadministrators']);
/** Multi-valued attributes Identity Center holds one item of. */
const SINGLE_ITEM = ['Emails', 'Addresses', 'PhoneNumbers'] as const;

export type Attributes = Record<string, unknown>;

/** A user's attributes in AWS's shape, as stored. */
export const userAttributes = (row: DirectoryUserRow): Attributes => JSON.parse(row.attributes) as Attributes;

function checkAttributes(attributes: Attributes): void {
  for (const key of SINGLE_ITEM) {
    const v = attributes[key];
    if (v !== undefined && (!Array.isArray(v) || v.length > 1))
      throw invalid(`${key} must hold at most one item.`);
  }
}

function checkName(kind: 'user name' | 'display name', value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw invalid(`A ${kind} is required.`);
  if (RESERVED.has(value.toLowerCase())) throw invalid(`${value} is a reserved name.`);
  return value;
}

export interface NewUser extends Attributes {
  UserName?: string;
  DisplayName?: string;
}

/** CreateUser: the new user's id. */
export async function createDirectoryUser(
  repos: Repos,
  identityStoreId: string,
  input: NewUser,
  now: Date,
  by: string,
): Promise<string> {
  const { UserName, DisplayName, ...attributes } = input;
  const userName = checkName('user name', UserName);
  checkName('display name', DisplayName);
  checkAttributes(attributes);
  if (await repos.identityStore.userByName(identityStoreId, userName))
    throw duplicate(`A user with user name ${userName} already exists.`);
  const userId = newDirectoryId();
  const at = now.toISOString();
  await repos.identityStore.insertUser({
    identity_store_id: identityStoreId,
    user_id: userId,
    user_name: userName,
    user_name_key: userName.toLowerCase(),
    display_name: DisplayName ?? null,
    attributes: JSON.stringify(attributes),
    status: 'ENABLED',
    created_at: at,
    created_by: by,
    updated_at: at,
    updated_by: by,
  });
  return userId;
}

export async function directoryUser(
  repos: ReadRepos,
  identityStoreId: string,
  userId: string,
): Promise<DirectoryUserRow> {
  const row = await repos.identityStore.user(identityStoreId, userId);
  if (!row) throw directoryNotFound('USER', userId);
  return row;
}

export async function directoryGroup(
  repos: ReadRepos,
  identityStoreId: string,
  groupId: string,
): Promise<DirectoryGroupRow> {
  const row = await repos.identityStore.group(identityStoreId, groupId);
  if (!row) throw directoryNotFound('GROUP', groupId);
  return row;
}

/** An attribute path of AWS's (`name.givenName`, `displayName`) as the keys of the stored shape. */
function pathKeys(path: string): string[] {
  return path.split('.').map((p) => p.charAt(0).toUpperCase() + p.slice(1));
}

export interface AttributeOperation {
  AttributePath: string;
  /** The new value; absent or null removes the attribute. */
  AttributeValue?: unknown;
}

/** Applies AWS's attribute operations to a copy of `target`. */
function applyOperations(
  target: Attributes,
  operations: readonly AttributeOperation[],
  allowed: ReadonlySet<string>,
): Attributes {
  const out = structuredClone(target);
  for (const op of operations) {
    const keys = pathKeys(op.AttributePath);
    if (!allowed.has(keys[0]!)) throw invalid(`${op.AttributePath} is not an attribute that can be updated.`);
    let node: Attributes = out;
    for (const k of keys.slice(0, -1)) {
      const next = node[k];
      if (next === undefined || next === null || typeof next !== 'object' || Array.isArray(next))
        node[k] = {};
      node = node[k] as Attributes;
    }
    const last = keys[keys.length - 1]!;
    if (op.AttributeValue === undefined || op.AttributeValue === null) delete node[last];
    else node[last] = op.AttributeValue;
  }
  return out;
}

const USER_PATHS = new Set([
  'UserName',
  'DisplayName',
  'Name',
  'NickName',
  'ProfileUrl',
  'Emails',
  'Addresses',
  'PhoneNumbers',
  'UserType',
  'Title',
  'PreferredLanguage',
  'Locale',
  'Timezone',
  'Photos',
  'Website',
  'Birthdate',
  'Roles',
]);

/** UpdateUser. */
export async function updateDirectoryUser(
  repos: Repos,
  identityStoreId: string,
  userId: string,
  operations: readonly AttributeOperation[],
  now: Date,
  by: string,
): Promise<void> {
  const row = await directoryUser(repos, identityStoreId, userId);
  const current: Attributes = {
    ...userAttributes(row),
    UserName: row.user_name,
    DisplayName: row.display_name ?? undefined,
  };
  const { UserName, DisplayName, ...attributes } = applyOperations(current, operations, USER_PATHS);
  const userName = checkName('user name', typeof UserName === 'string' ? UserName : undefined);
  checkName('display name', typeof DisplayName === 'string' ? DisplayName : undefined);
  checkAttributes(attributes);
  const holder = await repos.identityStore.userByName(identityStoreId, userName);
  if (holder && holder.user_id !== userId)
    throw duplicate(`A user with user name ${userName} already exists.`);
  await repos.identityStore.updateUser(identityStoreId, userId, {
    user_name: userName,
    user_name_key: userName.toLowerCase(),
    display_name: DisplayName as string,
    attributes: JSON.stringify(attributes),
    updated_at: now.toISOString(),
    updated_by: by,
  });
}

export async function deleteDirectoryUser(
  repos: Repos,
  identityStoreId: string,
  userId: string,
): Promise<void> {
  await directoryUser(repos, identityStoreId, userId);
  await repos.identityStore.deleteUser(identityStoreId, userId);
}

/** CreateGroup: the new group's id. */
export async function createDirectoryGroup(
  repos: Repos,
  identityStoreId: string,
  input: { DisplayName?: string; Description?: string },
  now: Date,
  by: string,
): Promise<string> {
  const name = checkName('display name', input.DisplayName);
  if (await repos.identityStore.groupByName(identityStoreId, name))
    throw duplicate(`A group with display name ${name} already exists.`);
  const groupId = newDirectoryId();
  const at = now.toISOString();
  await repos.identityStore.insertGroup({
    identity_store_id: identityStoreId,
    group_id: groupId,
    display_name: name,
    display_name_key: name.toLowerCase(),
    description: input.Description ?? null,
    external_ids: null,
    created_at: at,
    created_by: by,
    updated_at: at,
    updated_by: by,
  });
  return groupId;
}

/** UpdateGroup: its display name and description. */
export async function updateDirectoryGroup(
  repos: Repos,
  identityStoreId: string,
  groupId: string,
  operations: readonly AttributeOperation[],
  now: Date,
  by: string,
): Promise<void> {
  const row = await directoryGroup(repos, identityStoreId, groupId);
  const next = applyOperations(
    { DisplayName: row.display_name, ...(row.description !== null ? { Description: row.description } : {}) },
    operations,
    new Set(['DisplayName', 'Description']),
  );
  const name = checkName('display name', typeof next.DisplayName === 'string' ? next.DisplayName : undefined);
  const holder = await repos.identityStore.groupByName(identityStoreId, name);
  if (holder && holder.group_id !== groupId)
    throw duplicate(`A group with display name ${name} already exists.`);
  await repos.identityStore.updateGroup(identityStoreId, groupId, {
    display_name: name,
    display_name_key: name.toLowerCase(),
    description: typeof next.Description === 'string' ? next.Description : null,
    updated_at: now.toISOString(),
    updated_by: by,
  });
}

export async function deleteDirectoryGroup(
  repos: Repos,
  identityStoreId: string,
  groupId: string,
): Promise<void> {
  await directoryGroup(repos, identityStoreId, groupId);
  await repos.identityStore.deleteGroup(identityStoreId, groupId);
}

/** CreateGroupMembership: the new membership's id. */
export async function createMembership(
  repos: Repos,
  identityStoreId: string,
  groupId: string,
  userId: string,
  now: Date,
  by: string,
): Promise<string> {
  await directoryGroup(repos, identityStoreId, groupId);
  await directoryUser(repos, identityStoreId, userId);
  if (await repos.identityStore.membershipOf(identityStoreId, groupId, userId))
    throw duplicate('The user is already a member of the group.');
  const membershipId = newDirectoryId();
  await repos.identityStore.insertMembership({
    identity_store_id: identityStoreId,
    membership_id: membershipId,
    group_id: groupId,
    user_id: userId,
    created_at: now.toISOString(),
    created_by: by,
  });
  return membershipId;
}

export async function membershipWithId(
  repos: ReadRepos,
  identityStoreId: string,
  membershipId: string,
): Promise<GroupMembershipRow> {
  const row = await repos.identityStore.membership(identityStoreId, membershipId);
  if (!row) throw directoryNotFound('GROUP_MEMBERSHIP', membershipId);
  return row;
}

/** GetUserId: by user name, or by the user's e-mail address (`emails.value`). */
export async function userIdByAttribute(
  repos: ReadRepos,
  identityStoreId: string,
  path: string,
  value: string,
): Promise<string> {
  const key = path.toLowerCase();
  if (key === 'username') {
    const row = await repos.identityStore.userByName(identityStoreId, value);
    if (row) return row.user_id;
  } else if (key === 'emails.value') {
    for (let after: string | undefined; ;) {
      const page = await repos.identityStore.users(identityStoreId, {
        limit: 500,
        ...(after ? { after } : {}),
      });
      const hit = page.find((u) =>
        ((userAttributes(u).Emails as { Value?: string }[] | undefined) ?? []).some((e) => e.Value === value),
      );
      if (hit) return hit.user_id;
      if (page.length < 500) break;
      after = page[page.length - 1]!.user_id;
    }
  } else throw invalid(`${path} is not a unique attribute of users.`);
  throw directoryNotFound('USER', value);
}

/** GetGroupId: by display name. */
export async function groupIdByAttribute(
  repos: ReadRepos,
  identityStoreId: string,
  path: string,
  value: string,
): Promise<string> {
  if (path.toLowerCase() !== 'displayname') throw invalid(`${path} is not a unique attribute of groups.`);
  const row = await repos.identityStore.groupByName(identityStoreId, value);
  if (!row) throw directoryNotFound('GROUP', value);
  return row.group_id;
}
