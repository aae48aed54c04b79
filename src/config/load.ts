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
    quotas: { ...DEFAULT_QUOTAS },
  };
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
