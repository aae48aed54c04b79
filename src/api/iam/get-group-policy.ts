// GetGroupPolicy: one inline policy of a group, its document URL-encoded as IAM returns it.
import { defineAction } from '../action.ts';
import type { GetGroupPolicyRequest, GetGroupPolicyResponse } from '../../protocol/models/iam-types.ts';
import { groupAsInlineOwner } from '../../domain/groups.ts';
import { getInlinePolicyEntry } from '../../domain/inline-policies.ts';
import { groupArn } from './resource-arns.ts';

export const GetGroupPolicy = defineAction<GetGroupPolicyRequest, GetGroupPolicyResponse>({
  service: 'iam',
  name: 'GetGroupPolicy',
  resource: (input, ctx) => groupArn(ctx, input.GroupName),
  async handle(input, ctx) {
    return ctx.services.store.read(async (repos) => {
      const owner = await groupAsInlineOwner(repos, ctx.accountId, input.GroupName);
      const policy = await getInlinePolicyEntry(repos, owner, input.PolicyName);
      return {
        GroupName: owner.name,
        PolicyName: policy.policyName,
        PolicyDocument: encodeURIComponent(policy.document),
      };
    });
  },
});
