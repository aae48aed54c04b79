// DeletePolicy: a customer policy that is attached to nothing; AWS's own policies cannot be deleted.
import { defineAction } from '../action.ts';
import { deleteOrgPolicy, managedOrganization } from '../../domain/index.ts';

export const DeletePolicy = defineAction({
  service: 'organizations',
  name: 'DeletePolicy',
  resource: () => '*',
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) =>
      deleteOrgPolicy(repos, await managedOrganization(repos, ctx.accountId), input.PolicyId),
    );
  },
});
