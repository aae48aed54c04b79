// Multi-row INSERTs of many rows of one shape (the audit trail's batches): Kysely compiles the
// statement for a table, column list and row count once, and later batches of that shape run it with
// their values laid out as Kysely lays them out (row by row, in the first row's column order), so a
// batch costs no query-tree build and compile per row.
import { CompiledQuery, type Insertable } from 'kysely';
import type { Database } from '../database.ts';
import type { Db } from './db.ts';

/** A row to insert: every column present, none undefined (an undefined value would change the SQL). */
type Row<T extends keyof Database> = Insertable<Database[T]> & Record<string, unknown>;

/** Compiled SQL by the one-row statement (which names the dialect's form and the columns) and count. */
const statements = new Map<string, string>();
/** Shapes kept at most; each is one table, column list and row count (at most 200 rows a statement). */
const MAX_STATEMENTS = 2_000;

/** The statement that inserts `rows` (all with the first row's columns, in its order) into `table`. */
export function compileRows<T extends keyof Database>(
  db: Db,
  table: T,
  rows: readonly Row<T>[],
): CompiledQuery {
  const [first] = rows;
  if (first === undefined) throw new Error(`${table}: a bulk insert of no rows`);
  const columns = Object.keys(first);
  const shape = `${db.insertInto(table).values(first).compile().sql}\0${rows.length}`;
  let text = statements.get(shape);
  if (text === undefined) {
    text = db.insertInto(table).values(rows).compile().sql;
    if (statements.size >= MAX_STATEMENTS) statements.clear();
    statements.set(shape, text);
  }
  const parameters: unknown[] = new Array<unknown>(rows.length * columns.length);
  let i = 0;
  for (const row of rows) {
    if (Object.keys(row).length !== columns.length) throw new Error(`${table}: rows differ in their columns`);
    for (const column of columns) {
      const value = row[column];
      if (value === undefined) throw new Error(`${table}.${column}: undefined in a bulk insert`);
      parameters[i++] = value;
    }
  }
  return CompiledQuery.raw(text, parameters);
}

/** Inserts `rows` into `table` in one statement (no-op for none). */
export async function insertRows<T extends keyof Database>(
  db: Db,
  table: T,
  rows: readonly Row<T>[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.executeQuery(compileRows(db, table, rows));
}
