// AddRoleToInstanceProfile: puts a role into an instance profile that holds none yet. As AWS
// documents, the caller must also be allowed iam:PassRole on the role.
import { defineAction } from '../action.ts';
import { addRoleToInstanceProfile } from '../../domain/index.ts';
import { authorizeOn } from './authorize-resource.ts';
import { instanceProfileArn, roleArn } from './resource-arns.ts';

export const AddRoleToInstanceProfile = defineAction({
  service: 'iam',
  name: 'AddRoleToInstanceProfile',
  resource: (input, ctx) => instanceProfileArn(ctx, input.InstanceProfileName),
  async handle(input, ctx) {
    await authorizeOn(ctx, 'iam:PassRole', roleArn(ctx, input.RoleName), { resolve: true });
    await ctx.services.store.write(ctx.accountId, (repos) =>
      addRoleToInstanceProfile(repos, ctx.accountId, input.InstanceProfileName, input.RoleName),
    );
  },
});
