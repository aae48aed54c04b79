// Composition: builds the services (store, sealer, authenticator, caches) from a Config, makes
// sure the default account exists, and serves HTTP until stopped.
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Services } from '../api/index.ts';
import {
  Authenticator,
  LastUsedBuffer,
  openSealer,
  rotateSessionKeys,
  SessionKeyRing,
} from '../authn/index.ts';
import { Authorizer, OrganizationPolicies, PolicyLoader } from '../authz/index.ts';
import { AccessActivityBuffer, AuditDelivery, AuditTrail } from '../audit/index.ts';
import { type Config, auditLogDirOf, quotasFor } from '../config/index.ts';
import {
  ensureAccount,
  type RootCredentials,
  seedAwsManagedPolicies,
  type Clock,
  systemClock,
} from '../domain/index.ts';
import { openStore, type KyselyStore } from '../store/index.ts';
import { handleHttp, type HttpDeps } from './http-handler.ts';
import { TrustedProxies } from './client-address.ts';
import { createLogger, type Logger } from './request-log.ts';
import { rateLimits } from './rate-limit.ts';
import { ReadinessProbe } from './readiness.ts';
import { Metrics } from './metrics.ts';
import { metricsEndpoint } from './metrics-endpoint.ts';
import { loadTls, serveHttp } from './tls.ts';
import type { DestinationStream } from 'pino';

export interface RunningServer {
  url: string;
  port: number;
  services: Services;
  store: KyselyStore;
  /** The server's authenticator, for in-process callers of the authorization library. */
  authenticator: Authenticator;
  /** Where newly generated root credentials were written, if they were generated now. */
  rootCredentialsFile: string | undefined;
  /** The root credentials when they were created by this start (never logged). */
  createdRootCredentials: RootCredentials | undefined;
  /** The JSON log (one line per request). */
  log: Logger;
  /** The Prometheus metrics (also served at the metrics path when it is set). */
  metrics: Metrics;
  /** Stops at once: open connections are closed, buffered data flushed, the store closed. */
  stop(): Promise<void>;
  /**
   * Stops gracefully (SIGTERM): the node answers not ready, goes on serving for `drainMs` (every
   * answer closing its connection) so that a load balancer's health check sees it, then accepts no
   * new connections, lets requests in flight finish for up to `timeoutMs`, closes what is left,
   * flushes buffered data and closes the store.
   */
  shutdown(timeoutMs: number, drainMs?: number): Promise<void>;
  /** The certificate file when the server speaks HTTPS (for `--ca-bundle` when self-signed). */
  tls: { certFile: string; selfSigned: boolean } | undefined;
  /** Reads the TLS certificate and key again (SIGHUP): new connections get them, open ones go on. */
  reloadTls(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  /** Where the JSON log goes (standard output by default); tests capture it. */
  logDestination?: DestinationStream;
}

export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const clock = opts.clock ?? systemClock;
  const log = createLogger(config.logLevel, opts.logDestination);
  // read and checked before anything is opened: a bad certificate or key stops the start here
  const tls = await loadTls(config);
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const sealer = await openSealer(store, config.masterKey, config.dataDir);
  const policies = new PolicyLoader(store, config.cacheEntries);
  const authorizer = new Authorizer(policies, new OrganizationPolicies(store));
  const sessionKeys = await SessionKeyRing.open(store, sealer, clock.now());
  const services: Services = {
    authorizer,
    sessionKeys,
    store,
    sealer,
    config,
    clock,
    log,
    async quotas(accountId) {
      const account = await store.read((r) => r.accounts.get(accountId));
      return quotasFor(config.quotas, account?.quotas);
    },
  };
  const bootstrap = () =>
    ensureAccount(
      store,
      sealer,
      config.accountId,
      clock.now(),
      config.rootAccessKeyId && config.rootSecretAccessKey
        ? { accessKeyId: config.rootAccessKeyId, secretAccessKey: config.rootSecretAccessKey }
        : undefined,
    );
  const created = await bootstrap();
  // AWS managed policies added in a newer release reach existing deployments too
  await seedAwsManagedPolicies(store, clock.now());
  const rootCredentialsFile =
    created && !config.rootAccessKeyId ? writeRootCredentials(config.dataDir, created) : undefined;

  const lastUsed = new LastUsedBuffer(store);
  lastUsed.start();
  services.lastUsed = lastUsed;
  const audit = config.audit
    ? new AuditTrail(store, { retentionDays: config.auditRetentionDays, now: () => clock.now(), log })
    : undefined;
  if (audit) {
    audit.start();
    services.audit = audit;
  }
  // the trail delivered as CloudTrail log files and signed digests, every minute, by one node at a time
  const auditDelivery = audit
    ? new AuditDelivery(store, sealer, {
        dir: auditLogDirOf(config),
        region: config.region,
        now: () => clock.now(),
        log,
      })
    : undefined;
  if (auditDelivery) {
    auditDelivery.start();
    services.auditDelivery = auditDelivery;
  }
  const activity = new AccessActivityBuffer(store, log);
  activity.start();
  services.accessActivity = activity;
  authorizer.onAttempt = (req) =>
    activity.record(req.principal, req.action, req.request.now, req.request.region);
  const authenticator = new Authenticator(
    store,
    sealer,
    lastUsed,
    { enabled: config.dev, defaultAccountId: config.accountId },
    sessionKeys,
    config.cacheEntries,
  );
  const readiness = new ReadinessProbe(store);
  const limits = rateLimits(config);
  const trustedProxies = new TrustedProxies(config.trustedProxies);
  const metrics = new Metrics({
    authorizer,
    authenticator,
    policies,
    store,
    buckets: [limits.perKey, limits.perAddress],
    ...(audit ? { audit } : {}),
  });
  const metricsRoute = config.metricsPath
    ? metricsEndpoint(config.metricsPath, {
        metrics,
        ...(config.metricsAuth ? { auth: { authenticator, authorizer, clock } } : {}),
      })
    : undefined;
  let inFlight = 0;
  let drained: (() => void) | undefined;
  let closing = false;
  // what every request is handled with, made once
  const httpDeps: HttpDeps = {
    services,
    authenticator,
    dev: config.dev,
    log,
    limits,
    trustedProxies,
    readiness: () => readiness.check(),
    ...(metricsRoute ? { metrics: metricsRoute } : {}),
    observe: (entry) => metrics.observe(entry),
    reset: async () => {
      await lastUsed.flush();
      await audit?.flush();
      await activity.flush();
      await store.truncateAll();
      await bootstrap();
      // the ring's keys went with the data: start a new one (old sessions die with their data)
      await rotateSessionKeys(store, sealer, clock.now());
      await sessionKeys.reload();
    },
  };
  const { server, reloadTls } = serveHttp(tls, (req, res) => {
    inFlight++;
    // while draining, every answer closes its connection, so keep-alive clients move to another node
    if (closing) res.setHeader('connection', 'close');
    res.once('close', () => {
      if (--inFlight === 0) drained?.();
    });
    void handleHttp(req, res, httpDeps);
  });
  server.keepAliveTimeout = 5000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `${tls ? 'https' : 'http'}://${host}:${port}`,
    tls: tls && { certFile: tls.certFile, selfSigned: tls.selfSigned },
    reloadTls,
    port,
    services,
    store,
    authenticator,
    rootCredentialsFile,
    createdRootCredentials: created,
    log,
    metrics,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await lastUsed.stop();
      await auditDelivery?.stop();
      await audit?.stop();
      await activity.stop();
      await store.close();
      log.flush();
    },
    async shutdown(timeoutMs, drainMs = 0) {
      readiness.drain();
      closing = true;
      if (drainMs > 0) {
        log.info({ drainMs }, 'draining: answering not ready before closing the listener');
        await new Promise((resolve) => setTimeout(resolve, drainMs));
      }
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, timeoutMs);
          drained = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      server.closeAllConnections();
      await closed;
      await lastUsed.stop();
      await auditDelivery?.stop();
      await audit?.stop();
      await activity.stop();
      await store.close();
      log.info({ inFlightAbandoned: inFlight }, 'stopped');
      log.flush();
    },
  };
}

/** Writes generated root credentials once, readable only by their owner; returns the path. */
function writeRootCredentials(dataDir: string, creds: RootCredentials): string {
  // on PostgreSQL nothing else may have made the data directory: the secret must not be lost for it
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, `root-credentials-${creds.accountId}.json`);
  if (!existsSync(file))
    writeFileSync(
      file,
      JSON.stringify(
        {
          AccountId: creds.accountId,
          AccessKeyId: creds.accessKeyId,
          SecretAccessKey: creds.secretAccessKey,
        },
        null,
        2,
      ) + '\n',
      { mode: 0o600, flag: 'wx' },
    );
  return file;
}
