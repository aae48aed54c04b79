// UpdateRoleDescription: changes only a role's description and returns the role (AWS keeps it for
// compatibility; UpdateRole does the same).
import { defineAction } from '../action.ts';
import { updateRole } from '../../domain/index.ts';
import { roleArn } from './resource-arns.ts';
import { roleDetailShape } from './shapes/role-shapes.ts';

export const UpdateRoleDescription = defineAction({
  service: 'iam',
  name: 'UpdateRoleDescription',
  resource: (input, ctx) => roleArn(ctx, input.RoleName),
  async handle(input, ctx) {
    return ctx.services.store.write(ctx.accountId, async (repos) => {
      const row = await updateRole(repos, ctx.accountId, input.RoleName, { Description: input.Description });
      return { Role: roleDetailShape(row, await repos.tags.list('role', row.role_id)) };
    });
  },
});
