// What every repository is built from: a Kysely handle (inside a transaction for writes) and the
// function that records a change for the change feed.
import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import type { Change } from '../store.ts';

export type Db = Kysely<Database>;
export type RecordChange = (change: Change) => void;

/** Keyset pagination request: rows whose sort key is after `after`, at most `limit`. */
export interface KeysetPage {
  after?: string;
  limit: number;
}
