// DeleteUser: removes a user that has no password, keys, groups, policies or MFA devices left.
import { defineAction } from '../action.ts';
import { deleteUser } from '../../domain/index.ts';
import { userArn } from './resource-arns.ts';

export const DeleteUser = defineAction({
  service: 'iam',
  name: 'DeleteUser',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      deleteUser(repos, ctx.accountId, input.UserName),
    );
  },
});
