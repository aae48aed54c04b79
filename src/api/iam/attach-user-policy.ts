// AttachUserPolicy: attaches a managed policy (the account's own or AWS managed) to a user.
import { defineAction } from '../action.ts';
import type { AttachUserPolicyRequest } from '../../protocol/models/iam-types.ts';
import { attachPolicy, userTarget } from '../../domain/policy-attachments.ts';
import { userArn } from './resource-arns.ts';

export const AttachUserPolicy = defineAction<AttachUserPolicyRequest, void>({
  service: 'iam',
  name: 'AttachUserPolicy',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const target = await userTarget(repos, ctx.accountId, input.UserName);
      await attachPolicy(repos, ctx.accountId, target, input.PolicyArn, quotas, ctx.now);
    });
  },
});
