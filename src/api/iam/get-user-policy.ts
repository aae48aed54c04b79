// GetUserPolicy: one inline policy of a user, its document URL-encoded as IAM returns it.
import { defineAction } from '../action.ts';
import type { GetUserPolicyRequest, GetUserPolicyResponse } from '../../protocol/models/iam-types.ts';
import { getInlinePolicyEntry, userAsInlineOwner } from '../../domain/inline-policies.ts';
import { userArn } from './resource-arns.ts';

export const GetUserPolicy = defineAction<GetUserPolicyRequest, GetUserPolicyResponse>({
  service: 'iam',
  name: 'GetUserPolicy',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  async handle(input, ctx) {
    return ctx.services.store.read(async (repos) => {
      const owner = await userAsInlineOwner(repos, ctx.accountId, input.UserName);
      const policy = await getInlinePolicyEntry(repos, owner, input.PolicyName);
      return {
        UserName: owner.name,
        PolicyName: policy.policyName,
        PolicyDocument: encodeURIComponent(policy.document),
      };
    });
  },
});
