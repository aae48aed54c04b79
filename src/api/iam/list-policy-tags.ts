// ListPolicyTags: a managed policy's tags, paginated.
import { defineAction } from '../action.ts';
import type { ListPolicyTagsRequest, ListPolicyTagsResponse } from '../../protocol/models/iam-types.ts';
import { getReadablePolicy } from '../../domain/managed-policies.ts';
import { paginateList } from './paginate-list.ts';
import { policyAccess } from './policy-access.ts';

export const ListPolicyTags = defineAction<ListPolicyTagsRequest, ListPolicyTagsResponse>({
  service: 'iam',
  name: 'ListPolicyTags',
  resource: (input) => input.PolicyArn,
  async handle(input, ctx) {
    const tags = await ctx.services.store.read(async (repos) => {
      const policy = await getReadablePolicy(repos, policyAccess(ctx, 'ListPolicyTags'), input.PolicyArn);
      return repos.tags.list('policy', policy.policy_id);
    });
    const page = paginateList(tags, input, (t) => t.Key.toLowerCase());
    return { Tags: page.items, IsTruncated: page.isTruncated, Marker: page.marker };
  },
});
