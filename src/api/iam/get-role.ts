// GetRole: a role by name, with its boundary, tags and last use.
import { defineAction } from '../action.ts';
import { getRoleRow, withPendingUse } from '../../domain/index.ts';
import { roleArn } from './resource-arns.ts';
import { roleDetailShape } from './shapes/role-shapes.ts';

export const GetRole = defineAction({
  service: 'iam',
  name: 'GetRole',
  resource: (input, ctx) => roleArn(ctx, input.RoleName),
  async handle(input, ctx) {
    return ctx.services.store.read(async (repos) => {
      const stored = await getRoleRow(repos, ctx.accountId, input.RoleName);
      const row = withPendingUse(stored, ctx.services.lastUsed?.peekRole(stored.role_id));
      return { Role: roleDetailShape(row, await repos.tags.list('role', row.role_id)) };
    });
  },
});
