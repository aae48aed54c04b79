// The SSO portal's ListAccounts and ListAccountRoles: the accounts a person has assignments in, and
// per account the roles (named after permission sets) provisioned there for them, paged.
import { defineAction } from '../action.ts';
import { portalAccounts, portalRoles } from '../../domain/index.ts';
import { page } from '../accessanalyzer/analyzer-scope.ts';
import { portalCaller } from './portal-caller.ts';

export const ListAccounts = defineAction({
  service: 'sso',
  name: 'ListAccounts',
  authentication: 'none',
  authorization: 'handler',
  resource: () => '*',
  async handle(input, ctx) {
    const caller = await portalCaller(ctx, input.accessToken);
    const accounts = await ctx.services.store.read(async (repos) =>
      portalAccounts(repos, await portalRoles(repos, caller.identityStoreId, caller.userId)),
    );
    const { items, nextToken } = page(accounts, input.nextToken, input.maxResults, 20);
    return { accountList: items, ...(nextToken ? { nextToken } : {}) };
  },
});

export const ListAccountRoles = defineAction({
  service: 'sso',
  name: 'ListAccountRoles',
  authentication: 'none',
  authorization: 'handler',
  resource: () => '*',
  async handle(input, ctx) {
    const caller = await portalCaller(ctx, input.accessToken);
    const roles = (
      await ctx.services.store.read((repos) => portalRoles(repos, caller.identityStoreId, caller.userId))
    ).filter((r) => r.accountId === input.accountId);
    const { items, nextToken } = page(
      roles.map((r) => ({ roleName: r.permissionSetName, accountId: r.accountId })),
      input.nextToken,
      input.maxResults,
      20,
    );
    return { roleList: items, ...(nextToken ? { nextToken } : {}) };
  },
});
