// DetachUserPolicy: removes a managed policy from a user.
import { defineAction } from '../action.ts';
import type { DetachUserPolicyRequest } from '../../protocol/models/iam-types.ts';
import { detachPolicy, userTarget } from '../../domain/policy-attachments.ts';
import { userArn } from './resource-arns.ts';

export const DetachUserPolicy = defineAction<DetachUserPolicyRequest, void>({
  service: 'iam',
  name: 'DetachUserPolicy',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const target = await userTarget(repos, ctx.accountId, input.UserName);
      await detachPolicy(repos, ctx.accountId, target, input.PolicyArn);
    });
  },
});
