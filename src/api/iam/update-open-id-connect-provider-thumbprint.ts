// UpdateOpenIDConnectProviderThumbprint: replaces a provider's certificate thumbprints.
import { defineAction } from '../action.ts';
import { updateThumbprints } from '../../domain/index.ts';

export const UpdateOpenIDConnectProviderThumbprint = defineAction({
  service: 'iam',
  name: 'UpdateOpenIDConnectProviderThumbprint',
  resource: (input) => input.OpenIDConnectProviderArn,
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      updateThumbprints(repos, ctx.accountId, input.OpenIDConnectProviderArn, input.ThumbprintList),
    );
  },
});
