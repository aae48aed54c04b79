// SetDefaultPolicyVersion: makes one version of a customer managed policy the one in effect.
import { defineAction } from '../action.ts';
import { getChangeablePolicy, setDefaultPolicyVersion } from '../../domain/index.ts';
import { policyAccess } from './policy-access.ts';

export const SetDefaultPolicyVersion = defineAction({
  service: 'iam',
  name: 'SetDefaultPolicyVersion',
  resource: (input) => input.PolicyArn,
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const access = policyAccess(ctx, 'SetDefaultPolicyVersion');
      const policy = await getChangeablePolicy(repos, access, input.PolicyArn);
      await setDefaultPolicyVersion(repos, ctx.accountId, policy, input.VersionId);
    });
  },
});
