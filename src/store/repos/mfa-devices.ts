// Virtual MFA devices: looked up by serial number (their ARN) or path and case-insensitive name, listed by
// serial number, enabled for one user at a time; the accepted time step only ever moves forward.
import type { Selectable } from 'kysely';
import type { MfaDevicesTable } from '../database.ts';
import type { Change } from '../store.ts';
import type { Db, KeysetPage, RecordChange } from './db.ts';

export type MfaDeviceRow = Selectable<MfaDevicesTable>;
export type MfaAssignment = 'Assigned' | 'Unassigned' | 'Any';

/** Reading MFA devices. */
export interface MfaDeviceReader {
  /** The account's device with this serial number, or undefined. */
  get(accountId: string, serialNumber: string): Promise<MfaDeviceRow | undefined>;
  /** The account's device at `path` whose name matches `name` regardless of case, or undefined. */
  byPathAndName(accountId: string, path: string, name: string): Promise<MfaDeviceRow | undefined>;
  /** The devices enabled for a user, by serial number. */
  listForUser(userId: string): Promise<MfaDeviceRow[]>;
  /**
   * At most `page.limit` of the account's devices ordered by serial number, after `page.after` (a
   * serial number), only those enabled for a user (Assigned) or for none (Unassigned) if asked.
   */
  list(accountId: string, page: KeysetPage, assignment: MfaAssignment): Promise<MfaDeviceRow[]>;
  /** How many devices the account has, or (with `userId`) how many are enabled for that user. */
  count(accountId: string, userId?: string): Promise<number>;
}

/**
 * MFA devices, read and written. Each write but `acceptStep` announces a `user` change for the user
 * the device is (or was) enabled for, whose MFA state it changes.
 */
export interface MfaDeviceRepo extends MfaDeviceReader {
  /**
   * Stores a new device (with no drift); a serial number already stored, or a path and name (any
   * case) the account already uses, is a unique violation (migration 030).
   */
  insert(row: Omit<MfaDeviceRow, 'drift_steps'>): Promise<void>;
  /** Enables the device for a user from `lastStep` on, with the drift its codes showed. */
  assign(
    row: MfaDeviceRow,
    userId: string,
    enabledAt: string,
    lastStep: number,
    driftSteps: number,
  ): Promise<void>;
  /** Detaches the device from its user; the next enablement starts afresh. */
  unassign(row: MfaDeviceRow): Promise<void>;
  /** Records what ResyncMFADevice learnt: the drift, and the last step used to learn it. */
  resync(row: MfaDeviceRow, lastStep: number, driftSteps: number): Promise<void>;
  /**
   * Accepts time step `step` for the device if no later or equal step was accepted before; false
   * when one was. The condition is in the UPDATE itself, so two racing uses cannot both win.
   * Nothing is announced: the step guards replays, no cache holds it.
   */
  acceptStep(row: MfaDeviceRow, step: number): Promise<boolean>;
  /** Deletes the device; nothing happens for one not stored. */
  delete(row: MfaDeviceRow): Promise<void>;
}

/** A device's changes concern the user it is enabled for (whose MFA state they change). */
const changeOf = (row: Pick<MfaDeviceRow, 'account_id' | 'user_id'>): Change => ({
  accountId: row.account_id,
  entity: 'user',
  ...(row.user_id ? { id: row.user_id } : {}),
});

export function mfaDeviceRepo(db: Db, record: RecordChange): MfaDeviceRepo {
  return {
    get: (accountId, serialNumber) =>
      db
        .selectFrom('mfa_devices')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('serial_number', '=', serialNumber)
        .executeTakeFirst(),
    byPathAndName: (accountId, path, name) =>
      db
        .selectFrom('mfa_devices')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('path', '=', path)
        .where('name_key', '=', name.toLowerCase())
        .executeTakeFirst(),
    listForUser: (userId) =>
      db
        .selectFrom('mfa_devices')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('serial_number')
        .execute(),
    list: (accountId, page, assignment) => {
      let q = db.selectFrom('mfa_devices').selectAll().where('account_id', '=', accountId);
      if (page.after !== undefined) q = q.where('serial_number', '>', page.after);
      if (assignment === 'Assigned') q = q.where('user_id', 'is not', null);
      if (assignment === 'Unassigned') q = q.where('user_id', 'is', null);
      return q.orderBy('serial_number').limit(page.limit).execute();
    },
    async count(accountId, userId) {
      let q = db
        .selectFrom('mfa_devices')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('account_id', '=', accountId);
      if (userId !== undefined) q = q.where('user_id', '=', userId);
      const r = await q.executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async insert(row) {
      await db.insertInto('mfa_devices').values(row).execute();
      record(changeOf(row));
    },
    async assign(row, userId, enabledAt, lastStep, driftSteps) {
      await db
        .updateTable('mfa_devices')
        .set({ user_id: userId, enabled_at: enabledAt, last_step: lastStep, drift_steps: driftSteps })
        .where('serial_number', '=', row.serial_number)
        .execute();
      record(changeOf({ account_id: row.account_id, user_id: userId }));
    },
    async unassign(row) {
      await db
        .updateTable('mfa_devices')
        .set({ user_id: null, enabled_at: null, last_step: null, drift_steps: 0 })
        .where('serial_number', '=', row.serial_number)
        .execute();
      record(changeOf(row));
    },
    async resync(row, lastStep, driftSteps) {
      await db
        .updateTable('mfa_devices')
        .set({ last_step: lastStep, drift_steps: driftSteps })
        .where('serial_number', '=', row.serial_number)
        .execute();
      record(changeOf(row));
    },
    async acceptStep(row, step) {
      const r = await db
        .updateTable('mfa_devices')
        .set({ last_step: step })
        .where('serial_number', '=', row.serial_number)
        .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
    async delete(row) {
      await db.deleteFrom('mfa_devices').where('serial_number', '=', row.serial_number).execute();
      record(changeOf(row));
    },
  };
}
