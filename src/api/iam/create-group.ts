// CreateGroup: a new IAM group, within the account's group quota.
import { defineAction } from '../action.ts';
import { createGroup } from '../../domain/index.ts';
import { groupArn } from './resource-arns.ts';
import { groupShape } from './shapes/group-shapes.ts';

export const CreateGroup = defineAction({
  service: 'iam',
  name: 'CreateGroup',
  resource: (input, ctx) => groupArn(ctx, input.GroupName, input.Path),
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    const row = await ctx.services.store.write(ctx.accountId, (repos) =>
      createGroup(repos, ctx.accountId, input, quotas, ctx.now),
    );
    return { Group: groupShape(row) };
  },
});
