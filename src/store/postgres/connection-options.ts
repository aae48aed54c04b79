// What Tessera reads from a PostgreSQL URL beyond what `pg` reads: `schema` (created if missing and
// the only entry of search_path), `pool_max` (the pool's size, 10 by default), `connect_timeout`
// (seconds to wait for a connection, libpq's name; 10 by default, 0 for no limit) and `start_timeout`
// (seconds a node or command waits at start for a database it cannot reach yet; 30 by default, 0 to
// fail at once). They are taken out of the URL; every other parameter (sslmode, sslrootcert …) goes
// to `pg` as it is.

export interface PostgresOptions {
  /** The URL without Tessera's own parameters. */
  connectionString: string;
  schema: string | null;
  poolMax: number;
  /** 0: wait as long as the operating system does. */
  connectTimeoutMs: number;
  /** How long opening the store keeps trying a database it cannot reach; 0: one try. */
  startTimeoutMs: number;
}

const DEFAULT_POOL_MAX = 10;
const DEFAULT_CONNECT_TIMEOUT_S = 10;
const DEFAULT_START_TIMEOUT_S = 30;

function wholeNumber(value: string | null, name: string, min: number, max: number, fallback: number): number {
  if (value === null) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max)
    throw new Error(`TESSERA_DATABASE_URL: ${name} must be a whole number from ${min} to ${max}`);
  return n;
}

/** Reads and removes Tessera's parameters; throws an Error naming one that is out of range. */
export function postgresOptionsOf(url: string): PostgresOptions {
  const parsed = new URL(url);
  const params = parsed.searchParams;
  const schema = params.get('schema');
  if (schema !== null && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const poolMax = wholeNumber(params.get('pool_max'), 'pool_max', 1, 1000, DEFAULT_POOL_MAX);
  const timeout = wholeNumber(
    params.get('connect_timeout'),
    'connect_timeout',
    0,
    3600,
    DEFAULT_CONNECT_TIMEOUT_S,
  );
  const start = wholeNumber(params.get('start_timeout'), 'start_timeout', 0, 3600, DEFAULT_START_TIMEOUT_S);
  for (const name of ['schema', 'pool_max', 'connect_timeout', 'start_timeout']) params.delete(name);
  return {
    connectionString: parsed.toString(),
    schema,
    poolMax,
    connectTimeoutMs: timeout * 1000,
    startTimeoutMs: start * 1000,
  };
}
