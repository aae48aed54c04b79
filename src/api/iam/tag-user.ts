// TagUser: adds or overwrites tags on a user.
import { defineAction } from '../action.ts';
import type { TagUserRequest } from '../../protocol/models/iam-types.ts';
import { getUserRow } from '../../domain/users.ts';
import { addTags } from '../../domain/tags.ts';
import { userArn } from './resource-arns.ts';

export const TagUser = defineAction<TagUserRequest, void>({
  service: 'iam',
  name: 'TagUser',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const user = await getUserRow(repos, ctx.accountId, input.UserName);
      const change = { accountId: ctx.accountId, entity: 'user' as const, id: user.user_id };
      await addTags(repos, change, 'user', user.user_id, input.Tags, quotas.tagsPerResource);
    });
  },
});
