// GetMFADevice: an MFA device enabled for a user (or the caller). Tessera's devices are virtual,
// which carry no FIDO certifications, so the answer has no Certifications.
import { defineAction } from '../action.ts';
import { getUserMfaDevice } from '../../domain/index.ts';
import { userArn } from './resource-arns.ts';
import { mfaDeviceShape } from './shapes/mfa-device-shapes.ts';

export const GetMFADevice = defineAction({
  service: 'iam',
  name: 'GetMFADevice',
  resource: (input, ctx) => (input.UserName ? userArn(ctx, input.UserName) : ctx.caller.arn),
  async handle(input, ctx) {
    const device = await ctx.services.store.read((repos) =>
      getUserMfaDevice(repos, ctx.accountId, ctx.caller, input),
    );
    return mfaDeviceShape(device);
  },
});
