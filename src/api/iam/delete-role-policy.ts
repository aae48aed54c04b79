// DeleteRolePolicy: removes one inline policy from a role.
import { defineAction } from '../action.ts';
import type { DeleteRolePolicyRequest } from '../../protocol/models/iam-types.ts';
import { deleteInlinePolicy } from '../../domain/inline-policies.ts';
import { assertModifiableRole, getRoleRow, roleOwner } from '../../domain/roles.ts';
import { roleArn } from './resource-arns.ts';

export const DeleteRolePolicy = defineAction<DeleteRolePolicyRequest, void>({
  service: 'iam',
  name: 'DeleteRolePolicy',
  resource: (input, ctx) => roleArn(ctx, input.RoleName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const role = await getRoleRow(repos, ctx.accountId, input.RoleName);
      assertModifiableRole(role);
      await deleteInlinePolicy(repos, roleOwner(role), input.PolicyName);
    });
  },
});
