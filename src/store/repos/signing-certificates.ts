// X.509 signing certificates of IAM users and of account roots (user_id null): public material only,
// so nothing is sealed. No cache depends on them, so writes announce no change.
import type { Selectable } from 'kysely';
import type { SigningCertificatesTable } from '../database.ts';
import type { Db } from './db.ts';

export type SigningCertificateRow = Selectable<SigningCertificatesTable>;

/** Reading signing certificates. */
export interface SigningCertificateReader {
  /** The certificate with this id (in any account), or undefined. */
  get(certificateId: string): Promise<SigningCertificateRow | undefined>;
  /** The certificate of the account with this DER digest, or undefined. */
  byDigest(accountId: string, digest: string): Promise<SigningCertificateRow | undefined>;
  /** The certificates of a user (or of the account root when `userId` is null), oldest first. */
  listFor(accountId: string, userId: string | null): Promise<SigningCertificateRow[]>;
}

/** Signing certificates, read and written. */
export interface SigningCertificateRepo extends SigningCertificateReader {
  /** Stores a new certificate; a digest the account already has is a unique violation. */
  insert(row: SigningCertificateRow): Promise<void>;
  /** Sets a certificate's status (Active or Inactive). */
  setStatus(certificateId: string, status: SigningCertificateRow['status']): Promise<void>;
  /** Deletes a certificate; nothing happens for an id not stored. */
  delete(certificateId: string): Promise<void>;
}

export function signingCertificateRepo(db: Db): SigningCertificateRepo {
  return {
    get: (id) =>
      db.selectFrom('signing_certificates').selectAll().where('certificate_id', '=', id).executeTakeFirst(),
    byDigest: (accountId, digest) =>
      db
        .selectFrom('signing_certificates')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('digest', '=', digest)
        .executeTakeFirst(),
    listFor: (accountId, userId) =>
      db
        .selectFrom('signing_certificates')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('user_id', userId === null ? 'is' : '=', userId)
        .orderBy('uploaded_at')
        .orderBy('certificate_id')
        .execute(),
    async insert(row) {
      await db.insertInto('signing_certificates').values(row).execute();
    },
    async setStatus(id, status) {
      await db.updateTable('signing_certificates').set({ status }).where('certificate_id', '=', id).execute();
    },
    async delete(id) {
      await db.deleteFrom('signing_certificates').where('certificate_id', '=', id).execute();
    },
  };
}
