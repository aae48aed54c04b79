// GetLoginProfile: whether a user has a console password, when it was created and whether it
// must be reset. Never the password or its hash.
import { defineAction } from '../action.ts';
import { getLoginProfile, loginProfileUserName } from '../../domain/index.ts';
import { userArn } from './resource-arns.ts';
import { loginProfileShape } from './shapes/login-profile-shapes.ts';

export const GetLoginProfile = defineAction({
  service: 'iam',
  name: 'GetLoginProfile',
  resource: (input, ctx) => (input.UserName ? userArn(ctx, input.UserName) : ctx.caller.arn),
  async handle(input, ctx) {
    const userName = loginProfileUserName(ctx.caller, input.UserName);
    const { user, profile } = await ctx.services.store.read((repos) =>
      getLoginProfile(repos, ctx.accountId, userName),
    );
    return { LoginProfile: loginProfileShape(user, profile) };
  },
});
