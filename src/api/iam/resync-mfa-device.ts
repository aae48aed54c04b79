// ResyncMFADevice: re-learns a user's device clock from two consecutive codes.
import { defineAction } from '../action.ts';
import { resyncMfaDevice } from '../../domain/index.ts';
import { proveDeviceCodes } from './device-codes.ts';
import { userArn } from './resource-arns.ts';

export const ResyncMFADevice = defineAction({
  service: 'iam',
  name: 'ResyncMFADevice',
  resource: (input, ctx) => userArn(ctx, input.UserName),
  handle: (input, ctx) => proveDeviceCodes(ctx, resyncMfaDevice, input),
});
