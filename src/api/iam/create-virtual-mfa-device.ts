// CreateVirtualMFADevice: a new, unassigned virtual MFA device; its seed is returned once, as Base32
// text and as a QR code PNG of the otpauth URI, and kept only sealed.
import { defineAction } from '../action.ts';
import { virtualMfaQrCode } from '../../authn/index.ts';
import { iamArn, createVirtualMfaDevice, sortedTags } from '../../domain/index.ts';

export const CreateVirtualMFADevice = defineAction({
  service: 'iam',
  name: 'CreateVirtualMFADevice',
  resource: (input, ctx) => iamArn(ctx.accountId, 'mfa', input.Path ?? '/', input.VirtualMFADeviceName),
  tagAction: 'iam:TagMFADevice',
  async handle(input, ctx) {
    const quotas = await ctx.services.quotas(ctx.accountId);
    // The QR code is drawn before the transaction commits: a device whose seed was never shown is
    // not left behind.
    const { created, png } = await ctx.services.store.write(ctx.accountId, async (repos) => {
      const created = await createVirtualMfaDevice(
        repos,
        ctx.services.sealer,
        ctx.accountId,
        input,
        quotas,
        ctx.now,
      );
      const png = await virtualMfaQrCode(repos, ctx.accountId, created.row.device_name, created.base32Seed);
      return { created, png };
    });
    return {
      VirtualMFADevice: {
        SerialNumber: created.row.serial_number,
        // AWS returns the Base32 text itself as the blob (base64-encoded on the wire).
        Base32StringSeed: Buffer.from(created.base32Seed, 'ascii'),
        QRCodePNG: png,
        Tags: input.Tags?.length ? sortedTags(input.Tags) : undefined,
      },
    };
  },
});
