// DeleteGroupPolicy: removes one inline policy of a group.
import { defineAction } from '../action.ts';
import type { DeleteGroupPolicyRequest } from '../../protocol/models/iam-types.ts';
import { groupAsInlineOwner } from '../../domain/groups.ts';
import { deleteInlinePolicy } from '../../domain/inline-policies.ts';
import { groupArn } from './resource-arns.ts';

export const DeleteGroupPolicy = defineAction<DeleteGroupPolicyRequest, void>({
  service: 'iam',
  name: 'DeleteGroupPolicy',
  resource: (input, ctx) => groupArn(ctx, input.GroupName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) =>
      deleteInlinePolicy(
        repos,
        await groupAsInlineOwner(repos, ctx.accountId, input.GroupName),
        input.PolicyName,
      ),
    );
  },
});
