// GetOpenIDConnectProvider: a provider's URL (without its scheme, as IAM reports it), client ids,
// thumbprints, creation date and tags.
import { defineAction } from '../action.ts';
import { clientIdsOf, getOidcProviderRow, hostAndPathOf, thumbprintsOf } from '../../domain/index.ts';

export const GetOpenIDConnectProvider = defineAction({
  service: 'iam',
  name: 'GetOpenIDConnectProvider',
  resource: (input) => input.OpenIDConnectProviderArn,
  async handle(input, ctx) {
    return ctx.services.store.read(async (repos) => {
      const row = await getOidcProviderRow(repos, ctx.accountId, input.OpenIDConnectProviderArn);
      const tags = await repos.tags.list('oidc-provider', row.arn);
      return {
        Url: hostAndPathOf(row),
        ClientIDList: clientIdsOf(row),
        ThumbprintList: thumbprintsOf(row),
        CreateDate: new Date(row.created_at),
        Tags: tags.length ? tags : undefined,
      };
    });
  },
});
