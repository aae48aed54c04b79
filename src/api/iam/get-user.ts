// GetUser: a user by name, or the caller itself when no name is given.
import { defineAction } from '../action.ts';
import { getUserRow } from '../../domain/index.ts';
import { AwsError } from '../../errors.ts';
import { userArn } from './resource-arns.ts';
import { boundaryShape, rootUserShape, userShape } from './shapes/user-shapes.ts';

export const GetUser = defineAction({
  service: 'iam',
  name: 'GetUser',
  resource: (input, ctx) => (input.UserName ? userArn(ctx, input.UserName) : ctx.caller.arn),
  async handle(input, ctx) {
    const { caller } = ctx;
    const name = input.UserName ?? (caller.type === 'user' ? caller.userName : undefined);
    if (name === undefined) {
      if (caller.type !== 'root')
        throw new AwsError('ValidationError', 'Must specify userName when calling with non-User credentials');
      const account = await ctx.services.store.read((r) => r.accounts.get(caller.accountId));
      return { User: rootUserShape(caller.accountId, account?.created_at) };
    }
    return ctx.services.store.read(async (repos) => {
      const row = await getUserRow(repos, ctx.accountId, name);
      const tags = await repos.tags.list('user', row.user_id);
      return {
        User: {
          ...userShape(row),
          PermissionsBoundary: boundaryShape(row.permissions_boundary),
          Tags: tags.length ? tags : undefined,
        },
      };
    });
  },
});
