// ListGroupPolicies: the names of a group's inline policies, paginated.
import { defineAction } from '../action.ts';
import type { ListGroupPoliciesRequest, ListGroupPoliciesResponse } from '../../protocol/models/iam-types.ts';
import { groupAsInlineOwner } from '../../domain/groups.ts';
import { listInlinePolicyNames } from '../../domain/inline-policies.ts';
import { paginateList } from './paginate-list.ts';
import { groupArn } from './resource-arns.ts';

export const ListGroupPolicies = defineAction<ListGroupPoliciesRequest, ListGroupPoliciesResponse>({
  service: 'iam',
  name: 'ListGroupPolicies',
  resource: (input, ctx) => groupArn(ctx, input.GroupName),
  async handle(input, ctx) {
    const names = await ctx.services.store.read(async (repos) =>
      listInlinePolicyNames(repos, await groupAsInlineOwner(repos, ctx.accountId, input.GroupName)),
    );
    const page = paginateList(names, input, (n) => n.toLowerCase());
    return { PolicyNames: page.items, IsTruncated: page.isTruncated, Marker: page.marker };
  },
});
