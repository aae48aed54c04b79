// UpdateGroup: renames a group or moves it to another path. As in AWS, the caller needs
// iam:UpdateGroup on both the group as it is and the group as it will be (the new name or path).
import { defineAction } from '../action.ts';
import { updateGroup } from '../../domain/index.ts';
import { authorizeOn } from './authorize-resource.ts';
import { groupArn } from './resource-arns.ts';

export const UpdateGroup = defineAction({
  service: 'iam',
  name: 'UpdateGroup',
  resource: (input, ctx) => groupArn(ctx, input.GroupName),
  async handle(input, ctx) {
    if (input.NewGroupName !== undefined || input.NewPath !== undefined) {
      const current = await ctx.services.store.read((repos) =>
        repos.groups.byName(ctx.accountId, input.GroupName),
      );
      if (current) {
        const target = groupArn(ctx, input.NewGroupName ?? current.group_name, input.NewPath ?? current.path);
        await authorizeOn(ctx, 'iam:UpdateGroup', target, { resolve: false });
      }
    }
    await ctx.services.store.write(ctx.accountId, (repos) =>
      updateGroup(repos, ctx.accountId, input.GroupName, input),
    );
  },
});
