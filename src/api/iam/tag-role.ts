// TagRole: adds or overwrites tags on a role (service-linked roles included, as AWS allows).
import { defineAction } from '../action.ts';
import type { TagRoleRequest } from '../../protocol/models/iam-types.ts';
import { getRoleRow } from '../../domain/roles.ts';
import { addTags } from '../../domain/tags.ts';
import { roleArn } from './resource-arns.ts';

export const TagRole = defineAction<TagRoleRequest, void>({
  service: 'iam',
  name: 'TagRole',
  resource: (input, ctx) => roleArn(ctx, input.RoleName),
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const role = await getRoleRow(repos, ctx.accountId, input.RoleName);
      const change = { accountId: ctx.accountId, entity: 'role' as const, id: role.role_id };
      await addTags(repos, change, 'role', role.role_id, input.Tags, quotas.tagsPerResource);
    });
  },
});
