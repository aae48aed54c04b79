// UntagInstanceProfile: removes tags from an instance profile by key.
import { defineAction } from '../action.ts';
import type { UntagInstanceProfileRequest } from '../../protocol/models/iam-types.ts';
import { getInstanceProfileRow, instanceProfileChange } from '../../domain/instance-profiles.ts';
import { instanceProfileArn } from './resource-arns.ts';

export const UntagInstanceProfile = defineAction<UntagInstanceProfileRequest, void>({
  service: 'iam',
  name: 'UntagInstanceProfile',
  resource: (input, ctx) => instanceProfileArn(ctx, input.InstanceProfileName),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const row = await getInstanceProfileRow(repos, ctx.accountId, input.InstanceProfileName);
      await repos.tags.remove(
        instanceProfileChange(row),
        'instance-profile',
        row.instance_profile_id,
        input.TagKeys,
      );
    });
  },
});
