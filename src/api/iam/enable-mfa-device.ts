// EnableMFADevice: assigns a virtual MFA device to a user, proven by two consecutive codes.
import { defineAction } from '../action.ts';
import type { EnableMFADeviceRequest } from '../../protocol/models/iam-types.ts';
import { credentialLockout, lockoutPolicy } from '../../domain/credential-lockout.ts';
import { invalidAuthenticationCode, enableMfaDevice } from '../../domain/mfa-devices.ts';
import { userArn } from './resource-arns.ts';

export const EnableMFADevice = defineAction<EnableMFADeviceRequest, void>({
  service: 'iam',
  name: 'EnableMFADevice',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  async handle(input, ctx) {
    const { services } = ctx;
    // the write commits even when the codes are refused, so that they stay counted against the device
    const accepted = await services.store.write(ctx.accountId, (repos) =>
      enableMfaDevice(
        repos,
        services.sealer,
        ctx.accountId,
        input,
        ctx.now,
        credentialLockout(repos, ctx.accountId, lockoutPolicy(services), ctx.now),
      ),
    );
    if (!accepted) throw invalidAuthenticationCode();
  },
});
