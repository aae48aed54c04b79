// Reading a QR code back, as an authenticator app does: the text of a PNG image (CreateVirtualMFADevice's
// QRCodePNG, the console's enrolment QR code), decoded by jsQR.
import jsqr from 'jsqr';
import { PNG } from 'pngjs';

// jsqr is CommonJS with an ES-style default export: under NodeNext the function is its `default`.
const jsQR = (jsqr as unknown as { default: typeof jsqr.default }).default;

/** The text a QR code PNG carries, or undefined when none is found in it. */
export function qrCodeText(png: Uint8Array): string | undefined {
  const image = PNG.sync.read(Buffer.from(png));
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}
