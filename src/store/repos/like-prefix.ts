// Path-prefix filters of the List* calls: the path's opening characters compared as text, so that the
// match is case-sensitive and `_` and `%` are plain characters on both backends (SQLite's LIKE ignores
// case and knows no escape character without an ESCAPE clause).
import { sql, type RawBuilder } from 'kysely';

/** A condition: `column` starts with `prefix`. */
export function pathStartsWith(column: string, prefix: string): RawBuilder<boolean> {
  return sql<boolean>`substr(${sql.ref(column)}, 1, ${prefix.length}) = ${prefix}`;
}
