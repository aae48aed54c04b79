// Configuration's public face: the options, their defaults, and loading them.
export { DEFAULT_CACHE_ENTRIES, OPTIONS } from './defaults.ts';
export type { Config, Quotas } from './defaults.ts';
export { auditLogDirOf, loadConfig, parseQuotaOverrides, quotasFor } from './load.ts';
