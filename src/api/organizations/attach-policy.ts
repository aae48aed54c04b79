// AttachPolicy: a policy on a root, OU or account, once its type is enabled and within AWS's quota of
// policies of a type on one target.
import { defineAction } from '../action.ts';
import { attachOrgPolicy, managedOrganization } from '../../domain/index.ts';

export const AttachPolicy = defineAction({
  service: 'organizations',
  name: 'AttachPolicy',
  resource: () => '*',
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) =>
      attachOrgPolicy(
        repos,
        await managedOrganization(repos, ctx.accountId),
        input.PolicyId,
        input.TargetId,
        ctx.now,
      ),
    );
  },
});
