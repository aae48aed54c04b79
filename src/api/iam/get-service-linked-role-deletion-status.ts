// GetServiceLinkedRoleDeletionStatus: how a service-linked role's deletion task ended.
import { defineAction } from '../action.ts';
import type { GetServiceLinkedRoleDeletionStatusRequest } from '../../protocol/index.ts';
import { deletionStatus } from '../../domain/index.ts';
import { ACCOUNT_WIDE, roleArn } from './resource-arns.ts';

/** The role a task id (task/aws-service-role/<service>/<role>/<uuid>) names, for authorization. */
function taskRoleArn(input: GetServiceLinkedRoleDeletionStatusRequest, ctx: Parameters<typeof roleArn>[0]) {
  const m = /^task(\/aws-service-role\/[^/]+\/)([^/]+)\/[^/]+$/.exec(input.DeletionTaskId);
  return m ? roleArn(ctx, m[2], m[1]) : ACCOUNT_WIDE;
}

export const GetServiceLinkedRoleDeletionStatus = defineAction({
  service: 'iam',
  name: 'GetServiceLinkedRoleDeletionStatus',
  resource: taskRoleArn,
  async handle(input, ctx) {
    const task = await ctx.services.store.read((repos) =>
      deletionStatus(repos, ctx.accountId, input.DeletionTaskId),
    );
    return { Status: task.status, ...(task.reason ? { Reason: { Reason: task.reason } } : {}) };
  },
});
