// UpdateLoginProfile: an administrator sets a user's new password and/or PasswordResetRequired;
// a new password passes the account password policy, including PasswordReusePrevention.
import { defineAction } from '../action.ts';
import { hashPassword } from '../../crypto/index.ts';
import {
  checkPasswordChange,
  passwordHistory,
  updateLoginProfile,
  checkPasswordReuse,
} from '../../domain/index.ts';
import { userArn } from './resource-arns.ts';

export const UpdateLoginProfile = defineAction({
  service: 'iam',
  name: 'UpdateLoginProfile',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  async handle(input, ctx) {
    const { store } = ctx.services;
    const { profile, policy } = await store.read((repos) =>
      checkPasswordChange(repos, ctx.accountId, input.UserName, input.Password),
    );
    let password: { clear: string; hash: string; expectedHash: string } | undefined;
    if (input.Password !== undefined) {
      await checkPasswordReuse(input.Password, policy, passwordHistory(profile));
      password = {
        clear: input.Password,
        hash: await hashPassword(input.Password),
        expectedHash: profile.password_hash,
      };
    }
    await store.write(ctx.accountId, (repos) =>
      updateLoginProfile(
        repos,
        ctx.accountId,
        { userName: input.UserName, password, resetRequired: input.PasswordResetRequired },
        ctx.now,
      ),
    );
  },
});
