// Waiting for something that another node, a feed or a timer makes true: the probe is asked again
// every 20 ms until it answers true, or the wait fails after its limit.

/** Polls `probe` until it returns true; how long that took, or a failure after `limitMs`. */
export async function within(limitMs: number, probe: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (!(await probe())) {
    if (Date.now() - start > limitMs) throw new Error(`not within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - start;
}
