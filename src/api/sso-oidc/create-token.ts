// SSO OIDC CreateToken: an access token (and a refresh token for clients that registered scopes) for a
// device code a person approved, an authorization code with its PKCE verifier, or a refresh token;
// AWS's OAuth errors (authorization_pending, slow_down, expired_token, access_denied, invalid_grant).
import { defineAction } from '../action.ts';
import { AwsError } from '../../errors.ts';
import {
  type IssuedTokens,
  authenticateClient,
  DEVICE_GRANT,
  oidcError,
  redeemAuthorizationCode,
  redeemDeviceCode,
  redeemRefreshToken,
  SSO_ACCESS_TOKEN_SECONDS,
} from '../../domain/index.ts';

/** The tokens, or the AWS error that refused them, as a value. */
async function settle(
  fn: () => Promise<IssuedTokens>,
): Promise<{ tokens: IssuedTokens } | { error: AwsError }> {
  try {
    return { tokens: await fn() };
  } catch (err) {
    if (err instanceof AwsError) return { error: err };
    throw err;
  }
}

export const CreateToken = defineAction({
  service: 'sso-oidc',
  name: 'CreateToken',
  authentication: 'none',
  authorization: 'handler',
  resource: () => '*',
  async handle(input, ctx) {
    // a refused poll still records when it came (slow_down) and a replayed refresh token still revokes
    // its family: the transaction commits, and the refusal is thrown after it
    const outcome = await ctx.services.store.write(ctx.accountId, (repos) =>
      settle(async () => {
        const client = await authenticateClient(repos, input.clientId, input.clientSecret, ctx.now);
        const missing = (what: string) =>
          oidcError('InvalidRequestException', 'invalid_request', `${what} is required for this grant type.`);
        switch (input.grantType) {
          case DEVICE_GRANT:
            if (input.deviceCode === undefined) throw missing('deviceCode');
            return redeemDeviceCode(repos, client, input.deviceCode, ctx.now, SSO_ACCESS_TOKEN_SECONDS);
          case 'refresh_token':
            if (input.refreshToken === undefined) throw missing('refreshToken');
            return redeemRefreshToken(repos, client, input.refreshToken, ctx.now, SSO_ACCESS_TOKEN_SECONDS);
          case 'authorization_code':
            if (input.code === undefined) throw missing('code');
            return redeemAuthorizationCode(
              repos,
              client,
              input.code,
              input.redirectUri,
              input.codeVerifier,
              ctx.now,
              SSO_ACCESS_TOKEN_SECONDS,
            );
          default:
            throw oidcError(
              'UnsupportedGrantTypeException',
              'unsupported_grant_type',
              `Grant type ${input.grantType} is not supported.`,
            );
        }
      }),
    );
    if ('error' in outcome) throw outcome.error;
    const { tokens } = outcome;
    return {
      accessToken: tokens.accessToken,
      tokenType: 'Bearer',
      expiresIn: tokens.expiresIn,
      ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
    };
  },
});
