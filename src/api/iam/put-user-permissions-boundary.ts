// PutUserPermissionsBoundary: sets the managed policy that bounds a user's permissions.
import { defineAction } from '../action.ts';
import type { PutUserPermissionsBoundaryRequest } from '../../protocol/models/iam-types.ts';
import { setUserBoundary } from '../../domain/users.ts';
import { userArn } from './resource-arns.ts';

export const PutUserPermissionsBoundary = defineAction<PutUserPermissionsBoundaryRequest, void>({
  service: 'iam',
  name: 'PutUserPermissionsBoundary',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      setUserBoundary(repos, ctx.accountId, input.UserName, input.PermissionsBoundary),
    );
  },
});
