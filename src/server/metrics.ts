// Owns the Prometheus metrics of one server (prom-client, a registry per server so that several
// servers in one process keep theirs apart): requests by service, action and status with latency
// histograms, the engine's decisions by effect, cache sizes and hit counts, the change feed's lag,
// the store's pool, the audit trail's queue, and the process's own metrics.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Authenticator } from '../authn/index.ts';
import type { Authorizer, PolicyLoader } from '../authz/index.ts';
import { compiledPolicyCacheStats } from '../policy/index.ts';
import type { KyselyStore } from '../store/index.ts';
import type { TokenBuckets } from './rate-limit.ts';
import type { RequestEntry } from './request-log.ts';

/** Label sets whose metric children are kept at hand; the rest are looked up each time. */
const MAX_CACHED_LABEL_SETS = 10_000;

export interface MetricSources {
  authorizer: Authorizer;
  authenticator: Authenticator;
  policies: PolicyLoader;
  store: KyselyStore;
  buckets: readonly TokenBuckets[];
  /** The audit trail's queue, when the trail is on. */
  audit?: { readonly queuedEvents: number };
}

export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'service' | 'action' | 'status'>;
  private readonly latency: Histogram<'service' | 'action'>;
  /** The request metrics' children by service, action and status. */
  private readonly children = new Map<
    string,
    { requests: { inc(): void }; latency: { observe(value: number): void } }
  >();

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'tessera_requests_total',
      help: 'Requests answered, by service, action and HTTP status.',
      labelNames: ['service', 'action', 'status'],
      registers,
    });
    this.latency = new Histogram({
      name: 'tessera_request_duration_seconds',
      help: 'Time from the first byte of a request to the end of its answer.',
      labelNames: ['service', 'action'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    const decisions = new Counter({
      name: 'tessera_decisions_total',
      help: "The policy engine's decisions on requests, by effect (Allow, ExplicitDeny, ImplicitDeny).",
      labelNames: ['effect'],
      registers,
    });
    sources.authorizer.onDecision = (effect) => decisions.inc({ effect });

    const lag = new Histogram({
      name: 'tessera_change_feed_lag_seconds',
      help: 'Time from a change committed by another node or process to its delivery here.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    sources.store.feedLag = (seconds) => lag.observe(seconds);

    const cacheEntries = new Gauge({
      name: 'tessera_cache_entries',
      help: 'Entries in each in-memory cache.',
      labelNames: ['cache'],
      registers,
      collect() {
        this.set({ cache: 'access_keys' }, sources.authenticator.cachedKeys);
        this.set({ cache: 'sessions' }, sources.authenticator.cachedSessions);
        this.set({ cache: 'principal_policies' }, sources.policies.size);
        this.set({ cache: 'compiled_policies' }, compiledPolicyCacheStats().entries);
        this.set(
          { cache: 'rate_limit_buckets' },
          sources.buckets.reduce((n, b) => n + b.size, 0),
        );
      },
    });
    void cacheEntries;
    const lookups = (name: string, help: string, read: () => { hits: number; misses: number }) =>
      new Counter({
        name,
        help,
        labelNames: ['result'],
        registers,
        collect() {
          const { hits, misses } = read();
          this.reset();
          this.inc({ result: 'hit' }, hits);
          this.inc({ result: 'miss' }, misses);
        },
      });
    lookups(
      'tessera_access_key_cache_lookups_total',
      'Access-key lookups, served by the cache or the store.',
      () => sources.authenticator.keyStats,
    );
    lookups(
      'tessera_session_cache_lookups_total',
      "Session tokens' claims, served by the cache or opened anew.",
      () => sources.authenticator.sessionStats,
    );
    lookups(
      'tessera_principal_policy_cache_lookups_total',
      "Principals' policy lookups, served by the cache or the store.",
      () => sources.policies.stats,
    );
    lookups(
      'tessera_compiled_policy_cache_lookups_total',
      'Policy compilations, served by the cache or compiled anew (process-wide).',
      compiledPolicyCacheStats,
    );

    new Gauge({
      name: 'tessera_store_pool_connections',
      help: "The store's connection pool (PostgreSQL): connections open, idle, and callers waiting.",
      labelNames: ['state'],
      registers,
      collect() {
        const pool = sources.store.poolStats();
        if (!pool) return;
        this.set({ state: 'total' }, pool.total);
        this.set({ state: 'idle' }, pool.idle);
        this.set({ state: 'waiting' }, pool.waiting);
      },
    });
    const audit = sources.audit;
    if (audit)
      new Gauge({
        name: 'tessera_audit_queued_events',
        help: "Audit events waiting for the trail's next batch (reads, denials and failures; held in memory until written).",
        registers,
        collect() {
          this.set(audit.queuedEvents);
        },
      });
    collectDefaultMetrics({ register: this.registry, prefix: 'tessera_' });
  }

  /** Counts one answered request (the HTTP handler's observer). */
  observe(entry: RequestEntry): void {
    const service = entry.service ?? 'none';
    const action = entry.action ?? 'none';
    const key = `${service}\0${action}\0${entry.status}`;
    let children = this.children.get(key);
    if (!children) {
      // prom-client checks the labels each time they are given; a child of the label set is checked once
      const labels = { service, action };
      children = {
        requests: this.requests.labels({ ...labels, status: String(entry.status) }),
        latency: this.latency.labels(labels),
      };
      if (this.children.size < MAX_CACHED_LABEL_SETS) this.children.set(key, children);
    }
    children.requests.inc();
    children.latency.observe(entry.latencyMs / 1000);
  }
}
