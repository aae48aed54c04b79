// DetachPolicy: a policy off a root, OU or account; every target keeps at least one SCP, and
// RCPFullAWSAccess is never detached.
import { defineAction } from '../action.ts';
import { detachOrgPolicy, managedOrganization } from '../../domain/index.ts';

export const DetachPolicy = defineAction({
  service: 'organizations',
  name: 'DetachPolicy',
  resource: () => '*',
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) =>
      detachOrgPolicy(repos, await managedOrganization(repos, ctx.accountId), input.PolicyId, input.TargetId),
    );
  },
});
