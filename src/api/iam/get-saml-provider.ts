// GetSAMLProvider: a SAML provider's metadata document, dates and tags.
import { defineAction } from '../action.ts';
import { getSamlProviderRow } from '../../domain/index.ts';
import { samlProviderShape } from './shapes/saml-provider-shapes.ts';

export const GetSAMLProvider = defineAction({
  service: 'iam',
  name: 'GetSAMLProvider',
  resource: (input) => input.SAMLProviderArn,
  async handle(input, ctx) {
    return ctx.services.store.read(async (repos) => {
      const row = await getSamlProviderRow(repos, ctx.accountId, input.SAMLProviderArn);
      return samlProviderShape(row, await repos.tags.list('saml-provider', row.provider_id));
    });
  },
});
