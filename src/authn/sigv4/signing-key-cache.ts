// Derived SigV4 signing keys, kept per (secret, date, region, service) in a bounded
// least-recently-used map, so a known caller costs one HMAC per request instead of five.
import { hmacSha256 } from './node-sha256.ts';

export class SigningKeyCache {
  private readonly keys = new Map<string, Buffer>();

  constructor(private readonly maxEntries = 4096) {}

  get(secretAccessKey: string, scopeDate: string, region: string, service: string): Buffer {
    const id = `${scopeDate}\n${region}\n${service}\n${secretAccessKey}`;
    const cached = this.keys.get(id);
    if (cached !== undefined) {
      this.keys.delete(id);
      this.keys.set(id, cached);
      return cached;
    }
    const key = deriveSigningKey(secretAccessKey, scopeDate, region, service);
    this.keys.set(id, key);
    if (this.keys.size > this.maxEntries) {
      const oldest = this.keys.keys().next();
      if (oldest.done !== true) this.keys.delete(oldest.value);
    }
    return key;
  }

  get size(): number {
    return this.keys.size;
  }
}

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request") */
export function deriveSigningKey(
  secretAccessKey: string,
  scopeDate: string,
  region: string,
  service: string,
) {
  const kDate = hmacSha256(`AWS4${secretAccessKey}`, scopeDate);
  const kRegion = hmacSha256(kDate, region);
  const kService = hmacSha256(kRegion, service);
  return hmacSha256(kService, 'aws4_request');
}
