// SSO OIDC RegisterClient: an unsigned call registering a public client (the AWS CLI, an SDK); the
// client's secret is shown once and kept only as its hash.
import { defineAction } from '../action.ts';
import { registerClient } from '../../domain/index.ts';

export const RegisterClient = defineAction({
  service: 'sso-oidc',
  name: 'RegisterClient',
  authentication: 'none',
  authorization: 'handler',
  resource: () => '*',
  async handle(input, ctx) {
    const client = await ctx.services.store.write(ctx.accountId, (repos) =>
      registerClient(
        repos,
        {
          clientName: input.clientName,
          clientType: input.clientType,
          ...(input.scopes ? { scopes: input.scopes } : {}),
          ...(input.grantTypes ? { grantTypes: input.grantTypes } : {}),
          ...(input.redirectUris ? { redirectUris: input.redirectUris } : {}),
          ...(input.issuerUrl ? { issuerUrl: input.issuerUrl } : {}),
        },
        ctx.now,
      ),
    );
    return {
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      clientIdIssuedAt: Math.floor(client.issuedAt.getTime() / 1000),
      clientSecretExpiresAt: Math.floor(client.expiresAt.getTime() / 1000),
    };
  },
});
