// UpdateSAMLProvider: replaces a SAML provider's metadata document (checked as on creation).
import { defineAction } from '../action.ts';
import { updateSamlProvider } from '../../domain/index.ts';

export const UpdateSAMLProvider = defineAction({
  service: 'iam',
  name: 'UpdateSAMLProvider',
  resource: (input) => input.SAMLProviderArn,
  async handle(input, ctx) {
    const row = await ctx.services.store.write(ctx.accountId, (repos) =>
      updateSamlProvider(repos, ctx.accountId, input.SAMLProviderArn, input, ctx.now),
    );
    return { SAMLProviderArn: row.arn };
  },
});
