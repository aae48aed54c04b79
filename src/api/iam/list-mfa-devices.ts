// ListMFADevices: the MFA devices enabled for a user, or for the caller when UserName is omitted.
import { defineAction } from '../action.ts';
import { listUserMfaDevices } from '../../domain/index.ts';
import { paginateList } from './paginate-list.ts';
import { userArn } from './resource-arns.ts';
import { mfaDeviceShape } from './shapes/mfa-device-shapes.ts';

export const ListMFADevices = defineAction({
  service: 'iam',
  name: 'ListMFADevices',
  resource: (input, ctx) => (input.UserName ? userArn(ctx, input.UserName) : ctx.caller.arn),
  async handle(input, ctx) {
    const devices = await ctx.services.store.read((repos) =>
      listUserMfaDevices(repos, ctx.accountId, ctx.caller, input.UserName),
    );
    const page = paginateList(devices, input, (d) => d.row.serial_number);
    return { MFADevices: page.items.map(mfaDeviceShape), IsTruncated: page.isTruncated, Marker: page.marker };
  },
});
