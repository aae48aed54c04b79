// AddClientIDToOpenIDConnectProvider: one more audience a provider's tokens may carry.
import { defineAction } from '../action.ts';
import { addClientId } from '../../domain/index.ts';

export const AddClientIDToOpenIDConnectProvider = defineAction({
  service: 'iam',
  name: 'AddClientIDToOpenIDConnectProvider',
  resource: (input) => input.OpenIDConnectProviderArn,
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      addClientId(repos, ctx.accountId, input.OpenIDConnectProviderArn, input.ClientID),
    );
  },
});
