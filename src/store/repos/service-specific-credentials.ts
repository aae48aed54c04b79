// Service-specific credentials of IAM users: rows carry only the sealed secret. No cache depends on
// them, so writes announce no change.
import type { Selectable } from 'kysely';
import type { ServiceSpecificCredentialsTable } from '../database.ts';
import type { Db } from './db.ts';

export type ServiceSpecificCredentialRow = Selectable<ServiceSpecificCredentialsTable>;

/** A credential with its user's current name, as the account-wide list needs it. */
export type ServiceSpecificCredentialListing = ServiceSpecificCredentialRow & { user_name: string };

/** Reading service-specific credentials. */
export interface ServiceSpecificCredentialReader {
  /** The credential with this id (in any account), or undefined. */
  get(credentialId: string): Promise<ServiceSpecificCredentialRow | undefined>;
  /** The credentials of a user, oldest first. */
  listFor(userId: string): Promise<ServiceSpecificCredentialRow[]>;
  /** Every credential of the account's users, with the user names, oldest first. */
  listInAccount(accountId: string): Promise<ServiceSpecificCredentialListing[]>;
}

/** Service-specific credentials, read and written. */
export interface ServiceSpecificCredentialRepo extends ServiceSpecificCredentialReader {
  insert(row: ServiceSpecificCredentialRow): Promise<void>;
  /** Sets a credential's status (Active or Inactive). */
  setStatus(credentialId: string, status: ServiceSpecificCredentialRow['status']): Promise<void>;
  /** Replaces a credential's sealed secret (ResetServiceSpecificCredential). */
  setSecret(credentialId: string, secretSealed: string): Promise<void>;
  /** Deletes a credential; nothing happens for an id not stored. */
  delete(credentialId: string): Promise<void>;
}

export function serviceSpecificCredentialRepo(db: Db): ServiceSpecificCredentialRepo {
  const table = 'service_specific_credentials' as const;
  return {
    get: (id) => db.selectFrom(table).selectAll().where('credential_id', '=', id).executeTakeFirst(),
    listFor: (userId) =>
      db
        .selectFrom(table)
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('credential_id')
        .execute(),
    listInAccount: (accountId) =>
      db
        .selectFrom(table)
        .innerJoin('users', 'users.user_id', 'service_specific_credentials.user_id')
        .selectAll(table)
        .select('users.user_name')
        .where('service_specific_credentials.account_id', '=', accountId)
        .orderBy('service_specific_credentials.created_at')
        .orderBy('service_specific_credentials.credential_id')
        .execute(),
    async insert(row) {
      await db.insertInto(table).values(row).execute();
    },
    async setStatus(id, status) {
      await db.updateTable(table).set({ status }).where('credential_id', '=', id).execute();
    },
    async setSecret(id, secretSealed) {
      await db
        .updateTable(table)
        .set({ secret_sealed: secretSealed })
        .where('credential_id', '=', id)
        .execute();
    },
    async delete(id) {
      await db.deleteFrom(table).where('credential_id', '=', id).execute();
    },
  };
}
