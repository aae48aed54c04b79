// Access keys: long-lived credentials of users and account roots, secrets sealed.
import type { Selectable } from 'kysely';
import type { AccessKeysTable } from '../database.ts';
import type { Db, RecordChange } from './db.ts';

export type AccessKeyRow = Selectable<AccessKeysTable>;

export interface AccessKeyUse {
  accessKeyId: string;
  at: string;
  service: string;
  region: string;
}

export function accessKeyRepo(db: Db, record: RecordChange) {
  return {
    get: (accessKeyId: string): Promise<AccessKeyRow | undefined> =>
      db.selectFrom('access_keys').selectAll().where('access_key_id', '=', accessKeyId).executeTakeFirst(),
    /** Keys of a user (or of the account root when `userId` is null), oldest first. */
    listFor: (accountId: string, userId: string | null): Promise<AccessKeyRow[]> =>
      db
        .selectFrom('access_keys')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('user_id', userId === null ? 'is' : '=', userId)
        .orderBy('created_at')
        .orderBy('access_key_id')
        .execute(),
    /** How many keys a user (or the account root when `userId` is null) has. */
    async countFor(accountId: string, userId: string | null): Promise<number> {
      const r = await db
        .selectFrom('access_keys')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('account_id', '=', accountId)
        .where('user_id', userId === null ? 'is' : '=', userId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async insert(row: AccessKeyRow): Promise<void> {
      await db.insertInto('access_keys').values(row).execute();
      record({ accountId: row.account_id, entity: 'access-key', id: row.access_key_id });
    },
    async setStatus(accountId: string, accessKeyId: string, status: AccessKeyRow['status']): Promise<void> {
      await db.updateTable('access_keys').set({ status }).where('access_key_id', '=', accessKeyId).execute();
      record({ accountId, entity: 'access-key', id: accessKeyId });
    },
    async delete(accountId: string, accessKeyId: string): Promise<void> {
      await db.deleteFrom('access_keys').where('access_key_id', '=', accessKeyId).execute();
      record({ accountId, entity: 'access-key', id: accessKeyId });
    },
    /** Applies buffered last-used records; not a change anyone's cache depends on. */
    async recordUses(uses: readonly AccessKeyUse[]): Promise<void> {
      for (const u of uses) {
        await db
          .updateTable('access_keys')
          .set({ last_used_at: u.at, last_used_service: u.service, last_used_region: u.region })
          .where('access_key_id', '=', u.accessKeyId)
          .execute();
      }
    },
  };
}
export type AccessKeyRepo = ReturnType<typeof accessKeyRepo>;
