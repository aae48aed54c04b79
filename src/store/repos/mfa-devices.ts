// Virtual MFA devices: looked up by serial number (their ARN) or case-insensitive name, listed by
// serial number, enabled for one user at a time; the accepted time step only ever moves forward.
import type { Selectable } from 'kysely';
import type { MfaDevicesTable } from '../database.ts';
import type { Change } from '../store.ts';
import type { Db, KeysetPage, RecordChange } from './db.ts';

export type MfaDeviceRow = Selectable<MfaDevicesTable>;
export type MfaAssignment = 'Assigned' | 'Unassigned' | 'Any';

/** A device's changes concern the user it is enabled for (whose MFA state they change). */
const changeOf = (row: Pick<MfaDeviceRow, 'account_id' | 'user_id'>): Change => ({
  accountId: row.account_id,
  entity: 'user',
  ...(row.user_id ? { id: row.user_id } : {}),
});

export function mfaDeviceRepo(db: Db, record: RecordChange) {
  return {
    get: (accountId: string, serialNumber: string): Promise<MfaDeviceRow | undefined> =>
      db
        .selectFrom('mfa_devices')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('serial_number', '=', serialNumber)
        .executeTakeFirst(),
    byName: (accountId: string, name: string): Promise<MfaDeviceRow | undefined> =>
      db
        .selectFrom('mfa_devices')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('name_key', '=', name.toLowerCase())
        .executeTakeFirst(),
    /** The devices enabled for a user, by serial number. */
    listForUser: (userId: string): Promise<MfaDeviceRow[]> =>
      db
        .selectFrom('mfa_devices')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('serial_number')
        .execute(),
    /** The account's devices by serial number, after the page's marker, filtered by assignment. */
    list: (accountId: string, page: KeysetPage, assignment: MfaAssignment): Promise<MfaDeviceRow[]> => {
      let q = db.selectFrom('mfa_devices').selectAll().where('account_id', '=', accountId);
      if (page.after !== undefined) q = q.where('serial_number', '>', page.after);
      if (assignment === 'Assigned') q = q.where('user_id', 'is not', null);
      if (assignment === 'Unassigned') q = q.where('user_id', 'is', null);
      return q.orderBy('serial_number').limit(page.limit).execute();
    },
    /** How many devices the account has, or (with `userId`) how many are enabled for that user. */
    async count(accountId: string, userId?: string): Promise<number> {
      let q = db
        .selectFrom('mfa_devices')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('account_id', '=', accountId);
      if (userId !== undefined) q = q.where('user_id', '=', userId);
      const r = await q.executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async insert(row: Omit<MfaDeviceRow, 'drift_steps'>): Promise<void> {
      await db.insertInto('mfa_devices').values(row).execute();
      record(changeOf(row));
    },
    /** Enables the device for a user from `lastStep` on, with the drift its codes showed. */
    async assign(
      row: MfaDeviceRow,
      userId: string,
      enabledAt: string,
      lastStep: number,
      driftSteps: number,
    ): Promise<void> {
      await db
        .updateTable('mfa_devices')
        .set({ user_id: userId, enabled_at: enabledAt, last_step: lastStep, drift_steps: driftSteps })
        .where('serial_number', '=', row.serial_number)
        .execute();
      record(changeOf({ account_id: row.account_id, user_id: userId }));
    },
    /** Detaches the device from its user; the next enablement starts afresh. */
    async unassign(row: MfaDeviceRow): Promise<void> {
      await db
        .updateTable('mfa_devices')
        .set({ user_id: null, enabled_at: null, last_step: null, drift_steps: 0 })
        .where('serial_number', '=', row.serial_number)
        .execute();
      record(changeOf(row));
    },
    /** Records what ResyncMFADevice learnt: the drift, and the last step used to learn it. */
    async resync(row: MfaDeviceRow, lastStep: number, driftSteps: number): Promise<void> {
      await db
        .updateTable('mfa_devices')
        .set({ last_step: lastStep, drift_steps: driftSteps })
        .where('serial_number', '=', row.serial_number)
        .execute();
      record(changeOf(row));
    },
    /**
     * Accepts time step `step` for the device if no later or equal step was accepted before; false
     * when one was. The condition is in the UPDATE itself, so two racing uses cannot both win.
     */
    async acceptStep(row: MfaDeviceRow, step: number): Promise<boolean> {
      const r = await db
        .updateTable('mfa_devices')
        .set({ last_step: step })
        .where('serial_number', '=', row.serial_number)
        .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async delete(row: MfaDeviceRow): Promise<void> {
      await db.deleteFrom('mfa_devices').where('serial_number', '=', row.serial_number).execute();
      record(changeOf(row));
    },
  };
}
export type MfaDeviceRepo = ReturnType<typeof mfaDeviceRepo>;
