// Access keys: long-lived credentials of users and account roots, secrets sealed.
import type { Selectable } from 'kysely';
import type { AccessKeysTable } from '../database.ts';
import type { Db, RecordChange } from './db.ts';

export type AccessKeyRow = Selectable<AccessKeysTable>;

/** One authenticated use of an access key, for GetAccessKeyLastUsed. */
export interface AccessKeyUse {
  accessKeyId: string;
  at: string;
  service: string;
  region: string;
}

/** Reading access keys. */
export interface AccessKeyReader {
  /** The key with this id (in any account), or undefined. */
  get(accessKeyId: string): Promise<AccessKeyRow | undefined>;
  /** The keys of a user (or of the account root when `userId` is null), oldest first. */
  listFor(accountId: string, userId: string | null): Promise<AccessKeyRow[]>;
  /** How many keys a user (or the account root when `userId` is null) has. */
  countFor(accountId: string, userId: string | null): Promise<number>;
}

/** Access keys, read and written; each write but `recordUses` announces an `access-key` change. */
export interface AccessKeyRepo extends AccessKeyReader {
  /** Stores a new key; an id already stored is a unique violation. */
  insert(row: AccessKeyRow): Promise<void>;
  /** Sets a key's status (Active or Inactive). */
  setStatus(accountId: string, accessKeyId: string, status: AccessKeyRow['status']): Promise<void>;
  /** Deletes a key; nothing happens for an id not stored. */
  delete(accountId: string, accessKeyId: string): Promise<void>;
  /**
   * Applies buffered last-used records; a key deleted meanwhile is skipped. Not a change anyone's
   * cache depends on, so nothing is announced.
   */
  recordUses(uses: readonly AccessKeyUse[]): Promise<void>;
}

export function accessKeyRepo(db: Db, record: RecordChange): AccessKeyRepo {
  return {
    get: (accessKeyId) =>
      db.selectFrom('access_keys').selectAll().where('access_key_id', '=', accessKeyId).executeTakeFirst(),
    listFor: (accountId, userId) =>
      db
        .selectFrom('access_keys')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('user_id', userId === null ? 'is' : '=', userId)
        .orderBy('created_at')
        .orderBy('access_key_id')
        .execute(),
    async countFor(accountId, userId) {
      const r = await db
        .selectFrom('access_keys')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('account_id', '=', accountId)
        .where('user_id', userId === null ? 'is' : '=', userId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async insert(row) {
      await db.insertInto('access_keys').values(row).execute();
      record({ accountId: row.account_id, entity: 'access-key', id: row.access_key_id });
    },
    async setStatus(accountId, accessKeyId, status) {
      await db.updateTable('access_keys').set({ status }).where('access_key_id', '=', accessKeyId).execute();
      record({ accountId, entity: 'access-key', id: accessKeyId });
    },
    async delete(accountId, accessKeyId) {
      await db.deleteFrom('access_keys').where('access_key_id', '=', accessKeyId).execute();
      record({ accountId, entity: 'access-key', id: accessKeyId });
    },
    async recordUses(uses) {
      // in key order, so that two nodes' batches lock rows in the same order and cannot deadlock
      const byKey = [...uses].sort((a, b) => (a.accessKeyId < b.accessKeyId ? -1 : 1));
      for (const u of byKey) {
        await db
          .updateTable('access_keys')
          .set({ last_used_at: u.at, last_used_service: u.service, last_used_region: u.region })
          .where('access_key_id', '=', u.accessKeyId)
          .execute();
      }
    },
  };
}
