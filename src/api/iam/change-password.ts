// ChangePassword: an IAM user changes their own console password, proving the old one; the new
// one passes the account password policy. The root cannot use it (InvalidUserType), as in AWS.
import { defineAction } from '../action.ts';
import type { ChangePasswordRequest } from '../../protocol/models/iam-types.ts';
import { hashPassword, verifyPassword } from '../../authn/password-hash.ts';
import { checkPasswordChange, passwordHistory, updateLoginProfile } from '../../domain/login-profiles.ts';
import { checkNewPassword, checkPasswordReuse } from '../../domain/password-policy.ts';
import { AwsError } from '../../protocol/aws-error.ts';

export const ChangePassword = defineAction<ChangePasswordRequest, void>({
  service: 'iam',
  name: 'ChangePassword',
  resource: (_input, ctx) => ctx.caller.arn,
  redact: ['OldPassword', 'NewPassword'],
  async handle(input, ctx) {
    const { caller } = ctx;
    if (caller.type !== 'user')
      throw new AwsError(
        'InvalidUserType',
        'The request was rejected because the type of user for the transaction was incorrect.',
      );
    const { store } = ctx.services;
    const { profile, policy } = await store.read((repos) =>
      checkPasswordChange(repos, ctx.accountId, caller.userName, undefined),
    );
    if (!(await verifyPassword(input.OldPassword, profile.password_hash)))
      throw new AwsError('AccessDenied', 'The old password is incorrect.');
    checkNewPassword(input.NewPassword, policy);
    await checkPasswordReuse(input.NewPassword, policy, passwordHistory(profile));
    const hash = await hashPassword(input.NewPassword);
    await store.write(ctx.accountId, (repos) =>
      updateLoginProfile(
        repos,
        ctx.accountId,
        {
          userName: caller.userName,
          password: { clear: input.NewPassword, hash, expectedHash: profile.password_hash },
          resetRequired: false,
        },
        ctx.now,
      ),
    );
  },
});
