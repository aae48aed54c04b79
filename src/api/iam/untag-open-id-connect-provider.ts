// UntagOpenIDConnectProvider: removes tags from an OIDC provider by key.
import { defineAction } from '../action.ts';
import type { UntagOpenIDConnectProviderRequest } from '../../protocol/models/iam-types.ts';
import { getOidcProviderRow, oidcProviderChange } from '../../domain/oidc-providers.ts';

export const UntagOpenIDConnectProvider = defineAction<UntagOpenIDConnectProviderRequest, void>({
  service: 'iam',
  name: 'UntagOpenIDConnectProvider',
  resource: (input) => input.OpenIDConnectProviderArn,
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const row = await getOidcProviderRow(repos, ctx.accountId, input.OpenIDConnectProviderArn);
      await repos.tags.remove(oidcProviderChange(row), 'oidc-provider', row.arn, input.TagKeys);
    });
  },
});
