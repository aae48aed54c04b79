// UpdateAccessKey: makes a key Active or Inactive; an Inactive key no longer authenticates.
import { defineAction } from '../action.ts';
import { resolveKeyOwner, setAccessKeyStatus } from '../../domain/index.ts';
import { userArn } from './resource-arns.ts';

export const UpdateAccessKey = defineAction({
  service: 'iam',
  name: 'UpdateAccessKey',
  resource: (input, ctx) => (input.UserName ? userArn(ctx, input.UserName) : ctx.caller.arn),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const owner = await resolveKeyOwner(repos, ctx.accountId, ctx.caller, input.UserName);
      await setAccessKeyStatus(repos, owner, input.AccessKeyId, input.Status);
    });
  },
});
