// ListOpenIDConnectProviderTags: an OIDC provider's tags, paginated.
import { defineAction } from '../action.ts';
import type {
  ListOpenIDConnectProviderTagsRequest,
  ListOpenIDConnectProviderTagsResponse,
} from '../../protocol/models/iam-types.ts';
import { getOidcProviderRow } from '../../domain/oidc-providers.ts';
import { paginateList } from './paginate-list.ts';

export const ListOpenIDConnectProviderTags = defineAction<
  ListOpenIDConnectProviderTagsRequest,
  ListOpenIDConnectProviderTagsResponse
>({
  service: 'iam',
  name: 'ListOpenIDConnectProviderTags',
  resource: (input) => input.OpenIDConnectProviderArn,
  async handle(input, ctx) {
    const tags = await ctx.services.store.read(async (repos) => {
      const row = await getOidcProviderRow(repos, ctx.accountId, input.OpenIDConnectProviderArn);
      return repos.tags.list('oidc-provider', row.arn);
    });
    const page = paginateList(tags, input, (t) => t.Key.toLowerCase());
    return { Tags: page.items, IsTruncated: page.isTruncated, Marker: page.marker };
  },
});
