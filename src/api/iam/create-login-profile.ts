// CreateLoginProfile: gives a user a console password (hashed), checked against the account
// password policy; the user must not have one yet.
import { defineAction } from '../action.ts';
import { hashPassword } from '../../crypto/index.ts';
import {
  checkCreateLoginProfile,
  createLoginProfile,
  loginProfileUserName,
  requirePassword,
} from '../../domain/index.ts';
import { userArn } from './resource-arns.ts';
import { loginProfileShape } from './shapes/login-profile-shapes.ts';

export const CreateLoginProfile = defineAction({
  service: 'iam',
  name: 'CreateLoginProfile',
  resource: (input, ctx) => (input.UserName ? userArn(ctx, input.UserName) : ctx.caller.arn),
  async handle(input, ctx) {
    const { store } = ctx.services;
    const userName = loginProfileUserName(ctx.caller, input.UserName);
    const password = requirePassword(input.Password);
    // validate before the slow hash, then hash outside the account's write lock
    await store.read((repos) => checkCreateLoginProfile(repos, ctx.accountId, userName, password));
    const passwordHash = await hashPassword(password);
    const { user, profile } = await store.write(ctx.accountId, (repos) =>
      createLoginProfile(
        repos,
        ctx.accountId,
        { userName, password, passwordHash, resetRequired: input.PasswordResetRequired ?? false },
        ctx.now,
      ),
    );
    return { LoginProfile: loginProfileShape(user, profile) };
  },
});
