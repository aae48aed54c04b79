// ListUserPolicies: the names of a user's inline policies, paginated.
import { defineAction } from '../action.ts';
import type { ListUserPoliciesRequest, ListUserPoliciesResponse } from '../../protocol/models/iam-types.ts';
import { listInlinePolicyNames, userAsInlineOwner } from '../../domain/inline-policies.ts';
import { paginateList } from './paginate-list.ts';
import { userArn } from './resource-arns.ts';

export const ListUserPolicies = defineAction<ListUserPoliciesRequest, ListUserPoliciesResponse>({
  service: 'iam',
  name: 'ListUserPolicies',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  async handle(input, ctx) {
    const names = await ctx.services.store.read(async (repos) =>
      listInlinePolicyNames(repos, await userAsInlineOwner(repos, ctx.accountId, input.UserName)),
    );
    const page = paginateList(names, input, (n) => n.toLowerCase());
    return { PolicyNames: page.items, IsTruncated: page.isTruncated, Marker: page.marker };
  },
});
