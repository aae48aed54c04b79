// Builds a Config from defaults, environment variables and command-line flags (flags win).
import { AwsError } from '../protocol/aws-error.ts';
import { type Config, DEFAULT_QUOTAS, OPTIONS, type Quotas } from './defaults.ts';

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
    dev: raw.dev === 'true' || raw.dev === '1',
    region: raw.region!,
    quotas: { ...DEFAULT_QUOTAS, ...parseQuotaOverrides(raw.quotas ?? '', 'TESSERA_QUOTAS') },
  };
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
