// RemoveRoleFromInstanceProfile: takes the role out of an instance profile that holds it.
import { defineAction } from '../action.ts';
import { removeRoleFromInstanceProfile } from '../../domain/index.ts';
import { instanceProfileArn } from './resource-arns.ts';

export const RemoveRoleFromInstanceProfile = defineAction({
  service: 'iam',
  name: 'RemoveRoleFromInstanceProfile',
  resource: (input, ctx) => instanceProfileArn(ctx, input.InstanceProfileName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      removeRoleFromInstanceProfile(repos, ctx.accountId, input.InstanceProfileName, input.RoleName),
    );
  },
});
