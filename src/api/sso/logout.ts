// The SSO portal's Logout: ends the sign-in the access token belongs to (its access and refresh tokens).
import { defineAction } from '../action.ts';
import { logout } from '../../domain/index.ts';
import { portalCaller } from './portal-caller.ts';

export const Logout = defineAction({
  service: 'sso',
  name: 'Logout',
  authentication: 'none',
  authorization: 'handler',
  resource: () => '*',
  async handle(input, ctx) {
    const caller = await portalCaller(ctx, input.accessToken);
    await ctx.services.store.write(caller.ownerAccountId, (repos) =>
      logout(repos, input.accessToken, ctx.now),
    );
  },
});
