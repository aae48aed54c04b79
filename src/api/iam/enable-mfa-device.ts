// EnableMFADevice: assigns a virtual MFA device to a user, proven by two consecutive codes.
import { defineAction } from '../action.ts';
import { enableMfaDevice } from '../../domain/index.ts';
import { proveDeviceCodes } from './device-codes.ts';
import { userArn } from './resource-arns.ts';

export const EnableMFADevice = defineAction({
  service: 'iam',
  name: 'EnableMFADevice',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  handle: (input, ctx) => proveDeviceCodes(ctx, enableMfaDevice, input),
});
