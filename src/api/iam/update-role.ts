// UpdateRole: changes a role's description or maximum session duration.
import { defineAction } from '../action.ts';
import { updateRole } from '../../domain/index.ts';
import { roleArn } from './resource-arns.ts';

export const UpdateRole = defineAction({
  service: 'iam',
  name: 'UpdateRole',
  resource: (input, ctx) => roleArn(ctx, input.RoleName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      updateRole(repos, ctx.accountId, input.RoleName, input),
    );
    return {};
  },
});
