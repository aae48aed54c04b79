// ChangePassword: an IAM user changes their own console password, proving the old one; the new
// one passes the account password policy. The root cannot use it (InvalidUserType), as in AWS.
// Wrong old passwords in a row lock the user's password for a while (see credential-lockout.ts).
import { defineAction } from '../action.ts';
import { hashPassword } from '../../crypto/index.ts';
import {
  lockoutPolicy,
  checkPasswordChange,
  passwordHistory,
  updateLoginProfile,
  verifyCurrentPassword,
  checkNewPassword,
  checkPasswordReuse,
} from '../../domain/index.ts';
import { AwsError } from '../../errors.ts';

export const ChangePassword = defineAction({
  service: 'iam',
  name: 'ChangePassword',
  resource: (_input, ctx) => ctx.caller.arn,
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
    const lockout = { policy: lockoutPolicy(ctx.services), now: ctx.now };
    // a locked password gets the wrong password's answer: nothing tells the right one apart
    if (!(await verifyCurrentPassword(store, ctx.accountId, profile, input.OldPassword, lockout)))
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
