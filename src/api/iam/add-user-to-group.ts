// AddUserToGroup: makes a user a member of a group (again: no change), within the per-user quota.
import { defineAction } from '../action.ts';
import { addUserToGroup } from '../../domain/index.ts';
import { groupArn } from './resource-arns.ts';

export const AddUserToGroup = defineAction({
  service: 'iam',
  name: 'AddUserToGroup',
  resource: (input, ctx) => groupArn(ctx, input.GroupName),
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    await ctx.services.store.write(ctx.accountId, (repos) =>
      addUserToGroup(repos, ctx.accountId, input.GroupName, input.UserName, quotas, ctx.now),
    );
  },
});
