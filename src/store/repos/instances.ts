// Named instances carrying an instance profile: looked up by id or by case-insensitive name within
// an account, listed by name. Changes are announced as instance-profile changes (the instance is a
// use of its profile), which is what caches of instance credentials listen for.
import type { Selectable } from 'kysely';
import type { InstanceProfilesTable, InstancesTable } from '../database.ts';
import type { Db, RecordChange } from './db.ts';

export type InstanceRow = Selectable<InstancesTable>;
type ProfileRow = Selectable<InstanceProfilesTable>;

export function instanceRepo(db: Db, record: RecordChange) {
  const changed = (row: InstanceRow) =>
    record({ accountId: row.account_id, entity: 'instance-profile', id: row.instance_profile_id });
  return {
    byId: (instanceId: string): Promise<InstanceRow | undefined> =>
      db.selectFrom('instances').selectAll().where('instance_id', '=', instanceId).executeTakeFirst(),
    byName: (accountId: string, name: string): Promise<InstanceRow | undefined> =>
      db
        .selectFrom('instances')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('name_key', '=', name.toLowerCase())
        .executeTakeFirst(),
    /** The instance profile an instance carries, by its id (undefined once the profile is deleted). */
    profile: (instanceProfileId: string): Promise<ProfileRow | undefined> =>
      db
        .selectFrom('instance_profiles')
        .selectAll()
        .where('instance_profile_id', '=', instanceProfileId)
        .executeTakeFirst(),
    /** The account's instances ordered by name key. */
    list: (accountId: string): Promise<InstanceRow[]> =>
      db
        .selectFrom('instances')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('name_key')
        .execute(),
    async insert(row: InstanceRow): Promise<void> {
      await db.insertInto('instances').values(row).execute();
      changed(row);
    },
    async delete(row: InstanceRow): Promise<void> {
      await db.deleteFrom('instances').where('instance_id', '=', row.instance_id).execute();
      changed(row);
    },
  };
}
export type InstanceRepo = ReturnType<typeof instanceRepo>;
