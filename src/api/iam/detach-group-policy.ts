// DetachGroupPolicy: removes a managed policy from a group.
import { defineAction } from '../action.ts';
import type { DetachGroupPolicyRequest } from '../../protocol/models/iam-types.ts';
import { detachPolicy, groupTarget } from '../../domain/policy-attachments.ts';
import { groupArn } from './resource-arns.ts';

export const DetachGroupPolicy = defineAction<DetachGroupPolicyRequest, void>({
  service: 'iam',
  name: 'DetachGroupPolicy',
  resource: (input, ctx) => groupArn(ctx, input.GroupName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const target = await groupTarget(repos, ctx.accountId, input.GroupName);
      await detachPolicy(repos, ctx.accountId, target, input.PolicyArn);
    });
  },
});
