// TagOpenIDConnectProvider: adds or overwrites tags on an OIDC provider.
import { defineAction } from '../action.ts';
import type { TagOpenIDConnectProviderRequest } from '../../protocol/models/iam-types.ts';
import { getOidcProviderRow, oidcProviderChange } from '../../domain/oidc-providers.ts';
import { addTags } from '../../domain/tags.ts';

export const TagOpenIDConnectProvider = defineAction<TagOpenIDConnectProviderRequest, void>({
  service: 'iam',
  name: 'TagOpenIDConnectProvider',
  resource: (input) => input.OpenIDConnectProviderArn,
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const row = await getOidcProviderRow(repos, ctx.accountId, input.OpenIDConnectProviderArn);
      await addTags(
        repos,
        oidcProviderChange(row),
        'oidc-provider',
        row.arn,
        input.Tags,
        quotas.tagsPerResource,
      );
    });
  },
});
