// CreateSAMLProvider: a SAML provider from an IdP's metadata document, within the account's quota.
import { defineAction } from '../action.ts';
import { createSamlProvider, samlProviderArn, sortedTags } from '../../domain/index.ts';

export const CreateSAMLProvider = defineAction({
  service: 'iam',
  name: 'CreateSAMLProvider',
  resource: (input, ctx) => samlProviderArn(ctx.accountId, input.Name),
  tagAction: 'iam:TagSAMLProvider',
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    const row = await ctx.services.store.write(ctx.accountId, (repos) =>
      createSamlProvider(repos, ctx.accountId, input, quotas, ctx.now),
    );
    return { SAMLProviderArn: row.arn, ...(input.Tags?.length ? { Tags: sortedTags(input.Tags) } : {}) };
  },
});
