// RemoveClientIDFromOpenIDConnectProvider: an audience a provider's tokens may no longer carry.
import { defineAction } from '../action.ts';
import { removeClientId } from '../../domain/index.ts';

export const RemoveClientIDFromOpenIDConnectProvider = defineAction({
  service: 'iam',
  name: 'RemoveClientIDFromOpenIDConnectProvider',
  resource: (input) => input.OpenIDConnectProviderArn,
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      removeClientId(repos, ctx.accountId, input.OpenIDConnectProviderArn, input.ClientID),
    );
  },
});
