// PutRolePolicy: embeds (or replaces) an inline policy in a role, within the role's aggregate size.
import { defineAction } from '../action.ts';
import type { PutRolePolicyRequest } from '../../protocol/models/iam-types.ts';
import { putInlinePolicy } from '../../domain/inline-policies.ts';
import { assertModifiableRole, getRoleRow, roleOwner } from '../../domain/roles.ts';
import { roleArn } from './resource-arns.ts';

export const PutRolePolicy = defineAction<PutRolePolicyRequest, void>({
  service: 'iam',
  name: 'PutRolePolicy',
  resource: (input, ctx) => roleArn(ctx, input.RoleName),
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const role = await getRoleRow(repos, ctx.accountId, input.RoleName);
      assertModifiableRole(role);
      await putInlinePolicy(
        repos,
        roleOwner(role),
        input.PolicyName,
        input.PolicyDocument,
        quotas.roleInlinePolicySize,
      );
    });
  },
});
