// DeleteRolePermissionsBoundary: removes a role's permissions boundary.
import { defineAction } from '../action.ts';
import type { DeleteRolePermissionsBoundaryRequest } from '../../protocol/models/iam-types.ts';
import { setRoleBoundary } from '../../domain/roles.ts';
import { roleArn } from './resource-arns.ts';

export const DeleteRolePermissionsBoundary = defineAction<DeleteRolePermissionsBoundaryRequest, void>({
  service: 'iam',
  name: 'DeleteRolePermissionsBoundary',
  resource: (input, ctx) => roleArn(ctx, input.RoleName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      setRoleBoundary(repos, ctx.accountId, input.RoleName, null),
    );
  },
});
