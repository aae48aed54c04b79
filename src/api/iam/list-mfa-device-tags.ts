// ListMFADeviceTags: a virtual MFA device's tags, paginated.
import { defineAction } from '../action.ts';
import type { ListMFADeviceTagsRequest, ListMFADeviceTagsResponse } from '../../protocol/models/iam-types.ts';
import { getMfaDevice } from '../../domain/mfa-devices.ts';
import { paginateList } from './paginate-list.ts';

export const ListMFADeviceTags = defineAction<ListMFADeviceTagsRequest, ListMFADeviceTagsResponse>({
  service: 'iam',
  name: 'ListMFADeviceTags',
  resource: (input) => input.SerialNumber,
  async handle(input, ctx) {
    const tags = await ctx.services.store.read(async (repos) => {
      const device = await getMfaDevice(repos, ctx.accountId, input.SerialNumber);
      return repos.tags.list('mfa-device', device.serial_number);
    });
    const page = paginateList(tags, input, (t) => t.Key.toLowerCase());
    return { Tags: page.items, IsTruncated: page.isTruncated, Marker: page.marker };
  },
});
