// What the Identity Store actions share: the identity store a request names, which the caller's account
// must administer (unknown → ResourceNotFoundException, another organization's → AccessDeniedException)
// before anything is read or written there, the ARN actions are authorized on, paging tokens (the last
// id of a page), and the wire shapes.
import type { ActionContext } from '../action.ts';
import { administeredIdentityStore, directoryNotFound, userAttributes } from '../../domain/index.ts';
import { AwsError } from '../../errors.ts';
import type { IdStore } from '../../protocol/index.ts';
import type {
  DirectoryGroupRow,
  DirectoryUserRow,
  GroupMembershipRow,
  ReadRepos,
  Repos,
} from '../../store/index.ts';

/** The identity store's ARN, as AWS's Service Authorization Reference writes it. */
export const identityStoreArn = (input: { IdentityStoreId: string }, ctx: ActionContext) =>
  `arn:aws:identitystore::${ctx.accountId}:identitystore/${input.IdentityStoreId}`;

/** Checks that the caller's account administers the identity store. */
export async function administeredStore(ctx: ActionContext, identityStoreId: string): Promise<void> {
  const found = await ctx.services.store.read(async (repos) => ({
    mine: await administeredIdentityStore(repos, ctx.accountId, identityStoreId),
    exists: await repos.idcInstances.byIdentityStore(identityStoreId),
  }));
  if (found.mine) return;
  if (!found.exists) throw directoryNotFound('IDENTITY_STORE', identityStoreId);
  throw new AwsError(
    'AccessDenied',
    `The account ${ctx.accountId} does not administer identity store ${identityStoreId}.`,
  );
}

/** A read of the identity store, once the caller is known to administer it. */
export async function readStore<T>(
  ctx: ActionContext,
  identityStoreId: string,
  fn: (repos: ReadRepos) => Promise<T>,
): Promise<T> {
  await administeredStore(ctx, identityStoreId);
  return ctx.services.store.read(fn);
}

/** A write to the identity store (under the caller's account lock), once the caller administers it. */
export async function writeStore<T>(
  ctx: ActionContext,
  identityStoreId: string,
  fn: (repos: Repos) => Promise<T>,
): Promise<T> {
  await administeredStore(ctx, identityStoreId);
  return ctx.services.store.write(ctx.accountId, fn);
}

const DEFAULT_PAGE = 100;

/** A page request: its size and the id to continue after. */
export function pageOf(input: { MaxResults?: number; NextToken?: string }): {
  limit: number;
  after?: string;
} {
  let after: string | undefined;
  if (input.NextToken !== undefined) {
    after = Buffer.from(input.NextToken, 'base64url').toString('utf8');
    if (!/^[0-9a-f-]{1,47}$/.test(after))
      throw new AwsError('ValidationError', 'The NextToken is not valid.');
  }
  return { limit: input.MaxResults ?? DEFAULT_PAGE, ...(after !== undefined ? { after } : {}) };
}

/** The token of the page after `items`, when the page was full. */
export function nextTokenOf<T>(
  items: readonly T[],
  limit: number,
  id: (item: T) => string,
): { NextToken?: string } {
  return items.length === limit && items.length > 0
    ? { NextToken: Buffer.from(id(items[items.length - 1]!)).toString('base64url') }
    : {};
}

export function userShape(row: DirectoryUserRow): IdStore.User {
  return {
    ...(userAttributes(row) as Partial<IdStore.User>),
    IdentityStoreId: row.identity_store_id,
    UserId: row.user_id,
    UserName: row.user_name,
    ...(row.display_name !== null ? { DisplayName: row.display_name } : {}),
    UserStatus: row.status,
    CreatedAt: new Date(row.created_at),
    UpdatedAt: new Date(row.updated_at),
    ...(row.created_by !== null ? { CreatedBy: row.created_by } : {}),
    ...(row.updated_by !== null ? { UpdatedBy: row.updated_by } : {}),
  };
}

export function groupShape(row: DirectoryGroupRow): IdStore.Group {
  return {
    IdentityStoreId: row.identity_store_id,
    GroupId: row.group_id,
    DisplayName: row.display_name,
    ...(row.description !== null ? { Description: row.description } : {}),
    ...(row.external_ids !== null
      ? { ExternalIds: JSON.parse(row.external_ids) as IdStore.ExternalId[] }
      : {}),
    CreatedAt: new Date(row.created_at),
    UpdatedAt: new Date(row.updated_at),
    ...(row.created_by !== null ? { CreatedBy: row.created_by } : {}),
    ...(row.updated_by !== null ? { UpdatedBy: row.updated_by } : {}),
  };
}

export function membershipShape(row: GroupMembershipRow): IdStore.GroupMembership {
  return {
    IdentityStoreId: row.identity_store_id,
    MembershipId: row.membership_id,
    GroupId: row.group_id,
    MemberId: { UserId: row.user_id },
    CreatedAt: new Date(row.created_at),
    ...(row.created_by !== null ? { CreatedBy: row.created_by } : {}),
  };
}
