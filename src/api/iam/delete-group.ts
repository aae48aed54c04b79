// DeleteGroup: removes a group that has no members, inline policies or attached policies left.
import { defineAction } from '../action.ts';
import { deleteGroup } from '../../domain/index.ts';
import { groupArn } from './resource-arns.ts';

export const DeleteGroup = defineAction({
  service: 'iam',
  name: 'DeleteGroup',
  resource: (input, ctx) => groupArn(ctx, input.GroupName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      deleteGroup(repos, ctx.accountId, input.GroupName),
    );
  },
});
