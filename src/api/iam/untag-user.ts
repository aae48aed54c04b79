// UntagUser: removes tags from a user by key.
import { defineAction } from '../action.ts';
import type { UntagUserRequest } from '../../protocol/models/iam-types.ts';
import { getUserRow } from '../../domain/users.ts';
import { userArn } from './resource-arns.ts';

export const UntagUser = defineAction<UntagUserRequest, void>({
  service: 'iam',
  name: 'UntagUser',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const user = await getUserRow(repos, ctx.accountId, input.UserName);
      await repos.tags.remove(
        { accountId: ctx.accountId, entity: 'user', id: user.user_id },
        'user',
        user.user_id,
        input.TagKeys,
      );
    });
  },
});
