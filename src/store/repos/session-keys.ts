// Session-token keys, sealed under the master key, oldest first.
import type { Selectable } from 'kysely';
import type { SessionKeysTable } from '../database.ts';
import type { Db, RecordChange } from './db.ts';

export type SessionKeyRow = Selectable<SessionKeysTable>;

export function sessionKeyRepo(db: Db, record: RecordChange) {
  return {
    list: (): Promise<SessionKeyRow[]> =>
      db.selectFrom('session_keys').selectAll().orderBy('created_at').orderBy('key_id').execute(),
    async insert(row: SessionKeyRow): Promise<void> {
      await db.insertInto('session_keys').values(row).execute();
      record({ accountId: '*', entity: 'session-key', id: row.key_id });
    },
    async delete(keyId: string): Promise<void> {
      await db.deleteFrom('session_keys').where('key_id', '=', keyId).execute();
      record({ accountId: '*', entity: 'session-key', id: keyId });
    },
  };
}
