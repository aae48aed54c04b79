// CreateRole: a new IAM role with its trust policy, within the account's role quota.
import { defineAction } from '../action.ts';
import { createRole, sortedTags } from '../../domain/index.ts';
import { roleArn } from './resource-arns.ts';
import { roleDetailShape } from './shapes/role-shapes.ts';

export const CreateRole = defineAction({
  service: 'iam',
  name: 'CreateRole',
  resource: (input, ctx) => roleArn(ctx, input.RoleName, input.Path),
  tagAction: 'iam:TagRole',
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    const row = await ctx.services.store.write(ctx.accountId, (repos) =>
      createRole(repos, ctx.accountId, input, quotas, ctx.now),
    );
    // CreateRole answers without RoleLastUsed, which only GetRole reports.
    const { RoleLastUsed: _unused, ...role } = roleDetailShape(row, sortedTags(input.Tags));
    return { Role: role };
  },
});
