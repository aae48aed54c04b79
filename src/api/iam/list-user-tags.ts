// ListUserTags: a user's tags, paginated.
import { defineAction } from '../action.ts';
import type { ListUserTagsRequest, ListUserTagsResponse } from '../../protocol/models/iam-types.ts';
import { getUserRow } from '../../domain/users.ts';
import { paginateList } from './paginate-list.ts';
import { userArn } from './resource-arns.ts';

export const ListUserTags = defineAction<ListUserTagsRequest, ListUserTagsResponse>({
  service: 'iam',
  name: 'ListUserTags',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  async handle(input, ctx) {
    const tags = await ctx.services.store.read(async (repos) => {
      const user = await getUserRow(repos, ctx.accountId, input.UserName);
      return repos.tags.list('user', user.user_id);
    });
    const page = paginateList(tags, input, (t) => t.Key.toLowerCase());
    return { Tags: page.items, IsTruncated: page.isTruncated, Marker: page.marker };
  },
});
