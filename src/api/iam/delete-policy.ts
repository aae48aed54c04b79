// DeletePolicy: removes a customer managed policy that nothing uses and that has one version left.
import { defineAction } from '../action.ts';
import { deletePolicy, getChangeablePolicy } from '../../domain/index.ts';
import { policyAccess } from './policy-access.ts';

export const DeletePolicy = defineAction({
  service: 'iam',
  name: 'DeletePolicy',
  resource: (input) => input.PolicyArn,
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const policy = await getChangeablePolicy(repos, policyAccess(ctx, 'DeletePolicy'), input.PolicyArn);
      await deletePolicy(repos, ctx.accountId, policy);
    });
  },
});
