// DeleteRole: removes a role that is in no instance profile and has no policies left.
import { defineAction } from '../action.ts';
import { deleteRole } from '../../domain/index.ts';
import { roleArn } from './resource-arns.ts';

export const DeleteRole = defineAction({
  service: 'iam',
  name: 'DeleteRole',
  resource: (input, ctx) => roleArn(ctx, input.RoleName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      deleteRole(repos, ctx.accountId, input.RoleName),
    );
  },
});
