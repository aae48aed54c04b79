// ListRolePolicies: the names of a role's inline policies, paginated.
import { defineAction } from '../action.ts';
import type { ListRolePoliciesRequest, ListRolePoliciesResponse } from '../../protocol/models/iam-types.ts';
import { listInlinePolicyNames } from '../../domain/inline-policies.ts';
import { getRoleRow, roleOwner } from '../../domain/roles.ts';
import { paginateList } from './paginate-list.ts';
import { roleArn } from './resource-arns.ts';

export const ListRolePolicies = defineAction<ListRolePoliciesRequest, ListRolePoliciesResponse>({
  service: 'iam',
  name: 'ListRolePolicies',
  resource: (input, ctx) => roleArn(ctx, input.RoleName),
  async handle(input, ctx) {
    const names = await ctx.services.store.read(async (repos) => {
      const role = await getRoleRow(repos, ctx.accountId, input.RoleName);
      return listInlinePolicyNames(repos, roleOwner(role));
    });
    const page = paginateList(names, input, (n) => n.toLowerCase());
    return { PolicyNames: page.items, IsTruncated: page.isTruncated, Marker: page.marker };
  },
});
