// UpdateAssumeRolePolicy: replaces a role's trust policy.
import { defineAction } from '../action.ts';
import { updateAssumeRolePolicy } from '../../domain/index.ts';
import { roleArn } from './resource-arns.ts';

export const UpdateAssumeRolePolicy = defineAction({
  service: 'iam',
  name: 'UpdateAssumeRolePolicy',
  resource: (input, ctx) => roleArn(ctx, input.RoleName),
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    await ctx.services.store.write(ctx.accountId, (repos) =>
      updateAssumeRolePolicy(repos, ctx.accountId, input.RoleName, input.PolicyDocument, quotas),
    );
  },
});
