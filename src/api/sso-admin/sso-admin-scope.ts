// What every SSO Admin action shares: the instance a request names (one the caller's account
// administers: its organization's as management account or delegated administrator, or its own
// account instance), reads and writes under the instance owner's lock, the quotas of the accounts a
// request may provision to, AWS's resources per action (instance, permission set, account; each
// required one authorized), shapes and paging.
import type { Action, ActionContext, AuthorizationTarget } from '../action.ts';
import type { Quotas } from '../../config/index.ts';
import {
  administeredInstance,
  assignableAccounts,
  instanceIdOf,
  ssoAdminError,
  type QuotasOf,
} from '../../domain/index.ts';
import type {
  IdcInstanceRow,
  IdcPermissionSetRow,
  IdcRequestRow,
  ReadRepos,
  Repos,
} from '../../store/index.ts';
import { offsetPage, type OffsetPaging } from '../../protocol/index.ts';

/** The instance the caller administers; AccessDeniedException for another's, ResourceNotFound for none. */
export async function requireInstance(
  repos: ReadRepos,
  accountId: string,
  instanceArn: string,
): Promise<IdcInstanceRow> {
  const instance = await administeredInstance(repos, accountId, instanceArn);
  if (instance) return instance;
  if (await repos.idcInstances.byArn(instanceArn))
    throw ssoAdminError(
      'AccessDenied',
      `The account ${accountId} does not administer the instance ${instanceArn}.`,
    );
  throw ssoAdminError('ResourceNotFoundException', `Could not find Instance with ARN ${instanceArn}.`);
}

export function readInstance<T>(
  ctx: ActionContext,
  instanceArn: string,
  fn: (repos: ReadRepos, instance: IdcInstanceRow) => Promise<T>,
): Promise<T> {
  return ctx.services.store.read(async (repos) =>
    fn(repos, await requireInstance(repos, ctx.accountId, instanceArn)),
  );
}

/** The member accounts a write provisions roles into (or removes them from), as it stands in `repos`. */
export type TouchedAccounts = (repos: ReadRepos, instance: IdcInstanceRow) => Promise<readonly string[]>;

/** The one account a request targets, when its id is well formed (the domain refuses one that is not). */
export const targetAccount =
  (accountId: string | undefined): TouchedAccounts =>
  () =>
    Promise.resolve(accountId !== undefined && /^\d{12}$/.test(accountId) ? [accountId] : []);

/** A write's accounts changed between reading them and taking their locks: read again. */
class TouchedAccountsChanged extends Error {}
const LOCK_ATTEMPTS = 3;

/**
 * One transaction under the lock of the instance's owner (the management account for an
 * organization's) and of every account `touched` names, so that quotas and existence checks in the
 * member accounts the write provisions to cannot race their own writers. The accounts are read before
 * the locks are taken and again under them; if they grew meanwhile, the write starts over.
 */
export async function writeInstance<T>(
  ctx: ActionContext,
  instanceArn: string,
  fn: (repos: Repos, instance: IdcInstanceRow) => Promise<T>,
  touched?: TouchedAccounts,
): Promise<T> {
  const { store } = ctx.services;
  for (let attempt = 1; ; attempt++) {
    const [owner, accounts] = await store.read(async (repos) => {
      const found = await requireInstance(repos, ctx.accountId, instanceArn);
      return [found.owner_account_id, touched ? await touched(repos, found) : []] as const;
    });
    try {
      return await store.write([owner, ...accounts], async (repos) => {
        const instance = await requireInstance(repos, ctx.accountId, instanceArn);
        if (touched && (await touched(repos, instance)).some((a) => !accounts.includes(a)))
          throw new TouchedAccountsChanged();
        return fn(repos, instance);
      });
    } catch (err) {
      if (!(err instanceof TouchedAccountsChanged)) throw err;
      if (attempt >= LOCK_ATTEMPTS)
        throw ssoAdminError(
          'ConflictException',
          'The accounts of this request changed while it ran; try again.',
        );
    }
  }
}

/** The quotas of every account the instance may provision to, read before the write. */
export async function accountQuotas(ctx: ActionContext, instanceArn: string): Promise<QuotasOf> {
  const accounts = await ctx.services.store.read(async (repos) =>
    assignableAccounts(repos, await requireInstance(repos, ctx.accountId, instanceArn)),
  );
  const quotas = new Map<string, Quotas>();
  for (const a of accounts) quotas.set(a, await ctx.services.quotas(a));
  const fallback = await ctx.services.quotas(ctx.accountId);
  return (accountId) => quotas.get(accountId) ?? fallback;
}

type Input = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/** The resources an action is authorized on, most specific first, each built from the request. */
export type SsoResource = 'permissionSet' | 'account' | 'instance' | 'tagged';

const RESOURCE_ARNS: Record<SsoResource, (input: Input) => string | undefined> = {
  permissionSet(input) {
    const arn = str(input.PermissionSetArn);
    if (arn) return arn;
    // CreatePermissionSet: every permission set of the instance
    const instance = str(input.InstanceArn);
    return instance && `arn:aws:sso:::permissionSet/${instanceIdOf(instance)}/*`;
  },
  account(input) {
    const id = str(input.TargetId) ?? str(input.AccountId);
    return id && `arn:aws:sso:::account/${id}`;
  },
  instance: (input) => str(input.InstanceArn),
  tagged: (input) => str(input.ResourceArn),
};

/**
 * The action, authorized on each resource AWS requires of it (Service Authorization Reference, IAM
 * Identity Center): the engine decides the first; the handler's first step decides the others.
 */
export function withSsoResources(action: Action, resources: readonly SsoResource[]): Action {
  const arns = (input: Input) =>
    resources.map((r) => RESOURCE_ARNS[r](input)).filter((a): a is string => a !== undefined);
  const target = async (input: unknown): Promise<AuthorizationTarget> => ({
    arn: arns(input as Input)[0] ?? '*',
    ownAccount: true,
  });
  return {
    ...action,
    resource: (input) => arns(input as Input)[0] ?? '*',
    authorizationTarget: target,
    async handle(input, ctx) {
      if (action.authorization === 'policy')
        for (const arn of arns(input as Input).slice(1))
          await ctx.services.authorizer.authorize({
            principal: ctx.caller,
            action: action.iamAction,
            resource: arn,
            resourceAccountId: ctx.accountId,
            request: ctx.request,
          });
      return action.handle(input, ctx);
    },
  };
}

/** SSO Admin's paging: 100 a page at most (AWS's default too), ValidationException for a bad request. */
const SSO_ADMIN_PAGING: OffsetPaging = {
  defaultSize: 100,
  maxSize: 100,
  invalidToken: () => ssoAdminError('ValidationException', 'The NextToken is not valid.'),
  invalidSize: () => ssoAdminError('ValidationException', 'MaxResults must be between 1 and 100.'),
};

/** A page of `items` after the opaque token, at most `maxResults` (AWS's default 100). */
export function page<T>(
  items: readonly T[],
  nextToken: string | undefined,
  maxResults: number | undefined,
): { items: T[]; nextToken?: string } {
  return offsetPage(items, nextToken, maxResults, SSO_ADMIN_PAGING);
}

/** The PermissionSet shape. */
export const permissionSetShape = (row: IdcPermissionSetRow) => ({
  Name: row.name,
  PermissionSetArn: row.permission_set_arn,
  ...(row.description !== null ? { Description: row.description } : {}),
  CreatedDate: new Date(row.created_at),
  SessionDuration: row.session_duration,
  ...(row.relay_state !== null ? { RelayState: row.relay_state } : {}),
});

/** The InstanceMetadata / DescribeInstance shape. */
export const instanceShape = (row: IdcInstanceRow) => ({
  InstanceArn: row.instance_arn,
  IdentityStoreId: row.identity_store_id,
  OwnerAccountId: row.owner_account_id,
  ...(row.name !== null ? { Name: row.name } : {}),
  CreatedDate: new Date(row.created_at),
  Status: 'ACTIVE' as const,
});

/** An assignment request's status (creation or deletion). */
export function assignmentStatusShape(row: IdcRequestRow) {
  const d = JSON.parse(row.details) as Record<string, string>;
  return {
    Status: row.status,
    RequestId: row.request_id,
    ...(row.failure_reason !== null ? { FailureReason: row.failure_reason } : {}),
    TargetId: d.TargetId,
    TargetType: 'AWS_ACCOUNT' as const,
    PermissionSetArn: d.PermissionSetArn,
    PrincipalType: d.PrincipalType as 'USER' | 'GROUP',
    PrincipalId: d.PrincipalId,
    CreatedDate: new Date(row.created_at),
  };
}

/** A provisioning request's status. */
export function provisioningStatusShape(row: IdcRequestRow) {
  const d = JSON.parse(row.details) as Record<string, string>;
  return {
    Status: row.status,
    RequestId: row.request_id,
    ...(d.AccountId !== undefined ? { AccountId: d.AccountId } : {}),
    PermissionSetArn: d.PermissionSetArn,
    ...(row.failure_reason !== null ? { FailureReason: row.failure_reason } : {}),
    CreatedDate: new Date(row.created_at),
  };
}
