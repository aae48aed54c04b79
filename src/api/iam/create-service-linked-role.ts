// CreateServiceLinkedRole: the role an AWS service owns in this account, named and trusted as AWS does.
import { defineAction } from '../action.ts';
import { createServiceLinkedRole, serviceLinkedRoleName, serviceLinkedRolePath } from '../../domain/index.ts';
import { roleArn } from './resource-arns.ts';
import { roleDetailShape } from './shapes/role-shapes.ts';

export const CreateServiceLinkedRole = defineAction({
  service: 'iam',
  name: 'CreateServiceLinkedRole',
  resource: (input, ctx) =>
    roleArn(
      ctx,
      serviceLinkedRoleName(input.AWSServiceName, input.CustomSuffix),
      serviceLinkedRolePath(input.AWSServiceName),
    ),
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    const row = await ctx.services.store.write(ctx.accountId, (repos) =>
      createServiceLinkedRole(repos, ctx.accountId, input, quotas, ctx.now),
    );
    const { RoleLastUsed: _unused, ...role } = roleDetailShape(row, []);
    return { Role: role };
  },
});
