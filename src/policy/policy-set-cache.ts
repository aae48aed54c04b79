// Owns caching a principal's applicable policy set, keyed by the caller (e.g. the principal's ARN), with the
// things it depends on (its policies, groups, boundary …) so that one change drops exactly the sets it affects.
// Pure and in-memory: the store's change feed calls invalidate().
import type { PolicySet } from './authorize.ts';

interface Entry {
  readonly set: PolicySet;
  readonly dependsOn: readonly string[];
}

export class PolicySetCache {
  private readonly entries = new Map<string, Entry>();
  private readonly dependents = new Map<string, Set<string>>();

  /** @param maxEntries the least recently stored entries are dropped beyond this many. */
  constructor(private readonly maxEntries = 10_000) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): PolicySet | undefined {
    return this.entries.get(key)?.set;
  }

  /** Stores `set` for `key`, remembering what it depends on (policy ARNs, group ARNs, the principal itself …). */
  set(key: string, set: PolicySet, dependsOn: readonly string[]): void {
    this.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.delete(oldest.value);
    }
    this.entries.set(key, { set, dependsOn: [...dependsOn] });
    for (const d of dependsOn) {
      let keys = this.dependents.get(d);
      if (!keys) this.dependents.set(d, (keys = new Set()));
      keys.add(key);
    }
  }

  /** Drops every set that depends on `dependency`; returns how many were dropped. */
  invalidate(dependency: string): number {
    const keys = this.dependents.get(dependency);
    if (!keys) return 0;
    const victims = [...keys];
    for (const k of victims) this.delete(k);
    return victims.length;
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const d of entry.dependsOn) {
      const keys = this.dependents.get(d);
      keys?.delete(key);
      if (keys && keys.size === 0) this.dependents.delete(d);
    }
  }

  clear(): void {
    this.entries.clear();
    this.dependents.clear();
  }
}
