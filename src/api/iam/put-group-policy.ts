// PutGroupPolicy: adds or replaces an inline policy of a group, within the group's aggregate size quota.
import { defineAction } from '../action.ts';
import type { PutGroupPolicyRequest } from '../../protocol/models/iam-types.ts';
import { groupAsInlineOwner } from '../../domain/groups.ts';
import { putInlinePolicy } from '../../domain/inline-policies.ts';
import { groupArn } from './resource-arns.ts';

export const PutGroupPolicy = defineAction<PutGroupPolicyRequest, void>({
  service: 'iam',
  name: 'PutGroupPolicy',
  resource: (input, ctx) => groupArn(ctx, input.GroupName),
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const owner = await groupAsInlineOwner(repos, ctx.accountId, input.GroupName);
      await putInlinePolicy(
        repos,
        owner,
        input.PolicyName,
        input.PolicyDocument,
        quotas.groupInlinePolicySize,
      );
    });
  },
});
