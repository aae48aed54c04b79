// DeleteSAMLProvider: removes a SAML provider and its tags; roles that trust it stay as they are.
import { defineAction } from '../action.ts';
import { deleteSamlProvider } from '../../domain/index.ts';

export const DeleteSAMLProvider = defineAction({
  service: 'iam',
  name: 'DeleteSAMLProvider',
  resource: (input) => input.SAMLProviderArn,
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      deleteSamlProvider(repos, ctx.accountId, input.SAMLProviderArn),
    );
  },
});
