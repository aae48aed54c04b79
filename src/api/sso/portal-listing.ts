// The SSO portal's ListAccounts and ListAccountRoles: the accounts a person has assignments in, and
// per account the roles (named after permission sets) provisioned there for them, paged as the portal
// pages: 20 by default, 1 to 100 a page, InvalidRequestException (400) for a bad size or token.
import { defineAction } from '../action.ts';
import { portalAccounts, portalRoles } from '../../domain/index.ts';
import { AwsError } from '../../errors.ts';
import { offsetPage, type OffsetPaging } from '../../protocol/index.ts';
import { portalCaller } from './portal-caller.ts';

const PORTAL_PAGING: OffsetPaging = {
  defaultSize: 20,
  maxSize: 100,
  invalidToken: () => new AwsError('InvalidRequestException', 'The nextToken is not valid.'),
  // AWS's text, which clients show as it is
  invalidSize: () =>
    new AwsError('InvalidRequestException', 'ResultSize parameter must be within the valid limits of: 1-100'),
};

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
    const { items, nextToken } = offsetPage(accounts, input.nextToken, input.maxResults, PORTAL_PAGING);
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
    const { items, nextToken } = offsetPage(
      roles.map((r) => ({ roleName: r.permissionSetName, accountId: r.accountId })),
      input.nextToken,
      input.maxResults,
      PORTAL_PAGING,
    );
    return { roleList: items, ...(nextToken ? { nextToken } : {}) };
  },
});
