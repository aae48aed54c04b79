// One read per item of a list (GetRole for each role, GetAccessKeyLastUsed for each key), a few at
// a time so that a long list does not open hundreds of requests at once.

const AT_ONCE = 8;

export async function mapInBatches<T, R>(items: readonly T[], read: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += AT_ONCE) {
    results.push(...(await Promise.all(items.slice(start, start + AT_ONCE).map(read))));
  }
  return results;
}
