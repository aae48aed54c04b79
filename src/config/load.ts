// Builds a Config from defaults, environment variables and command-line flags (flags win).
import path from 'node:path';
import { AwsError } from '../errors.ts';
import { parseIpRange } from '../policy/index.ts';
import { type Config, CONSOLE_REQUIRE_MFA, DEFAULT_QUOTAS, OPTIONS, type Quotas } from './defaults.ts';

export function loadConfig(flags: Partial<Record<string, string | boolean>> = {}, env = process.env): Config {
  const raw: Record<string, string> = {};
  for (const o of OPTIONS) {
    const flagName = o.flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const fromFlag = flags[flagName];
    raw[o.key] = fromFlag !== undefined ? String(fromFlag) : (env[o.env] ?? o.default);
  }
  const port = Number(raw.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port ${raw.port}`);
  if (!/^\d{12}$/.test(raw.accountId ?? '')) throw new Error(`TESSERA_ACCOUNT_ID must be 12 digits`);
  return {
    host: raw.host!,
    port,
    dataDir: raw.dataDir!,
    databaseUrl: raw.databaseUrl || undefined,
    accountId: raw.accountId!,
    rootAccessKeyId: raw.rootAccessKeyId || undefined,
    rootSecretAccessKey: raw.rootSecretAccessKey || undefined,
    masterKey: raw.masterKey || undefined,
    dev: isTrue(raw.dev),
    region: raw.region!,
    quotas: { ...DEFAULT_QUOTAS, ...parseQuotaOverrides(raw.quotas ?? '', 'TESSERA_QUOTAS') },
    tlsCert: raw.tlsCert || undefined,
    tlsKey: raw.tlsKey || undefined,
    tlsSelfSigned: isTrue(raw.tlsSelfSigned),
    logLevel: oneOf(raw.logLevel!, LOG_LEVELS, 'TESSERA_LOG_LEVEL'),
    metricsPath: metricsPath(raw.metricsPath ?? ''),
    metricsAuth: isTrue(raw.metricsAuth),
    rateLimitPerKey: number(raw.rateLimitPerKey, 'TESSERA_RATE_LIMIT_PER_KEY', 0),
    rateLimitPerAddress: number(raw.rateLimitPerAddress, 'TESSERA_RATE_LIMIT_PER_ADDRESS', 0),
    lockoutThreshold: number(raw.lockoutThreshold, 'TESSERA_LOCKOUT_THRESHOLD', 1),
    lockoutSeconds: number(raw.lockoutSeconds, 'TESSERA_LOCKOUT_SECONDS', 0),
    consoleSessionSeconds: between(raw.consoleSessionSeconds, 'TESSERA_CONSOLE_SESSION_SECONDS', 900, 43_200),
    cacheEntries: number(raw.cacheEntries, 'TESSERA_CACHE_ENTRIES', 1),
    consoleRequireMfa: oneOf(raw.consoleRequireMfa!, CONSOLE_REQUIRE_MFA, 'TESSERA_CONSOLE_REQUIRE_MFA'),
    shutdownTimeoutSeconds: number(raw.shutdownTimeoutSeconds, 'TESSERA_SHUTDOWN_TIMEOUT_SECONDS', 0),
    shutdownDrainSeconds: number(raw.shutdownDrainSeconds, 'TESSERA_SHUTDOWN_DRAIN_SECONDS', 0),
    trustedProxies: addressRanges(raw.trustedProxies ?? '', 'TESSERA_TRUSTED_PROXIES'),
    audit: raw.audit !== 'false' && raw.audit !== '0',
    auditRetentionDays: number(raw.auditRetentionDays, 'TESSERA_AUDIT_RETENTION_DAYS', 1),
    auditLogDir: raw.auditLogDir || undefined,
  };
}

/** Where the audit trail's log and digest files go: the configured directory or `<dataDir>/audit-logs`. */
export function auditLogDirOf(config: Pick<Config, 'auditLogDir' | 'dataDir'>): string {
  return config.auditLogDir ?? path.join(config.dataDir, 'audit-logs');
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function isTrue(v: string | undefined): boolean {
  return v === 'true' || v === '1';
}

function oneOf<T extends string>(v: string, allowed: readonly T[], where: string): T {
  if (!(allowed as readonly string[]).includes(v))
    throw new Error(`${where} must be one of ${allowed.join(', ')}`);
  return v as T;
}

function number(v: string | undefined, where: string, min: number): number {
  const n = Number(v);
  if (v === undefined || v.trim() === '' || !Number.isFinite(n) || n < min)
    throw new Error(`${where} must be a number of at least ${min}`);
  return n;
}

/** A comma-separated list of IP addresses and CIDR ranges (IPv4 or IPv6). */
function addressRanges(v: string, where: string): string[] {
  const entries = v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  // read as the IpAddress condition operators read addresses and ranges
  for (const entry of entries)
    if (parseIpRange(entry) === undefined)
      throw new Error(`${where}: "${entry}" is not an IP address or a CIDR range`);
  return entries;
}

function between(v: string | undefined, where: string, min: number, max: number): number {
  const n = number(v, where, min);
  if (n > max || !Number.isInteger(n))
    throw new Error(`${where} must be a whole number from ${min} to ${max}`);
  return n;
}

function metricsPath(v: string): string {
  if (v !== '' && (!v.startsWith('/') || /\s/.test(v)))
    throw new Error('TESSERA_METRICS_PATH must be empty or a path starting with /');
  return v;
}

/**
 * Reads a JSON object of quota overrides (`{"usersPerAccount":10000}`): only known quota names,
 * each a positive integer; anything else is refused with a message naming it.
 */
export function parseQuotaOverrides(text: string, where: string): Partial<Quotas> {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${where}: not JSON`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`${where}: not a JSON object`);
  const out: Partial<Quotas> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (!(name in DEFAULT_QUOTAS))
      throw new Error(`${where}: unknown quota ${name} (known: ${Object.keys(DEFAULT_QUOTAS).join(', ')})`);
    if (!Number.isInteger(value) || (value as number) < 1)
      throw new Error(`${where}: ${name} must be a positive integer`);
    out[name as keyof Quotas] = value as number;
  }
  return out;
}

/** Quotas for an account: the server's, overridden by the account's own where it has any. */
export function quotasFor(base: Quotas, overrides: string | null | undefined): Quotas {
  if (!overrides) return base;
  try {
    return { ...base, ...(JSON.parse(overrides) as Partial<Quotas>) };
  } catch {
    throw new AwsError('ServiceFailure', 'corrupt account quotas');
  }
}
