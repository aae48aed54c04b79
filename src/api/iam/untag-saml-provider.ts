// UntagSAMLProvider: removes tags from a SAML provider by key.
import { defineAction } from '../action.ts';
import type { UntagSAMLProviderRequest } from '../../protocol/models/iam-types.ts';
import { getSamlProviderRow, samlProviderChange } from '../../domain/saml-providers.ts';

export const UntagSAMLProvider = defineAction<UntagSAMLProviderRequest, void>({
  service: 'iam',
  name: 'UntagSAMLProvider',
  resource: (input) => input.SAMLProviderArn,
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const row = await getSamlProviderRow(repos, ctx.accountId, input.SAMLProviderArn);
      await repos.tags.remove(samlProviderChange(row), 'saml-provider', row.provider_id, input.TagKeys);
    });
  },
});
