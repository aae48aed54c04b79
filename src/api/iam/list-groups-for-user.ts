// ListGroupsForUser: the groups a user belongs to, by name, paginated.
import { defineAction } from '../action.ts';
import { getUserRow } from '../../domain/index.ts';
import { DEFAULT_MAX_ITEMS, decodeMarker, toPage } from '../../protocol/index.ts';
import { userArn } from './resource-arns.ts';
import { groupShape } from './shapes/group-shapes.ts';

export const ListGroupsForUser = defineAction({
  service: 'iam',
  name: 'ListGroupsForUser',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  async handle(input, ctx) {
    const limit = input.MaxItems ?? DEFAULT_MAX_ITEMS;
    const after = decodeMarker(input.Marker);
    const rows = await ctx.services.store.read(async (repos) => {
      const user = await getUserRow(repos, ctx.accountId, input.UserName);
      return repos.groups.forUser(user.user_id, { after, limit: limit + 1 });
    });
    const page = toPage(rows, limit, (r) => r.name_key, groupShape);
    return { Groups: page.items, IsTruncated: page.isTruncated, Marker: page.marker };
  },
});
