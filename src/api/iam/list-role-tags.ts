// ListRoleTags: a role's tags, paginated.
import { defineAction } from '../action.ts';
import type { ListRoleTagsRequest, ListRoleTagsResponse } from '../../protocol/models/iam-types.ts';
import { getRoleRow } from '../../domain/roles.ts';
import { paginateList } from './paginate-list.ts';
import { roleArn } from './resource-arns.ts';

export const ListRoleTags = defineAction<ListRoleTagsRequest, ListRoleTagsResponse>({
  service: 'iam',
  name: 'ListRoleTags',
  resource: (input, ctx) => roleArn(ctx, input.RoleName),
  async handle(input, ctx) {
    const tags = await ctx.services.store.read(async (repos) => {
      const role = await getRoleRow(repos, ctx.accountId, input.RoleName);
      return repos.tags.list('role', role.role_id);
    });
    const page = paginateList(tags, input, (t) => t.Key.toLowerCase());
    return { Tags: page.items, IsTruncated: page.isTruncated, Marker: page.marker };
  },
});
