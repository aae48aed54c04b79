// DeletePolicyVersion: removes a version of a customer managed policy other than its default.
import { defineAction } from '../action.ts';
import { deletePolicyVersion, getChangeablePolicy } from '../../domain/index.ts';
import { policyAccess } from './policy-access.ts';

export const DeletePolicyVersion = defineAction({
  service: 'iam',
  name: 'DeletePolicyVersion',
  resource: (input) => input.PolicyArn,
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const access = policyAccess(ctx, 'DeletePolicyVersion');
      const policy = await getChangeablePolicy(repos, access, input.PolicyArn);
      await deletePolicyVersion(repos, ctx.accountId, policy, input.VersionId);
    });
  },
});
