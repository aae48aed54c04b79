// PutRolePermissionsBoundary: sets the managed policy that bounds a role's permissions.
import { defineAction } from '../action.ts';
import type { PutRolePermissionsBoundaryRequest } from '../../protocol/models/iam-types.ts';
import { setRoleBoundary } from '../../domain/roles.ts';
import { roleArn } from './resource-arns.ts';

export const PutRolePermissionsBoundary = defineAction<PutRolePermissionsBoundaryRequest, void>({
  service: 'iam',
  name: 'PutRolePermissionsBoundary',
  resource: (input, ctx) => roleArn(ctx, input.RoleName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      setRoleBoundary(repos, ctx.accountId, input.RoleName, input.PermissionsBoundary),
    );
  },
});
