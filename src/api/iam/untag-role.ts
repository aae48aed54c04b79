// UntagRole: removes tags from a role by key.
import { defineAction } from '../action.ts';
import type { UntagRoleRequest } from '../../protocol/models/iam-types.ts';
import { getRoleRow } from '../../domain/roles.ts';
import { roleArn } from './resource-arns.ts';

export const UntagRole = defineAction<UntagRoleRequest, void>({
  service: 'iam',
  name: 'UntagRole',
  resource: (input, ctx) => roleArn(ctx, input.RoleName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const role = await getRoleRow(repos, ctx.accountId, input.RoleName);
      await repos.tags.remove(
        { accountId: ctx.accountId, entity: 'role', id: role.role_id },
        'role',
        role.role_id,
        input.TagKeys,
      );
    });
  },
});
