// TagPolicy: adds or overwrites tags on a customer managed policy.
import { defineAction } from '../action.ts';
import type { TagPolicyRequest } from '../../protocol/models/iam-types.ts';
import { getChangeablePolicy } from '../../domain/managed-policies.ts';
import { addTags } from '../../domain/tags.ts';
import { policyAccess } from './policy-access.ts';

export const TagPolicy = defineAction<TagPolicyRequest, void>({
  service: 'iam',
  name: 'TagPolicy',
  resource: (input) => input.PolicyArn,
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const policy = await getChangeablePolicy(repos, policyAccess(ctx, 'TagPolicy'), input.PolicyArn);
      const change = { accountId: ctx.accountId, entity: 'policy' as const, id: policy.policy_id };
      await addTags(repos, change, 'policy', policy.policy_id, input.Tags, quotas.tagsPerResource);
    });
  },
});
