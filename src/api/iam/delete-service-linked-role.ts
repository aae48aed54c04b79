// DeleteServiceLinkedRole: submits a service-linked role's deletion and returns the task's id.
import { defineAction } from '../action.ts';
import { deleteServiceLinkedRole } from '../../domain/index.ts';
import { roleArn } from './resource-arns.ts';

export const DeleteServiceLinkedRole = defineAction({
  service: 'iam',
  name: 'DeleteServiceLinkedRole',
  resource: (input, ctx) => roleArn(ctx, input.RoleName),
  async handle(input, ctx) {
    const taskId = await ctx.services.store.write(ctx.accountId, (repos) =>
      deleteServiceLinkedRole(repos, ctx.accountId, input.RoleName, ctx.now),
    );
    return { DeletionTaskId: taskId };
  },
});
