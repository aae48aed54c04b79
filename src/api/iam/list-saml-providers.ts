// ListSAMLProviders: every SAML provider of the account (AWS does not paginate this list).
import { defineAction } from '../action.ts';
import { samlProviderListEntryShape } from './shapes/saml-provider-shapes.ts';

export const ListSAMLProviders = defineAction({
  service: 'iam',
  name: 'ListSAMLProviders',
  resource: () => '*',
  async handle(_input, ctx) {
    const rows = await ctx.services.store.read((repos) => repos.samlProviders.list(ctx.accountId));
    return { SAMLProviderList: rows.map(samlProviderListEntryShape) };
  },
});
