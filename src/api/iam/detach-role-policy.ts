// DetachRolePolicy: removes a managed policy from a role.
import { defineAction } from '../action.ts';
import type { DetachRolePolicyRequest } from '../../protocol/models/iam-types.ts';
import { detachPolicy, modifiableRoleTarget } from '../../domain/policy-attachments.ts';
import { roleArn } from './resource-arns.ts';

export const DetachRolePolicy = defineAction<DetachRolePolicyRequest, void>({
  service: 'iam',
  name: 'DetachRolePolicy',
  resource: (input, ctx) => roleArn(ctx, input.RoleName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const target = await modifiableRoleTarget(repos, ctx.accountId, input.RoleName);
      await detachPolicy(repos, ctx.accountId, target, input.PolicyArn);
    });
  },
});
