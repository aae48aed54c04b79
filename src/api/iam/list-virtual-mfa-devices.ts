// ListVirtualMFADevices: the account's virtual MFA devices by assignment status, paginated by serial
// number; assigned ones name their user (the root, for the root's).
import { defineAction } from '../action.ts';
import { listVirtualMfaDevices } from '../../domain/index.ts';
import { DEFAULT_MAX_ITEMS, decodeMarker, toPage } from '../../protocol/index.ts';
import { ACCOUNT_WIDE } from './resource-arns.ts';
import { virtualMfaDeviceShape } from './shapes/mfa-device-shapes.ts';

export const ListVirtualMFADevices = defineAction({
  service: 'iam',
  name: 'ListVirtualMFADevices',
  resource: () => ACCOUNT_WIDE,
  async handle(input, ctx) {
    const limit = input.MaxItems ?? DEFAULT_MAX_ITEMS;
    const entries = await ctx.services.store.read((repos) =>
      listVirtualMfaDevices(repos, ctx.accountId, input.AssignmentStatus ?? 'Any', {
        after: decodeMarker(input.Marker),
        limit: limit + 1,
      }),
    );
    const page = toPage(entries, limit, (e) => e.row.serial_number, virtualMfaDeviceShape);
    return { VirtualMFADevices: page.items, IsTruncated: page.isTruncated, Marker: page.marker };
  },
});
