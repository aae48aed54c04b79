// GetInstanceProfile: an instance profile by name, with its role and tags.
import { defineAction } from '../action.ts';
import { getInstanceProfileRow } from '../../domain/index.ts';
import { instanceProfileArn } from './resource-arns.ts';
import { instanceProfileShape } from './shapes/instance-profile-shapes.ts';

export const GetInstanceProfile = defineAction({
  service: 'iam',
  name: 'GetInstanceProfile',
  resource: (input, ctx) => instanceProfileArn(ctx, input.InstanceProfileName),
  handle: (input, ctx) =>
    ctx.services.store.read(async (repos) => {
      const row = await getInstanceProfileRow(repos, ctx.accountId, input.InstanceProfileName);
      const roles = await repos.instanceProfiles.rolesOf([row.instance_profile_id]);
      const tags = await repos.tags.list('instance-profile', row.instance_profile_id);
      return { InstanceProfile: instanceProfileShape(row, roles.get(row.instance_profile_id) ?? [], tags) };
    }),
});
