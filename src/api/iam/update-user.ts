// UpdateUser: renames a user or moves it to another path.
import { defineAction } from '../action.ts';
import type { UpdateUserRequest } from '../../protocol/models/iam-types.ts';
import { updateUser } from '../../domain/users.ts';
import { userArn } from './resource-arns.ts';

export const UpdateUser = defineAction<UpdateUserRequest, void>({
  service: 'iam',
  name: 'UpdateUser',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      updateUser(repos, ctx.accountId, input.UserName, input),
    );
  },
});
