// ListInstanceProfilesForRole: the instance profiles that hold a role, by name, paginated.
import { defineAction } from '../action.ts';
import { getRoleRow } from '../../domain/index.ts';
import { DEFAULT_MAX_ITEMS, decodeMarker, toPage } from '../../protocol/index.ts';
import { roleArn } from './resource-arns.ts';
import { instanceProfileShapes } from './shapes/instance-profile-shapes.ts';

export const ListInstanceProfilesForRole = defineAction({
  service: 'iam',
  name: 'ListInstanceProfilesForRole',
  resource: (input, ctx) => roleArn(ctx, input.RoleName),
  async handle(input, ctx) {
    const limit = input.MaxItems ?? DEFAULT_MAX_ITEMS;
    const after = decodeMarker(input.Marker);
    return ctx.services.store.read(async (repos) => {
      const role = await getRoleRow(repos, ctx.accountId, input.RoleName);
      const rows = await repos.instanceProfiles.listForRole(role.role_id, { after, limit: limit + 1 });
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
