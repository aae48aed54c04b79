// UpdateGroup: renames a group or moves it to another path.
import { defineAction } from '../action.ts';
import type { UpdateGroupRequest } from '../../protocol/models/iam-types.ts';
import { updateGroup } from '../../domain/groups.ts';
import { groupArn } from './resource-arns.ts';

export const UpdateGroup = defineAction<UpdateGroupRequest, void>({
  service: 'iam',
  name: 'UpdateGroup',
  resource: (input, ctx) => groupArn(ctx, input.GroupName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      updateGroup(repos, ctx.accountId, input.GroupName, input),
    );
  },
});
