// The otpauth:// URI that authenticator apps read (Key Uri Format: otpauth://totp/ISSUER:ACCOUNT?
// secret=BASE32&issuer=ISSUER) and its QR code as a PNG image, rendered by the `qrcode` package.

import QRCode from 'qrcode';
import { otpauthLabel } from '../domain/index.ts';
import type { ReadRepos } from '../store/index.ts';

export const OTPAUTH_ISSUER = 'Tessera';

/** The URI a virtual MFA device's QR code carries: its label is DEVICE@ACCOUNT, as AWS's is. */
export function otpauthUri(label: string, base32Seed: string, issuer: string = OTPAUTH_ISSUER): string {
  const i = encodeURIComponent(issuer);
  return `otpauth://totp/${i}:${encodeURIComponent(label)}?secret=${base32Seed}&issuer=${i}`;
}

/** A PNG image of the QR code for `text` (error correction M, the standard four-module quiet zone). */
export function qrCodePng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 4 });
}

/**
 * A virtual MFA device's QR code, as CreateVirtualMFADevice returns it (and console sign-in shows it
 * to a principal enrolling its first device): the otpauth URI of its Base32 seed, labelled
 * DEVICE@ACCOUNT, the account named by its alias if it has one.
 */
export async function virtualMfaQrCode(
  repos: ReadRepos,
  accountId: string,
  deviceName: string,
  base32Seed: string,
): Promise<Buffer> {
  return qrCodePng(otpauthUri(await otpauthLabel(repos, accountId, deviceName), base32Seed));
}
