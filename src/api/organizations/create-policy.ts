// CreatePolicy: a customer SCP or RCP with its document checked by the policy engine, within AWS's size
// and count quotas, tagged when Tags are given (which needs organizations:TagResource too).
import { defineAction } from '../action.ts';
import { createOrgPolicy, managedOrganization } from '../../domain/index.ts';
import { policyShape } from './org-shapes-policies.ts';

export const CreatePolicy = defineAction({
  service: 'organizations',
  name: 'CreatePolicy',
  resource: () => '*',
  tagAction: 'organizations:TagResource',
  async handle(input, ctx) {
    const shape = await ctx.services.store.write(ctx.accountId, async (repos) => {
      const org = await managedOrganization(repos, ctx.accountId);
      const policy = await createOrgPolicy(
        repos,
        org,
        {
          name: input.Name,
          description: input.Description,
          content: input.Content,
          policyType: input.Type,
          ...(input.Tags ? { tags: input.Tags } : {}),
        },
        ctx.now,
      );
      return policyShape(org, policy);
    });
    return { Policy: shape };
  },
});
