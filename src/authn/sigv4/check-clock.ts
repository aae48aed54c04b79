// Whether a signature is current: header signatures within the allowed skew of `now` either way,
// presigned URLs from X-Amz-Date until X-Amz-Expires (or the skew when absent) has run out.
import { SigV4Error, messages } from './errors.ts';
import { toAmzDate } from './request-date.ts';

export const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;

function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} sec`;
}

/** Throws SignatureDoesNotMatch with AWS's "Signature expired" / "Signature not yet current" text. */
export function checkClock(signedAt: Date, now: Date, maxSkewMs: number, expiresSeconds?: number): void {
  const signed = signedAt.getTime();
  const current = now.getTime();
  const lifetimeMs = expiresSeconds === undefined ? maxSkewMs : expiresSeconds * 1000;
  if (signed < current - lifetimeMs) {
    throw new SigV4Error(
      'SignatureDoesNotMatch',
      messages.signatureExpired(
        toAmzDate(signedAt),
        toAmzDate(new Date(current - lifetimeMs)),
        toAmzDate(now),
        duration(lifetimeMs),
      ),
    );
  }
  if (signed > current + maxSkewMs) {
    throw new SigV4Error(
      'SignatureDoesNotMatch',
      messages.signatureNotYetCurrent(
        toAmzDate(signedAt),
        toAmzDate(new Date(current + maxSkewMs)),
        toAmzDate(now),
        duration(maxSkewMs),
      ),
    );
  }
}
