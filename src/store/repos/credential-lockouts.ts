// Failure counts and locks of guessable credentials, by key; the rules live in
// src/domain/credential-lockout.ts. Rows exist only for keys that failed since their last success.
import type { Selectable } from 'kysely';
import type { CredentialLockoutsTable } from '../database.ts';
import type { Db } from './db.ts';

export type CredentialLockoutRow = Selectable<CredentialLockoutsTable>;

export function credentialLockoutRepo(db: Db) {
  return {
    get: (key: string): Promise<CredentialLockoutRow | undefined> =>
      db.selectFrom('credential_lockouts').selectAll().where('lockout_key', '=', key).executeTakeFirst(),
    /** Inserts or replaces the row of `row.lockout_key`. */
    async put(row: CredentialLockoutRow): Promise<void> {
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
    async delete(key: string): Promise<void> {
      await db.deleteFrom('credential_lockouts').where('lockout_key', '=', key).execute();
    },
  };
}
