// DeleteVirtualMFADevice: removes a virtual MFA device that no user has enabled.
import { defineAction } from '../action.ts';
import { deleteVirtualMfaDevice } from '../../domain/index.ts';

export const DeleteVirtualMFADevice = defineAction({
  service: 'iam',
  name: 'DeleteVirtualMFADevice',
  resource: (input) => input.SerialNumber,
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, (repos) =>
      deleteVirtualMfaDevice(repos, ctx.accountId, input.SerialNumber),
    );
  },
});
