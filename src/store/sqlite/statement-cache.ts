// better-sqlite3 behind Kysely with its prepared statements kept: Kysely asks the database to prepare
// every query it runs, and preparing costs more than running the small queries of the request path
// (a role by name, a batch of audit events). Statements are kept by their SQL text, the least
// recently used dropped past a bound; a statement is reusable once its last run has returned.
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase } from 'kysely';

const MAX_STATEMENTS = 1000;

export function withStatementCache(sqlite: SqliteDatabase): KyselySqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement) {
        // most recently used last
        statements.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}
