// AttachRolePolicy: attaches a managed policy (the account's own or AWS managed) to a role.
import { defineAction } from '../action.ts';
import type { AttachRolePolicyRequest } from '../../protocol/models/iam-types.ts';
import { attachPolicy, modifiableRoleTarget } from '../../domain/policy-attachments.ts';
import { roleArn } from './resource-arns.ts';

export const AttachRolePolicy = defineAction<AttachRolePolicyRequest, void>({
  service: 'iam',
  name: 'AttachRolePolicy',
  resource: (input, ctx) => roleArn(ctx, input.RoleName),
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const target = await modifiableRoleTarget(repos, ctx.accountId, input.RoleName);
      await attachPolicy(repos, ctx.accountId, target, input.PolicyArn, quotas, ctx.now);
    });
  },
});
