// CreateOpenIDConnectProvider: trusts an OIDC issuer (its URL, client ids, thumbprints), tagged.
import { defineAction } from '../action.ts';
import { createOidcProvider, providerArnForIssuer, sortedTags } from '../../domain/index.ts';

export const CreateOpenIDConnectProvider = defineAction({
  service: 'iam',
  name: 'CreateOpenIDConnectProvider',
  resource: (input, ctx) => providerArnForIssuer(ctx.accountId, input.Url) ?? '*',
  tagAction: 'iam:TagOpenIDConnectProvider',
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    const row = await ctx.services.store.write(ctx.accountId, (repos) =>
      createOidcProvider(
        repos,
        ctx.accountId,
        input,
        { dev: ctx.services.config.dev, tagsPerResource: quotas.tagsPerResource },
        ctx.now,
      ),
    );
    return {
      OpenIDConnectProviderArn: row.arn,
      Tags: input.Tags?.length ? sortedTags(input.Tags) : undefined,
    };
  },
});
