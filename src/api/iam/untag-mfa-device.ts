// UntagMFADevice: removes tags from a virtual MFA device by key.
import { defineAction } from '../action.ts';
import type { UntagMFADeviceRequest } from '../../protocol/models/iam-types.ts';
import { untagMfaDevice } from '../../domain/mfa-devices.ts';

export const UntagMFADevice = defineAction<UntagMFADeviceRequest, void>({
  service: 'iam',
  name: 'UntagMFADevice',
  resource: (input) => input.SerialNumber,
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      untagMfaDevice(repos, ctx.accountId, input.SerialNumber, input.TagKeys),
    );
  },
});
