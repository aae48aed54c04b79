// TagMFADevice: adds or overwrites tags on a virtual MFA device.
import { defineAction } from '../action.ts';
import type { TagMFADeviceRequest } from '../../protocol/models/iam-types.ts';
import { tagMfaDevice } from '../../domain/mfa-devices.ts';

export const TagMFADevice = defineAction<TagMFADeviceRequest, void>({
  service: 'iam',
  name: 'TagMFADevice',
  resource: (input) => input.SerialNumber,
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    await ctx.services.store.write(ctx.accountId, (repos) =>
      tagMfaDevice(repos, ctx.accountId, input.SerialNumber, input.Tags, quotas),
    );
  },
});
