// PutUserPolicy: adds or replaces an inline policy of a user, within the user's aggregate size quota.
import { defineAction } from '../action.ts';
import type { PutUserPolicyRequest } from '../../protocol/models/iam-types.ts';
import { putInlinePolicy, userAsInlineOwner } from '../../domain/inline-policies.ts';
import { userArn } from './resource-arns.ts';

export const PutUserPolicy = defineAction<PutUserPolicyRequest, void>({
  service: 'iam',
  name: 'PutUserPolicy',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const owner = await userAsInlineOwner(repos, ctx.accountId, input.UserName);
      await putInlinePolicy(
        repos,
        owner,
        input.PolicyName,
        input.PolicyDocument,
        quotas.userInlinePolicySize,
      );
    });
  },
});
