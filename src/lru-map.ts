// A map that keeps at most `limit` entries, dropping the least recently used: the bound on the caches
// that grow with the principals making requests (access keys, principals' policies), so a node's
// memory stays flat however many principals an account holds. `onEvict` is told of each entry dropped
// for room (not of deletes or clears).
export class LruMap<K, V> {
  private readonly entries = new Map<K, V>();
  /** Entries dropped for room since the map was made. */
  evictions = 0;

  constructor(
    readonly limit: number,
    private readonly onEvict?: (key: K) => void,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error('an LRU map holds at least one entry');
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** The value, now the most recently used; undefined when absent (the maps hold no undefined values). */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** The value, its recency left as it was. */
  peek(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value as K;
      this.entries.delete(oldest);
      this.evictions++;
      this.onEvict?.(oldest);
    }
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  keys(): IterableIterator<K> {
    return this.entries.keys();
  }
}
