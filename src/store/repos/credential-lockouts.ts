// Failure counts and locks of guessable credentials, by key; the rules live in
// src/domain/credential-lockout.ts. Rows exist only for keys that failed since their last success.
import type { Selectable } from 'kysely';
import type { CredentialLockoutsTable } from '../database.ts';
import type { Db } from './db.ts';

export type CredentialLockoutRow = Selectable<CredentialLockoutsTable>;

/** Reading lockout state. */
export interface CredentialLockoutReader {
  /** The key's failures and lock, or undefined when it has not failed since its last success. */
  get(key: string): Promise<CredentialLockoutRow | undefined>;
}

/** Lockout state, read and written; no cache depends on it, so no write announces a change. */
export interface CredentialLockoutRepo extends CredentialLockoutReader {
  /** Inserts or replaces the row of `row.lockout_key`. */
  put(row: CredentialLockoutRow): Promise<void>;
  /** Forgets the key's failures; nothing happens for a key not stored. */
  delete(key: string): Promise<void>;
}

export function credentialLockoutRepo(db: Db): CredentialLockoutRepo {
  return {
    get: (key) =>
      db.selectFrom('credential_lockouts').selectAll().where('lockout_key', '=', key).executeTakeFirst(),
    async put(row) {
      await db
        .insertInto('credential_lockouts')
        .values(row)
        .onConflict((oc) =>
          oc.column('lockout_key').doUpdateSet({
            account_id: row.account_id,
            failures: row.failures,
            locked_until: row.locked_until,
            last_failure_at: row.last_failure_at,
          }),
        )
        .execute();
    },
    async delete(key) {
      await db.deleteFrom('credential_lockouts').where('lockout_key', '=', key).execute();
    },
  };
}
