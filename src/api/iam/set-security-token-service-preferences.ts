// SetSecurityTokenServicePreferences: the version of the session tokens the global STS endpoint
// issues for the account (v1Token or v2Token), as GetAccountSummary's GlobalEndpointTokenVersion shows.
import { defineAction } from '../action.ts';
import { setGlobalEndpointTokenVersion } from '../../domain/index.ts';
import { ACCOUNT_WIDE } from './resource-arns.ts';

export const SetSecurityTokenServicePreferences = defineAction({
  service: 'iam',
  name: 'SetSecurityTokenServicePreferences',
  resource: () => ACCOUNT_WIDE,
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      setGlobalEndpointTokenVersion(repos, ctx.accountId, input.GlobalEndpointTokenVersion),
    );
  },
});
