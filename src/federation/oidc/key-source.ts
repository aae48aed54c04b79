// Where an OIDC issuer's signing keys come from: a JWKS given in configuration (offline use), or the
// issuer's discovery document (/.well-known/openid-configuration) and the JWKS it names, fetched and
// cached with jose's remote key set — which refetches on an unknown `kid` (key rotation) no more
// often than the cooldown floor. Issuer and key URLs must be https, except loopback hosts in dev mode.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { AwsError } from '../../errors.ts';

/** The file in the data directory that maps issuer URLs to JWKS documents (see README). */
export const CONFIGURED_JWKS_FILE = 'oidc-jwks.json';

export interface KeySourceOptions {
  /** Dev mode: plain-http issuers and key URLs on loopback hosts are accepted. */
  dev: boolean;
  /** Issuer URL → JWKS, used instead of fetching (offline use). */
  configured?: Readonly<Record<string, JSONWebKeySet>>;
  /** The least time between two fetches of a key set (a flood of unknown `kid`s fetches once). */
  cooldownMs?: number;
  /** How long fetched keys and discovery documents are trusted before they are fetched again. */
  maxAgeMs?: number;
  /** How long a fetch may take. */
  timeoutMs?: number;
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

export const IDP_UNREACHABLE =
  "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements";

/** True when `url` may be fetched: https, or http on a loopback host in dev mode. */
export function fetchableUrl(url: URL, dev: boolean): boolean {
  return url.protocol === 'https:' || (dev && url.protocol === 'http:' && LOOPBACK.has(url.hostname));
}

interface CachedIssuer {
  keys: JWTVerifyGetKey;
  fetchedAt: number;
}

export class OidcKeySource {
  private readonly issuers = new Map<string, CachedIssuer>();
  private readonly cooldownMs: number;
  private readonly maxAgeMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: KeySourceOptions) {
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.maxAgeMs = options.maxAgeMs ?? 3_600_000;
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  /** The key set that verifies tokens of `issuer`; IDPCommunicationError when it cannot be had. */
  async keysFor(issuer: string): Promise<JWTVerifyGetKey> {
    const configured = this.options.configured?.[issuer];
    if (configured) return createLocalJWKSet(configured);
    const cached = this.issuers.get(issuer);
    if (cached && Date.now() - cached.fetchedAt < this.maxAgeMs) return cached.keys;
    const jwksUri = await this.discoverJwksUri(issuer);
    const keys = createRemoteJWKSet(jwksUri, {
      cooldownDuration: this.cooldownMs,
      cacheMaxAge: this.maxAgeMs,
      timeoutDuration: this.timeoutMs,
    });
    this.issuers.set(issuer, { keys, fetchedAt: Date.now() });
    return keys;
  }

  private async discoverJwksUri(issuer: string): Promise<URL> {
    const base = new URL(issuer);
    if (!fetchableUrl(base, this.options.dev)) throw unreachable();
    const url = new URL(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
    let doc: { issuer?: unknown; jwks_uri?: unknown };
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs), redirect: 'error' });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      doc = (await res.json()) as typeof doc;
    } catch (err) {
      throw unreachable(err);
    }
    // the discovery document must be the issuer's own, and name an https key set
    if (doc.issuer !== issuer || typeof doc.jwks_uri !== 'string') throw unreachable();
    let jwksUri: URL;
    try {
      jwksUri = new URL(doc.jwks_uri);
    } catch (err) {
      throw unreachable(err);
    }
    if (!fetchableUrl(jwksUri, this.options.dev)) throw unreachable();
    return jwksUri;
  }
}

function unreachable(cause?: unknown): AwsError {
  return new AwsError('IDPCommunicationError', IDP_UNREACHABLE, { cause });
}

/** Reads the configured JWKS file of a data directory; none when the file is absent. */
export function readConfiguredJwks(dataDir: string): Record<string, JSONWebKeySet> | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(dataDir, CONFIGURED_JWKS_FILE), 'utf8');
  } catch {
    return undefined;
  }
  const parsed = JSON.parse(text) as unknown;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`${CONFIGURED_JWKS_FILE}: expected an object of issuer URL → JWKS`);
  const out: Record<string, JSONWebKeySet> = {};
  for (const [issuer, jwks] of Object.entries(parsed as Record<string, unknown>)) {
    const keys = (jwks as { keys?: unknown } | null)?.keys;
    if (!Array.isArray(keys)) throw new Error(`${CONFIGURED_JWKS_FILE}: ${issuer} has no "keys" array`);
    out[issuer] = jwks as JSONWebKeySet;
  }
  return out;
}

const sources = new WeakMap<object, OidcKeySource>();

/** The key source of a running server (one per services object), configured from its data directory. */
export function keySourceFor(services: { config: { dev: boolean; dataDir: string } }): OidcKeySource {
  let source = sources.get(services);
  if (!source) {
    const configured = readConfiguredJwks(services.config.dataDir);
    source = new OidcKeySource({ dev: services.config.dev, ...(configured ? { configured } : {}) });
    sources.set(services, source);
  }
  return source;
}

/** Installs the key source a running server uses (tests, embedders with their own fetch policy). */
export function useKeySource(services: object, source: OidcKeySource): void {
  sources.set(services, source);
}
