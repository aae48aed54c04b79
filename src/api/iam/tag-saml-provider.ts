// TagSAMLProvider: adds or overwrites tags on a SAML provider.
import { defineAction } from '../action.ts';
import type { TagSAMLProviderRequest } from '../../protocol/models/iam-types.ts';
import { getSamlProviderRow, samlProviderChange } from '../../domain/saml-providers.ts';
import { addTags } from '../../domain/tags.ts';

export const TagSAMLProvider = defineAction<TagSAMLProviderRequest, void>({
  service: 'iam',
  name: 'TagSAMLProvider',
  resource: (input) => input.SAMLProviderArn,
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const row = await getSamlProviderRow(repos, ctx.accountId, input.SAMLProviderArn);
      await addTags(
        repos,
        samlProviderChange(row),
        'saml-provider',
        row.provider_id,
        input.Tags,
        quotas.tagsPerResource,
      );
    });
  },
});
