// RemoveUserFromGroup: ends a user's membership of a group.
import { defineAction } from '../action.ts';
import { removeUserFromGroup } from '../../domain/index.ts';
import { groupArn } from './resource-arns.ts';

export const RemoveUserFromGroup = defineAction({
  service: 'iam',
  name: 'RemoveUserFromGroup',
  resource: (input, ctx) => groupArn(ctx, input.GroupName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      removeUserFromGroup(repos, ctx.accountId, input.GroupName, input.UserName),
    );
  },
});
