// ListRoles: the account's roles by name, optionally under a path prefix, paginated; without the
// boundary, tags and last use, which AWS leaves out of list results.
import { defineAction } from '../action.ts';
import { DEFAULT_MAX_ITEMS, decodeMarker, toPage } from '../../protocol/index.ts';
import { listArnOf } from './resource-arns.ts';
import { roleShape } from './shapes/role-shapes.ts';

export const ListRoles = defineAction({
  service: 'iam',
  name: 'ListRoles',
  resource: (input, ctx) => listArnOf('role')(ctx, input.PathPrefix),
  async handle(input, ctx) {
    const limit = input.MaxItems ?? DEFAULT_MAX_ITEMS;
    const rows = await ctx.services.store.read((repos) =>
      repos.roles.list(
        ctx.accountId,
        { after: decodeMarker(input.Marker), limit: limit + 1 },
        input.PathPrefix,
      ),
    );
    const page = toPage(rows, limit, (r) => r.name_key, roleShape);
    return { Roles: page.items, IsTruncated: page.isTruncated, Marker: page.marker };
  },
});
