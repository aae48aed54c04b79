// TagInstanceProfile: adds or overwrites tags on an instance profile.
import { defineAction } from '../action.ts';
import type { TagInstanceProfileRequest } from '../../protocol/models/iam-types.ts';
import { getInstanceProfileRow, instanceProfileChange } from '../../domain/instance-profiles.ts';
import { addTags } from '../../domain/tags.ts';
import { instanceProfileArn } from './resource-arns.ts';

export const TagInstanceProfile = defineAction<TagInstanceProfileRequest, void>({
  service: 'iam',
  name: 'TagInstanceProfile',
  resource: (input, ctx) => instanceProfileArn(ctx, input.InstanceProfileName),
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const row = await getInstanceProfileRow(repos, ctx.accountId, input.InstanceProfileName);
      await addTags(
        repos,
        instanceProfileChange(row),
        'instance-profile',
        row.instance_profile_id,
        input.Tags,
        quotas.tagsPerResource,
      );
    });
  },
});
