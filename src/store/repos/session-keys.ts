// Session-token keys, sealed under the master key, oldest first.
import type { Selectable } from 'kysely';
import type { SessionKeysTable } from '../database.ts';
import type { Db, RecordChange } from './db.ts';

export type SessionKeyRow = Selectable<SessionKeysTable>;

/** Reading session-token keys. */
export interface SessionKeyReader {
  /** Every key, oldest first (ties by id). */
  list(): Promise<SessionKeyRow[]>;
}

/** Session-token keys, read and written; each write announces a `session-key` change to every account. */
export interface SessionKeyRepo extends SessionKeyReader {
  /** Stores a new key; an id already stored is a unique violation. */
  insert(row: SessionKeyRow): Promise<void>;
  /** Deletes a key; nothing happens for an id not stored. */
  delete(keyId: string): Promise<void>;
}

export function sessionKeyRepo(db: Db, record: RecordChange): SessionKeyRepo {
  return {
    list: () => db.selectFrom('session_keys').selectAll().orderBy('created_at').orderBy('key_id').execute(),
    async insert(row) {
      await db.insertInto('session_keys').values(row).execute();
      record({ accountId: '*', entity: 'session-key', id: row.key_id });
    },
    async delete(keyId) {
      await db.deleteFrom('session_keys').where('key_id', '=', keyId).execute();
      record({ accountId: '*', entity: 'session-key', id: keyId });
    },
  };
}
