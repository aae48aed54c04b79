// UpdateUser: renames a user or moves it to another path. As in AWS, the caller needs iam:UpdateUser
// on both the user as it is and the user as it will be (the new name or path).
import { defineAction } from '../action.ts';
import { updateUser } from '../../domain/index.ts';
import { authorizeOn } from './authorize-resource.ts';
import { userArn } from './resource-arns.ts';

export const UpdateUser = defineAction({
  service: 'iam',
  name: 'UpdateUser',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  async handle(input, ctx) {
    if (input.NewUserName !== undefined || input.NewPath !== undefined) {
      const current = await ctx.services.store.read((repos) =>
        repos.users.byName(ctx.accountId, input.UserName),
      );
      if (current) {
        const target = userArn(ctx, input.NewUserName ?? current.user_name, input.NewPath ?? current.path);
        await authorizeOn(ctx, 'iam:UpdateUser', target, { resolve: false });
      }
    }
    await ctx.services.store.write(ctx.accountId, (repos) =>
      updateUser(repos, ctx.accountId, input.UserName, input),
    );
  },
});
