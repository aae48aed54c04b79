// CreateUser: a new IAM user, within the account's user quota.
import { defineAction } from '../action.ts';
import { createUser, sortedTags } from '../../domain/index.ts';
import { userArn } from './resource-arns.ts';
import { boundaryShape, userShape } from './shapes/user-shapes.ts';

export const CreateUser = defineAction({
  service: 'iam',
  name: 'CreateUser',
  resource: (input, ctx) => userArn(ctx, input.UserName, input.Path),
  tagAction: 'iam:TagUser',
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    const row = await ctx.services.store.write(ctx.accountId, (repos) =>
      createUser(repos, ctx.accountId, input, quotas, ctx.now),
    );
    return {
      User: {
        ...userShape(row),
        PermissionsBoundary: boundaryShape(row.permissions_boundary),
        Tags: input.Tags?.length ? sortedTags(input.Tags) : undefined,
      },
    };
  },
});
