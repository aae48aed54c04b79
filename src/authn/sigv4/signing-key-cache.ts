// Derived SigV4 signing keys, kept per secret and credential scope in a bounded map (with their HMAC
// pads made), so a known caller costs one HMAC per request instead of five. A hit reorders nothing
// (the hot path stays a lookup and a string comparison); when full, the secret cached first is dropped.
import { HmacKey } from './hmac-key.ts';
import { hmacSha256 } from './node-sha256.ts';

/** The scopes one secret signed with lately (a client usually signs for one or two services). */
interface ScopedKeys {
  scopes: string[];
  keys: HmacKey[];
}

const SCOPES_PER_SECRET = 4;

export class SigningKeyCache {
  private readonly bySecret = new Map<string, ScopedKeys>();

  constructor(private readonly maxSecrets = 4096) {}

  /** The key for `scope`'s date, region and service; its credentialScope string is the cache key. */
  get(
    secretAccessKey: string,
    scope: { credentialScope: string; scopeDate: string; region: string; service: string },
  ): HmacKey {
    // the terminator is aws4_request by now (checkCredentialScope), so the scope string names the key
    const { credentialScope, scopeDate, region, service } = scope;
    let entry = this.bySecret.get(secretAccessKey);
    if (entry !== undefined) {
      const i = entry.scopes.indexOf(credentialScope);
      if (i >= 0) return entry.keys[i]!;
    } else {
      if (this.bySecret.size >= this.maxSecrets) {
        const oldest = this.bySecret.keys().next();
        if (oldest.done !== true) this.bySecret.delete(oldest.value);
      }
      entry = { scopes: [], keys: [] };
      this.bySecret.set(secretAccessKey, entry);
    }
    const key = new HmacKey(deriveSigningKey(secretAccessKey, scopeDate, region, service));
    if (entry.scopes.length >= SCOPES_PER_SECRET) {
      entry.scopes.shift();
      entry.keys.shift();
    }
    entry.scopes.push(credentialScope);
    entry.keys.push(key);
    return key;
  }

  /** How many secrets have keys cached. */
  get size(): number {
    return this.bySecret.size;
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
