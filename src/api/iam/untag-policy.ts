// UntagPolicy: removes tags from a customer managed policy by key.
import { defineAction } from '../action.ts';
import type { UntagPolicyRequest } from '../../protocol/models/iam-types.ts';
import { getChangeablePolicy } from '../../domain/managed-policies.ts';
import { policyAccess } from './policy-access.ts';

export const UntagPolicy = defineAction<UntagPolicyRequest, void>({
  service: 'iam',
  name: 'UntagPolicy',
  resource: (input) => input.PolicyArn,
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const policy = await getChangeablePolicy(repos, policyAccess(ctx, 'UntagPolicy'), input.PolicyArn);
      await repos.tags.remove(
        { accountId: ctx.accountId, entity: 'policy', id: policy.policy_id },
        'policy',
        policy.policy_id,
        input.TagKeys,
      );
    });
  },
});
