// DeleteUserPermissionsBoundary: removes a user's permissions boundary.
import { defineAction } from '../action.ts';
import type { DeleteUserPermissionsBoundaryRequest } from '../../protocol/models/iam-types.ts';
import { setUserBoundary } from '../../domain/users.ts';
import { userArn } from './resource-arns.ts';

export const DeleteUserPermissionsBoundary = defineAction<DeleteUserPermissionsBoundaryRequest, void>({
  service: 'iam',
  name: 'DeleteUserPermissionsBoundary',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      setUserBoundary(repos, ctx.accountId, input.UserName, null),
    );
  },
});
