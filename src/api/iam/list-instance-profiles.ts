// ListInstanceProfiles: the account's instance profiles by name (with their roles, without tags),
// optionally under a path prefix, paginated.
import { defineAction } from '../action.ts';
import { DEFAULT_MAX_ITEMS, decodeMarker, toPage } from '../../protocol/index.ts';
import { listArnOf } from './resource-arns.ts';
import { instanceProfileShapes } from './shapes/instance-profile-shapes.ts';

export const ListInstanceProfiles = defineAction({
  service: 'iam',
  name: 'ListInstanceProfiles',
  resource: (input, ctx) => listArnOf('instance-profile')(ctx, input.PathPrefix),
  async handle(input, ctx) {
    const limit = input.MaxItems ?? DEFAULT_MAX_ITEMS;
    const after = decodeMarker(input.Marker);
    return ctx.services.store.read(async (repos) => {
      const rows = await repos.instanceProfiles.list(
        ctx.accountId,
        { after, limit: limit + 1 },
        input.PathPrefix,
      );
      const page = toPage(
        rows,
        limit,
        (r) => r.name_key,
        (r) => r,
      );
      return {
        InstanceProfiles: await instanceProfileShapes(repos, page.items),
        IsTruncated: page.isTruncated,
        Marker: page.marker,
      };
    });
  },
});
