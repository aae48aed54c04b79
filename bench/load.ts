// The load generator: runs one request function from N concurrent workers for a fixed duration (or
// a fixed number of requests) and reports throughput and latency percentiles.

export interface LoadResult {
  requests: number;
  errors: number;
  /** The first error seen, for the report when something failed. */
  firstError: string | undefined;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
}

export interface LoadOptions {
  concurrency: number;
  /** Stop starting new requests after this long. */
  durationMs?: number;
  /** Or stop after this many requests (the request index is passed to `fn`). */
  count?: number;
}

/** Runs `fn` as described by `opts`; `fn(i)` gets a unique index per request. */
export async function runLoad(fn: (i: number) => Promise<unknown>, opts: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const start = performance.now();
  const deadline = opts.durationMs === undefined ? Infinity : start + opts.durationMs;
  const limit = opts.count ?? Infinity;
  const worker = async () => {
    while (next < limit && performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      try {
        await fn(i);
        latencies.push(performance.now() - t0);
      } catch (err) {
        errors++;
        firstError ??= err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    firstError,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p90Ms: percentile(latencies, 0.9),
    p99Ms: percentile(latencies, 0.99),
  };
}

/** Nearest-rank percentile of sorted values (NaN when there are none). */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}
