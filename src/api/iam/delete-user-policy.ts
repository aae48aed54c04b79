// DeleteUserPolicy: removes one inline policy of a user.
import { defineAction } from '../action.ts';
import type { DeleteUserPolicyRequest } from '../../protocol/models/iam-types.ts';
import { deleteInlinePolicy, userAsInlineOwner } from '../../domain/inline-policies.ts';
import { userArn } from './resource-arns.ts';

export const DeleteUserPolicy = defineAction<DeleteUserPolicyRequest, void>({
  service: 'iam',
  name: 'DeleteUserPolicy',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) =>
      deleteInlinePolicy(
        repos,
        await userAsInlineOwner(repos, ctx.accountId, input.UserName),
        input.PolicyName,
      ),
    );
  },
});
