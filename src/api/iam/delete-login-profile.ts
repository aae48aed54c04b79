// DeleteLoginProfile: removes a user's console password (its access keys still work).
import { defineAction } from '../action.ts';
import { deleteLoginProfile, loginProfileUserName } from '../../domain/index.ts';
import { userArn } from './resource-arns.ts';

export const DeleteLoginProfile = defineAction({
  service: 'iam',
  name: 'DeleteLoginProfile',
  resource: (input, ctx) => (input.UserName ? userArn(ctx, input.UserName) : ctx.caller.arn),
  async handle(input, ctx) {
    const userName = loginProfileUserName(ctx.caller, input.UserName);
    await ctx.services.store.write(ctx.accountId, (repos) =>
      deleteLoginProfile(repos, ctx.accountId, userName),
    );
  },
});
