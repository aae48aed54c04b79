// ResyncMFADevice: re-learns a user's device clock from two consecutive codes.
import { defineAction } from '../action.ts';
import type { ResyncMFADeviceRequest } from '../../protocol/models/iam-types.ts';
import { resyncMfaDevice } from '../../domain/mfa-devices.ts';
import { userArn } from './resource-arns.ts';

export const ResyncMFADevice = defineAction<ResyncMFADeviceRequest, void>({
  service: 'iam',
  name: 'ResyncMFADevice',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  redact: ['AuthenticationCode1', 'AuthenticationCode2'],
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      resyncMfaDevice(repos, ctx.services.sealer, ctx.accountId, input, ctx.now),
    );
  },
});
