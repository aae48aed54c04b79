// DeleteVirtualMFADevice: removes a virtual MFA device that no user has enabled.
import { defineAction } from '../action.ts';
import type { DeleteVirtualMFADeviceRequest } from '../../protocol/models/iam-types.ts';
import { deleteVirtualMfaDevice } from '../../domain/mfa-devices.ts';

export const DeleteVirtualMFADevice = defineAction<DeleteVirtualMFADeviceRequest, void>({
  service: 'iam',
  name: 'DeleteVirtualMFADevice',
  resource: (input) => input.SerialNumber,
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      deleteVirtualMfaDevice(repos, ctx.accountId, input.SerialNumber),
    );
  },
});
