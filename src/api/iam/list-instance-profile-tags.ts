// ListInstanceProfileTags: an instance profile's tags, paginated.
import { defineAction } from '../action.ts';
import type {
  ListInstanceProfileTagsRequest,
  ListInstanceProfileTagsResponse,
} from '../../protocol/models/iam-types.ts';
import { getInstanceProfileRow } from '../../domain/instance-profiles.ts';
import { paginateList } from './paginate-list.ts';
import { instanceProfileArn } from './resource-arns.ts';

export const ListInstanceProfileTags = defineAction<
  ListInstanceProfileTagsRequest,
  ListInstanceProfileTagsResponse
>({
  service: 'iam',
  name: 'ListInstanceProfileTags',
  resource: (input, ctx) => instanceProfileArn(ctx, input.InstanceProfileName),
  async handle(input, ctx) {
    const tags = await ctx.services.store.read(async (repos) => {
      const row = await getInstanceProfileRow(repos, ctx.accountId, input.InstanceProfileName);
      return repos.tags.list('instance-profile', row.instance_profile_id);
    });
    const page = paginateList(tags, input, (t) => t.Key.toLowerCase());
    return { Tags: page.items, IsTruncated: page.isTruncated, Marker: page.marker };
  },
});
