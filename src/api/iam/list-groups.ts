// ListGroups: the account's groups by name, optionally under a path prefix, paginated.
import { defineAction } from '../action.ts';
import { DEFAULT_MAX_ITEMS, decodeMarker, toPage } from '../../protocol/index.ts';
import { listArnOf } from './resource-arns.ts';
import { groupShape } from './shapes/group-shapes.ts';

export const ListGroups = defineAction({
  service: 'iam',
  name: 'ListGroups',
  resource: (input, ctx) => listArnOf('group')(ctx, input.PathPrefix),
  async handle(input, ctx) {
    const limit = input.MaxItems ?? DEFAULT_MAX_ITEMS;
    const rows = await ctx.services.store.read((repos) =>
      repos.groups.list(
        ctx.accountId,
        { after: decodeMarker(input.Marker), limit: limit + 1 },
        input.PathPrefix,
      ),
    );
    const page = toPage(rows, limit, (r) => r.name_key, groupShape);
    return { Groups: page.items, IsTruncated: page.isTruncated, Marker: page.marker };
  },
});
