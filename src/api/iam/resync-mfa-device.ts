// ResyncMFADevice: re-learns a user's device clock from two consecutive codes.
import { defineAction } from '../action.ts';
import type { ResyncMFADeviceRequest } from '../../protocol/models/iam-types.ts';
import { credentialLockout, lockoutPolicy } from '../../domain/credential-lockout.ts';
import { invalidAuthenticationCode, resyncMfaDevice } from '../../domain/mfa-devices.ts';
import { userArn } from './resource-arns.ts';

export const ResyncMFADevice = defineAction<ResyncMFADeviceRequest, void>({
  service: 'iam',
  name: 'ResyncMFADevice',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  async handle(input, ctx) {
    const { services } = ctx;
    // the write commits even when the codes are refused, so that they stay counted against the device
    const accepted = await services.store.write(ctx.accountId, (repos) =>
      resyncMfaDevice(
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
