// The store layer's public face: open a Store from configuration.
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { openPostgresStore } from './postgres/connect.ts';
import { openSqliteStore } from './sqlite/connect.ts';
import type { KyselyStore } from './kysely-store.ts';

export type { Store, Change, StoreDialect } from './store.ts';
export type { Repos } from './repos/index.ts';
export type { KyselyStore } from './kysely-store.ts';
export { isUniqueViolation, onUniqueViolation } from './unique-violation.ts';

/** A `postgres://` URL selects PostgreSQL; otherwise SQLite in `dataDir/tessera.db`. */
export async function openStore(opts: { databaseUrl?: string; dataDir: string }): Promise<KyselyStore> {
  if (opts.databaseUrl && /^postgres(ql)?:\/\//.test(opts.databaseUrl))
    return openPostgresStore(opts.databaseUrl);
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  return openSqliteStore(path.join(opts.dataDir, 'tessera.db'));
}
