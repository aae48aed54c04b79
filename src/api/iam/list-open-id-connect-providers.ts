// ListOpenIDConnectProviders: the ARNs of the account's OIDC providers (AWS does not paginate it).
import { defineAction } from '../action.ts';

export const ListOpenIDConnectProviders = defineAction({
  service: 'iam',
  name: 'ListOpenIDConnectProviders',
  resource: () => '*',
  async handle(_input, ctx) {
    const rows = await ctx.services.store.read((repos) => repos.oidcProviders.list(ctx.accountId));
    return { OpenIDConnectProviderList: rows.map((r) => ({ Arn: r.arn })) };
  },
});
