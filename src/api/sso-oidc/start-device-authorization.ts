// SSO OIDC StartDeviceAuthorization: for a registered client and an Identity Center start URL, a
// device code for the client to poll with and a user code for the person to confirm on Tessera's
// device page (its address built from the request's own host).
import { defineAction } from '../action.ts';
import {
  authenticateClient,
  DEVICE_CODE_SECONDS,
  POLL_INTERVAL_SECONDS,
  startDeviceAuthorization,
} from '../../domain/index.ts';

export const StartDeviceAuthorization = defineAction({
  service: 'sso-oidc',
  name: 'StartDeviceAuthorization',
  authentication: 'none',
  authorization: 'handler',
  resource: () => '*',
  async handle(input, ctx) {
    const { deviceCode, userCode } = await ctx.services.store.write(ctx.accountId, async (repos) => {
      const client = await authenticateClient(repos, input.clientId, input.clientSecret, ctx.now);
      return startDeviceAuthorization(repos, client, input.startUrl, ctx.now);
    });
    const scheme = ctx.request.secureTransport ? 'https' : 'http';
    const verificationUri = `${scheme}://${ctx.request.host ?? '127.0.0.1'}/sso/device`;
    return {
      deviceCode,
      userCode,
      verificationUri,
      verificationUriComplete: `${verificationUri}?user_code=${encodeURIComponent(userCode)}`,
      expiresIn: DEVICE_CODE_SECONDS,
      interval: POLL_INTERVAL_SECONDS,
    };
  },
});
