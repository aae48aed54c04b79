// How the tree's and accounts' actions reach their organization: writes by the management account
// under its lock, writes by a member account (LeaveOrganization) under its management account's lock,
// and reads by the management account, a delegated administrator, or a member account the organization's
// delegation policy allows the read.
import type { ActionContext } from '../action.ts';
import { AwsError } from '../../errors.ts';
import {
  administeredOrganization,
  callerOrganization,
  managedOrganization,
  type DelegatedRead,
} from '../../domain/index.ts';
import type { OrganizationRow, ReadRepos, Repos } from '../../store/index.ts';

/** One transaction holding the caller's lock; AccessDeniedException unless it is the management account. */
export function writeAsManagement<T>(
  ctx: ActionContext,
  fn: (repos: Repos, org: OrganizationRow) => Promise<T>,
): Promise<T> {
  return ctx.services.store.write(ctx.accountId, async (repos) =>
    fn(repos, await managedOrganization(repos, ctx.accountId)),
  );
}

/** One transaction holding the lock of the management account of the caller's organization. */
export async function writeAsMember<T>(
  ctx: ActionContext,
  fn: (repos: Repos, org: OrganizationRow) => Promise<T>,
): Promise<T> {
  const { store } = ctx.services;
  const found = await store.read((repos) => callerOrganization(repos, ctx.accountId));
  return store.write(found.management_account_id, async (repos) => {
    const org = await callerOrganization(repos, ctx.accountId);
    // the account left and joined another organization between the read and the lock
    if (org.org_id !== found.org_id)
      throw new AwsError(
        'ConcurrentModificationException',
        'The target of the operation is currently being modified by a different request. Try again later.',
      );
    return fn(repos, org);
  });
}

/** The read `operation` (e.g. `ListAccounts`) by this request's caller, for the delegation policy to judge. */
export const delegatedRead = (ctx: ActionContext, operation: string): DelegatedRead => ({
  caller: ctx.caller,
  operation,
});

/**
 * The read `operation` by the management account, a delegated administrator, or a member account whose
 * caller the delegation policy allows it; AccessDeniedException for others.
 */
export function readAsAdministrator<T>(
  ctx: ActionContext,
  operation: string,
  fn: (repos: ReadRepos, org: OrganizationRow) => Promise<T>,
): Promise<T> {
  return ctx.services.store.read(async (repos) =>
    fn(repos, await administeredOrganization(repos, ctx.accountId, delegatedRead(ctx, operation))),
  );
}
