// GetGroup: a group and its users, paginated by user name.
import { defineAction } from '../action.ts';
import { getGroupRow } from '../../domain/index.ts';
import { DEFAULT_MAX_ITEMS, decodeMarker, toPage } from '../../protocol/index.ts';
import { groupArn } from './resource-arns.ts';
import { groupShape } from './shapes/group-shapes.ts';
import { userShape } from './shapes/user-shapes.ts';

export const GetGroup = defineAction({
  service: 'iam',
  name: 'GetGroup',
  resource: (input, ctx) => groupArn(ctx, input.GroupName),
  async handle(input, ctx) {
    const limit = input.MaxItems ?? DEFAULT_MAX_ITEMS;
    const after = decodeMarker(input.Marker);
    const { group, users } = await ctx.services.store.read(async (repos) => {
      const group = await getGroupRow(repos, ctx.accountId, input.GroupName);
      return { group, users: await repos.groups.members(group.group_id, { after, limit: limit + 1 }) };
    });
    const page = toPage(users, limit, (u) => u.name_key, userShape);
    return {
      Group: groupShape(group),
      Users: page.items,
      IsTruncated: page.isTruncated,
      Marker: page.marker,
    };
  },
});
