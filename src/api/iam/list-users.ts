// ListUsers: the account's users by name, optionally under a path prefix, paginated.
import { defineAction } from '../action.ts';
import { DEFAULT_MAX_ITEMS, decodeMarker, toPage } from '../../protocol/index.ts';
import { listArnOf } from './resource-arns.ts';
import { userShape } from './shapes/user-shapes.ts';

export const ListUsers = defineAction({
  service: 'iam',
  name: 'ListUsers',
  resource: (input, ctx) => listArnOf('user')(ctx, input.PathPrefix),
  async handle(input, ctx) {
    const limit = input.MaxItems ?? DEFAULT_MAX_ITEMS;
    const rows = await ctx.services.store.read((repos) =>
      repos.users.list(
        ctx.accountId,
        { after: decodeMarker(input.Marker), limit: limit + 1 },
        input.PathPrefix,
      ),
    );
    const page = toPage(rows, limit, (r) => r.name_key, userShape);
    return { Users: page.items, IsTruncated: page.isTruncated, Marker: page.marker };
  },
});
