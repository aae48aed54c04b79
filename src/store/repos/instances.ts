// Named instances carrying an instance profile: looked up by id or by case-insensitive name within
// an account, listed by name. Changes are announced as instance-profile changes (the instance is a
// use of its profile), which is what caches of instance credentials listen for.
import type { Selectable } from 'kysely';
import type { InstanceProfilesTable, InstancesTable } from '../database.ts';
import type { Db, RecordChange } from './db.ts';

export type InstanceRow = Selectable<InstancesTable>;
type ProfileRow = Selectable<InstanceProfilesTable>;

/** Reading instances. */
export interface InstanceReader {
  /** The instance with this id (in any account), or undefined. */
  byId(instanceId: string): Promise<InstanceRow | undefined>;
  /** The account's instance whose name matches `name` regardless of case, or undefined. */
  byName(accountId: string, name: string): Promise<InstanceRow | undefined>;
  /** The instance profile an instance carries, by its id (undefined once the profile is deleted). */
  profile(instanceProfileId: string): Promise<ProfileRow | undefined>;
  /** Every instance of the account, ordered by name key. */
  list(accountId: string): Promise<InstanceRow[]>;
}

/** Instances, read and written; each write announces an `instance-profile` change for its profile. */
export interface InstanceRepo extends InstanceReader {
  /** Stores a new instance; a name (any case) the account already uses is a unique violation. */
  insert(row: InstanceRow): Promise<void>;
  /** Deletes the instance; nothing happens for one not stored. */
  delete(row: InstanceRow): Promise<void>;
}

export function instanceRepo(db: Db, record: RecordChange): InstanceRepo {
  const changed = (row: InstanceRow) =>
    record({ accountId: row.account_id, entity: 'instance-profile', id: row.instance_profile_id });
  return {
    byId: (instanceId) =>
      db.selectFrom('instances').selectAll().where('instance_id', '=', instanceId).executeTakeFirst(),
    byName: (accountId, name) =>
      db
        .selectFrom('instances')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('name_key', '=', name.toLowerCase())
        .executeTakeFirst(),
    profile: (instanceProfileId) =>
      db
        .selectFrom('instance_profiles')
        .selectAll()
        .where('instance_profile_id', '=', instanceProfileId)
        .executeTakeFirst(),
    list: (accountId) =>
      db
        .selectFrom('instances')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('name_key')
        .execute(),
    async insert(row) {
      await db.insertInto('instances').values(row).execute();
      changed(row);
    },
    async delete(row) {
      await db.deleteFrom('instances').where('instance_id', '=', row.instance_id).execute();
      changed(row);
    },
  };
}
