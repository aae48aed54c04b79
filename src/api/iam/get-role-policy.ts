// GetRolePolicy: one inline policy of a role, its document URL-encoded as AWS returns it.
import { defineAction } from '../action.ts';
import type { GetRolePolicyRequest, GetRolePolicyResponse } from '../../protocol/models/iam-types.ts';
import { getInlinePolicyEntry } from '../../domain/inline-policies.ts';
import { getRoleRow, roleOwner } from '../../domain/roles.ts';
import { roleArn } from './resource-arns.ts';

export const GetRolePolicy = defineAction<GetRolePolicyRequest, GetRolePolicyResponse>({
  service: 'iam',
  name: 'GetRolePolicy',
  resource: (input, ctx) => roleArn(ctx, input.RoleName),
  async handle(input, ctx) {
    return ctx.services.store.read(async (repos) => {
      const role = await getRoleRow(repos, ctx.accountId, input.RoleName);
      const policy = await getInlinePolicyEntry(repos, roleOwner(role), input.PolicyName);
      return {
        RoleName: role.role_name,
        PolicyName: policy.policyName,
        PolicyDocument: encodeURIComponent(policy.document),
      };
    });
  },
});
