// CreatePolicy: a new customer managed policy with its document as version v1.
import { defineAction } from '../action.ts';
import { iamArn, createPolicy, sortedTags } from '../../domain/index.ts';
import { createdPolicyShape } from './shapes/policy-shapes.ts';

export const CreatePolicy = defineAction({
  service: 'iam',
  name: 'CreatePolicy',
  resource: (input, ctx) => iamArn(ctx.accountId, 'policy', input.Path ?? '/', input.PolicyName),
  tagAction: 'iam:TagPolicy',
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    const row = await ctx.services.store.write(ctx.accountId, (repos) =>
      createPolicy(repos, ctx.accountId, input, quotas, ctx.now),
    );
    const unused = { attachmentCount: 0, permissionsBoundaryUsageCount: 0 };
    return { Policy: createdPolicyShape(row, unused, sortedTags(input.Tags)) };
  },
});
