// Outbound web identity federation: each account's switch and issuer, and the ring of keys that sign
// GetWebIdentityToken's JWTs (oldest first; private halves sealed). Nothing is cached from these
// rows (every node reads them per request), so writes announce no change.
import type { Selectable } from 'kysely';
import type { OutboundWebIdentityTable, WebIdentitySigningKeysTable } from '../database.ts';
import type { Db } from './db.ts';

export type OutboundWebIdentityRow = Selectable<OutboundWebIdentityTable>;
export type WebIdentitySigningKeyRow = Selectable<WebIdentitySigningKeysTable>;

/** Reading the accounts' outbound federation settings and the signing keys. */
export interface OutboundWebIdentityReader {
  /** The account's settings, or undefined when it never enabled the feature. */
  get(accountId: string): Promise<OutboundWebIdentityRow | undefined>;
  /** The settings whose issuer URL ends in this id (discovery, served without a signature). */
  byIssuerId(issuerId: string): Promise<OutboundWebIdentityRow | undefined>;
  /** Every signing key, oldest first (ties by id). */
  signingKeys(): Promise<WebIdentitySigningKeyRow[]>;
}

/** The settings and keys, read and written. */
export interface OutboundWebIdentityRepo extends OutboundWebIdentityReader {
  /** Stores the account's settings, replacing any stored before. */
  put(row: OutboundWebIdentityRow): Promise<void>;
  /** Stores a new signing key; an id already stored is a unique violation. */
  insertKey(row: WebIdentitySigningKeyRow): Promise<void>;
  /** Deletes a signing key; nothing happens for an id not stored. */
  deleteKey(keyId: string): Promise<void>;
}

export function outboundWebIdentityRepo(db: Db): OutboundWebIdentityRepo {
  return {
    get: (accountId) =>
      db
        .selectFrom('outbound_web_identity')
        .selectAll()
        .where('account_id', '=', accountId)
        .executeTakeFirst(),
    byIssuerId: (issuerId) =>
      db.selectFrom('outbound_web_identity').selectAll().where('issuer_id', '=', issuerId).executeTakeFirst(),
    signingKeys: () =>
      db
        .selectFrom('web_identity_signing_keys')
        .selectAll()
        .orderBy('created_at')
        .orderBy('key_id')
        .execute(),
    async put(row) {
      await db
        .insertInto('outbound_web_identity')
        .values(row)
        .onConflict((oc) =>
          oc.column('account_id').doUpdateSet({
            issuer_id: row.issuer_id,
            issuer_url: row.issuer_url,
            status: row.status,
            updated_at: row.updated_at,
          }),
        )
        .execute();
    },
    async insertKey(row) {
      await db.insertInto('web_identity_signing_keys').values(row).execute();
    },
    async deleteKey(keyId) {
      await db.deleteFrom('web_identity_signing_keys').where('key_id', '=', keyId).execute();
    },
  };
}
