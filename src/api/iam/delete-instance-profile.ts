// DeleteInstanceProfile: removes an instance profile that no longer holds a role.
import { defineAction } from '../action.ts';
import { deleteInstanceProfile } from '../../domain/index.ts';
import { instanceProfileArn } from './resource-arns.ts';

export const DeleteInstanceProfile = defineAction({
  service: 'iam',
  name: 'DeleteInstanceProfile',
  resource: (input, ctx) => instanceProfileArn(ctx, input.InstanceProfileName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      deleteInstanceProfile(repos, ctx.accountId, input.InstanceProfileName),
    );
  },
});
