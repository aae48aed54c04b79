// A PostgreSQL that cannot be reached (stopped, restarting, the network down) is AWS's 503
// ServiceUnavailable, a temporary failure the client may retry, not a 500 ServiceFailure: the pool
// handed to Kysely turns a failed connect, or a query cut off by a lost connection, into that error.
// Errors of the SQL itself pass through unchanged.
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { AwsError } from '../../errors.ts';

/**
 * SQLSTATE classes and codes of a connection that is gone or refused: class 08 (connection
 * exception), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up,
 * shutting down), 53300 too_many_connections.
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** Socket errors of a server that is not there (or went away mid-query). */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
/** What `pg` itself says when a connection ends under a query or cannot be used (no code). */
const PG_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'timeout exceeded when trying to connect',
];

/** Whether `err` says the database could not be reached, rather than that a statement failed. */
export function isConnectionFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (
    typeof code === 'string' &&
    (code.startsWith('08') || UNAVAILABLE_STATES.has(code) || SOCKET_CODES.has(code))
  )
    return true;
  return PG_MESSAGES.some((m) => err.message.startsWith(m));
}

/**
 * AWS's common error for a temporary failure of the server, with its documented text
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html); the database's own error
 * is the cause, for the operator's log only.
 */
export function databaseUnavailable(cause: unknown): AwsError {
  return new AwsError(
    'ServiceUnavailable',
    'The request has failed due to a temporary failure of the server.',
    {
      cause,
    },
  );
}

/** Whether `err` is a connection failure, as `pg` raised it or as translated into ServiceUnavailable. */
export function isUnavailable(err: unknown): boolean {
  if (err instanceof AwsError && err.code === 'ServiceUnavailable') return true;
  return isConnectionFailure(err);
}

function translated(err: unknown): unknown {
  return isConnectionFailure(err) ? databaseUnavailable(err) : err;
}

/** `pool` for Kysely's PostgresDialect, its connection failures answered as ServiceUnavailable. */
export function unavailableWhenDown(pool: pg.Pool): PostgresPool {
  // one wrapper per pooled client: Kysely keeps its connection objects by client
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect().catch((err: unknown) => {
        throw translated(err);
      });
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = {
          query: ((...args: Parameters<pg.PoolClient['query']>) => {
            const result = client.query(...args) as unknown;
            // a cursor (streaming) is returned as it is; a query's promise has its failure translated
            return result instanceof Promise
              ? result.catch((err: unknown) => {
                  throw translated(err);
                })
              : result;
          }) as PostgresPoolClient['query'],
          release: (destroy?: boolean) => client.release(destroy),
        };
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}
