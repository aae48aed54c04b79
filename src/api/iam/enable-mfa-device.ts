// EnableMFADevice: assigns a virtual MFA device to a user, proven by two consecutive codes.
import { defineAction } from '../action.ts';
import type { EnableMFADeviceRequest } from '../../protocol/models/iam-types.ts';
import { enableMfaDevice } from '../../domain/mfa-devices.ts';
import { userArn } from './resource-arns.ts';

export const EnableMFADevice = defineAction<EnableMFADeviceRequest, void>({
  service: 'iam',
  name: 'EnableMFADevice',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  redact: ['AuthenticationCode1', 'AuthenticationCode2'],
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      enableMfaDevice(repos, ctx.services.sealer, ctx.accountId, input, ctx.now),
    );
  },
});
