// AddRoleToInstanceProfile: puts a role into an instance profile that holds none yet.
import { defineAction } from '../action.ts';
import type { AddRoleToInstanceProfileRequest } from '../../protocol/models/iam-types.ts';
import { addRoleToInstanceProfile } from '../../domain/instance-profiles.ts';
import { instanceProfileArn } from './resource-arns.ts';

export const AddRoleToInstanceProfile = defineAction<AddRoleToInstanceProfileRequest, void>({
  service: 'iam',
  name: 'AddRoleToInstanceProfile',
  resource: (input, ctx) => instanceProfileArn(ctx, input.InstanceProfileName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      addRoleToInstanceProfile(repos, ctx.accountId, input.InstanceProfileName, input.RoleName),
    );
  },
});
