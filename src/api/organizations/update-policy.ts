// UpdatePolicy: a customer policy's name, description or document (checked like CreatePolicy's); AWS's
// own policies cannot be changed.
import { defineAction } from '../action.ts';
import { managedOrganization, updateOrgPolicy } from '../../domain/index.ts';
import { policyShape } from './org-shapes-policies.ts';

export const UpdatePolicy = defineAction({
  service: 'organizations',
  name: 'UpdatePolicy',
  resource: () => '*',
  async handle(input, ctx) {
    const shape = await ctx.services.store.write(ctx.accountId, async (repos) => {
      const org = await managedOrganization(repos, ctx.accountId);
      const policy = await updateOrgPolicy(repos, org, input.PolicyId, {
        ...(input.Name !== undefined ? { name: input.Name } : {}),
        ...(input.Description !== undefined ? { description: input.Description } : {}),
        ...(input.Content !== undefined ? { content: input.Content } : {}),
      });
      return policyShape(org, policy);
    });
    return { Policy: shape };
  },
});
