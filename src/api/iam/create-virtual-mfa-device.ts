// CreateVirtualMFADevice: a new, unassigned virtual MFA device; its seed is returned once, as Base32
// text and as a QR code PNG of the otpauth URI, and kept only sealed.
import { defineAction } from '../action.ts';
import { otpauthUri, qrCodePng } from '../../authn/index.ts';
import { iamArn, createVirtualMfaDevice, otpauthLabel, sortedTags } from '../../domain/index.ts';

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
      const label = await otpauthLabel(repos, ctx.accountId, input.VirtualMFADeviceName);
      return { created, png: await qrCodePng(otpauthUri(label, created.base32Seed)) };
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
