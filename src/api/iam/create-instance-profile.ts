// CreateInstanceProfile: a new, empty instance profile, within the account's instance profile quota.
import { defineAction } from '../action.ts';
import { createInstanceProfile, sortedTags } from '../../domain/index.ts';
import { instanceProfileArn } from './resource-arns.ts';
import { instanceProfileShape } from './shapes/instance-profile-shapes.ts';

export const CreateInstanceProfile = defineAction({
  service: 'iam',
  name: 'CreateInstanceProfile',
  resource: (input, ctx) => instanceProfileArn(ctx, input.InstanceProfileName, input.Path),
  tagAction: 'iam:TagInstanceProfile',
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    const row = await ctx.services.store.write(ctx.accountId, (repos) =>
      createInstanceProfile(repos, ctx.accountId, input, quotas, ctx.now),
    );
    return { InstanceProfile: instanceProfileShape(row, [], sortedTags(input.Tags)) };
  },
});
