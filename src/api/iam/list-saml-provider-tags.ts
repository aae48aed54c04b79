// ListSAMLProviderTags: a SAML provider's tags, paginated.
import { defineAction } from '../action.ts';
import type {
  ListSAMLProviderTagsRequest,
  ListSAMLProviderTagsResponse,
} from '../../protocol/models/iam-types.ts';
import { getSamlProviderRow } from '../../domain/saml-providers.ts';
import { paginateList } from './paginate-list.ts';

export const ListSAMLProviderTags = defineAction<ListSAMLProviderTagsRequest, ListSAMLProviderTagsResponse>({
  service: 'iam',
  name: 'ListSAMLProviderTags',
  resource: (input) => input.SAMLProviderArn,
  async handle(input, ctx) {
    const tags = await ctx.services.store.read(async (repos) => {
      const row = await getSamlProviderRow(repos, ctx.accountId, input.SAMLProviderArn);
      return repos.tags.list('saml-provider', row.provider_id);
    });
    const page = paginateList(tags, input, (t) => t.Key.toLowerCase());
    return { Tags: page.items, IsTruncated: page.isTruncated, Marker: page.marker };
  },
});
