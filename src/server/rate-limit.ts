// Owns request rate limits: one token bucket per key (an access key id, or a source address), refilled
// at `rate` tokens a second up to a burst of twice the rate. A request past its bucket is answered
// with AWS's Throttling error, which SDKs and the CLI retry with backoff. Buckets live in memory per
// node; the table is bounded, dropping the least recently used keys first.
import { AwsError } from '../errors.ts';

interface Bucket {
  tokens: number;
  /** Milliseconds (monotonic) of the last refill. */
  at: number;
}

const MAX_KEYS = 100_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly burst: number;

  /** `rate` requests per second per key; 0 lets everything through. */
  constructor(
    private readonly rate: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.burst = Math.max(1, rate * 2);
  }

  get enabled(): boolean {
    return this.rate > 0;
  }

  /** Takes one token for `key`; false when its bucket is empty. */
  take(key: string): boolean {
    if (this.rate <= 0) return true;
    const now = this.clock();
    let b = this.buckets.get(key);
    if (b) {
      this.buckets.delete(key); // re-inserted below: the Map's order is the least-recently-used order
      b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.rate);
      b.at = now;
    } else {
      b = { tokens: this.burst, at: now };
      if (this.buckets.size >= MAX_KEYS) this.buckets.delete(this.buckets.keys().next().value as string);
    }
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Keys with a bucket now (for metrics). */
  get size(): number {
    return this.buckets.size;
  }
}

/** AWS's answer to a throttled Query request. */
export function throttled(): AwsError {
  return new AwsError('Throttling', 'Rate exceeded', { status: 400 });
}

/** The limits of one server: per access key (after authentication) and per source address. */
export interface RateLimits {
  perKey: TokenBuckets;
  perAddress: TokenBuckets;
}

export function rateLimits(config: { rateLimitPerKey: number; rateLimitPerAddress: number }): RateLimits {
  return {
    perKey: new TokenBuckets(config.rateLimitPerKey),
    perAddress: new TokenBuckets(config.rateLimitPerAddress),
  };
}
