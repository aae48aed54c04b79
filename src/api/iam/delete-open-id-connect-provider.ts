// DeleteOpenIDConnectProvider: removes a provider and its tags (idempotent: a missing one is no
// error); roles that trust it stay, as in AWS.
import { defineAction } from '../action.ts';
import { deleteOidcProvider } from '../../domain/index.ts';

export const DeleteOpenIDConnectProvider = defineAction({
  service: 'iam',
  name: 'DeleteOpenIDConnectProvider',
  resource: (input) => input.OpenIDConnectProviderArn,
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      deleteOidcProvider(repos, ctx.accountId, input.OpenIDConnectProviderArn),
    );
  },
});
