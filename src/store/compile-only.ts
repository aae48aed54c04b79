// A Kysely instance that compiles queries for SQLite or PostgreSQL and runs none (DummyDriver): the
// SQLite record writer records a batch's statements with it for its worker thread to run, and tests
// compare compiled SQL with it. Every query it is given answers with no rows.
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
} from 'kysely';
import type { Database } from './database.ts';

const DIALECTS = {
  sqlite: { adapter: SqliteAdapter, introspector: SqliteIntrospector, compiler: SqliteQueryCompiler },
  postgres: { adapter: PostgresAdapter, introspector: PostgresIntrospector, compiler: PostgresQueryCompiler },
} as const;

/** Compiles for `dialect`; `executed` sees each query as it would have run. */
export function compileOnly(
  dialect: keyof typeof DIALECTS,
  executed?: (query: CompiledQuery) => void,
): Kysely<Database> {
  const { adapter: Adapter, introspector: Introspector, compiler: Compiler } = DIALECTS[dialect];
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new Adapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new Introspector(db),
      createQueryCompiler: () => new Compiler(),
    },
    ...(executed
      ? {
          log: (event) => {
            if (event.level === 'query') executed(event.query);
          },
        }
      : {}),
  });
}
