// AttachGroupPolicy: attaches a managed policy (the account's own or AWS managed) to a group.
import { defineAction } from '../action.ts';
import type { AttachGroupPolicyRequest } from '../../protocol/models/iam-types.ts';
import { attachPolicy, groupTarget } from '../../domain/policy-attachments.ts';
import { groupArn } from './resource-arns.ts';

export const AttachGroupPolicy = defineAction<AttachGroupPolicyRequest, void>({
  service: 'iam',
  name: 'AttachGroupPolicy',
  resource: (input, ctx) => groupArn(ctx, input.GroupName),
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const target = await groupTarget(repos, ctx.accountId, input.GroupName);
      await attachPolicy(repos, ctx.accountId, target, input.PolicyArn, quotas, ctx.now);
    });
  },
});
