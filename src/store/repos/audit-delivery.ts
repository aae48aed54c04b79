// Delivery of the audit trail as log files and digest files: each account's signing keys (the private
// half sealed), each account's digest chain and the log files waiting for its next digest, where
// delivery of every account has reached (the row of account '*'), and the lock that lets one node at
// a time deliver (PostgreSQL: a transaction-level advisory lock; SQLite: its write lock).
import { PostgresAdapter, sql } from 'kysely';
import type { Db } from './db.ts';

/** A key pair that signs an account's digest files. */
export interface AuditSigningKey {
  accountId: string;
  /** The public key's fingerprint (hex): digestPublicKeyFingerprint of the digests it signs. */
  keyId: string;
  /** SubjectPublicKeyInfo PEM. */
  publicKeyPem: string;
  /** The PKCS#8 private key sealed with the master key. */
  sealedPrivateKey: string;
  /** ISO 8601: when it started signing. */
  createdAt: string;
}

/** A delivered log file not yet listed in a digest: what the digest will say of it. */
export interface PendingLogFile {
  s3Object: string;
  /** Hex SHA-256 of the uncompressed file. */
  hashValue: string;
  /** ISO 8601 to the second. */
  oldestEventTime: string;
  newestEventTime: string;
  /** ISO 8601: the time the file counts as delivered (the end of its five-minute window). */
  deliveredAt: string;
}

/** An account's delivery: its newest log file, its digest chain, the files waiting for a digest. */
export interface AuditDeliveryState {
  accountId: string;
  /** ISO 8601: the end of the window of the account's newest log file. */
  deliveredUntil: string;
  /** ISO 8601: the end of the account's newest digest, or where its first digest starts. */
  lastDigestEnd: string;
  /** The newest digest's object key, its hex signature and the hex SHA-256 of its uncompressed bytes. */
  lastDigestObject: string | null;
  lastDigestSignature: string | null;
  lastDigestHash: string | null;
  pendingLogFiles: PendingLogFile[];
}

/** Reading delivery state and signing keys. */
export interface AuditDeliveryReader {
  /** Where delivery of every account has reached (events before it are delivered), if it started. */
  cursor(): Promise<string | undefined>;
  /** An account's delivery state, or undefined before its first log file. */
  state(accountId: string): Promise<AuditDeliveryState | undefined>;
  /** The states of every account (or one): their digest chains' heads. */
  states(accountId?: string): Promise<AuditDeliveryState[]>;
  /** Signing keys of every account (or one), oldest first (ties by key id). */
  signingKeys(accountId?: string): Promise<AuditSigningKey[]>;
}

/** Delivery state and signing keys, read and written. No cache depends on them: nothing is announced. */
export interface AuditDeliveryRepo extends AuditDeliveryReader {
  /**
   * Takes the delivery lock for the rest of the transaction; false when another node holds it
   * (PostgreSQL). On SQLite it takes the database's write lock, waiting for it, and is always true.
   */
  tryLock(): Promise<boolean>;
  /** Records where delivery of every account has reached. */
  setCursor(deliveredUntil: string): Promise<void>;
  /** Stores an account's state in place of its previous one. */
  putState(state: AuditDeliveryState): Promise<void>;
  /** The accounts whose newest digest ended (or whose first digest starts) at or before `time`. */
  dueForDigest(time: string): Promise<AuditDeliveryState[]>;
  /** Stores a new signing key; a key id already stored for the account is a unique violation. */
  insertSigningKey(key: AuditSigningKey): Promise<void>;
}

/** The row that holds where delivery of every account has reached. */
const CURSOR_ROW = '*';

type StateRow = {
  account_id: string;
  delivered_until: string;
  last_digest_end: string | null;
  last_digest_object: string | null;
  last_digest_signature: string | null;
  last_digest_hash: string | null;
  pending_log_files: string;
};

function fromRow(row: StateRow): AuditDeliveryState {
  return {
    accountId: row.account_id,
    deliveredUntil: row.delivered_until,
    lastDigestEnd: row.last_digest_end ?? row.delivered_until,
    lastDigestObject: row.last_digest_object,
    lastDigestSignature: row.last_digest_signature,
    lastDigestHash: row.last_digest_hash,
    pendingLogFiles: JSON.parse(row.pending_log_files) as PendingLogFile[],
  };
}

export function auditDeliveryRepo(db: Db): AuditDeliveryRepo {
  const accountRows = () => db.selectFrom('audit_delivery').selectAll().where('account_id', '<>', CURSOR_ROW);
  return {
    async tryLock() {
      if (db.getExecutor().adapter instanceof PostgresAdapter) {
        // advisory locks are database-wide: the schema is part of the key, so that Tessera deployments
        // sharing a database in different schemas do not hold each other up
        const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(
            hashtext(current_schema() || ':tessera-audit-delivery')) as locked`.execute(db);
        return rows[0]?.locked === true;
      }
      // a no-op write: the transaction holds SQLite's write lock from here on
      await sql`update audit_delivery set delivered_until = delivered_until where account_id = ${CURSOR_ROW}`.execute(
        db,
      );
      return true;
    },

    async cursor() {
      const row = await db
        .selectFrom('audit_delivery')
        .select('delivered_until')
        .where('account_id', '=', CURSOR_ROW)
        .executeTakeFirst();
      return row?.delivered_until;
    },

    async setCursor(deliveredUntil) {
      await db
        .insertInto('audit_delivery')
        .values({ account_id: CURSOR_ROW, delivered_until: deliveredUntil, pending_log_files: '[]' })
        .onConflict((oc) => oc.column('account_id').doUpdateSet({ delivered_until: deliveredUntil }))
        .execute();
    },

    async state(accountId) {
      if (accountId === CURSOR_ROW) return undefined;
      const row = await db
        .selectFrom('audit_delivery')
        .selectAll()
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return row && fromRow(row);
    },

    async states(accountId) {
      let query = accountRows();
      if (accountId !== undefined) query = query.where('account_id', '=', accountId);
      return (await query.orderBy('account_id').execute()).map(fromRow);
    },

    async putState(s) {
      const values = {
        delivered_until: s.deliveredUntil,
        last_digest_end: s.lastDigestEnd,
        last_digest_object: s.lastDigestObject,
        last_digest_signature: s.lastDigestSignature,
        last_digest_hash: s.lastDigestHash,
        pending_log_files: JSON.stringify(s.pendingLogFiles),
      };
      await db
        .insertInto('audit_delivery')
        .values({ account_id: s.accountId, ...values })
        .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
        .execute();
    },

    async dueForDigest(time) {
      const rows = await accountRows()
        .where('last_digest_end', 'is not', null)
        .where('last_digest_end', '<=', time)
        .orderBy('account_id')
        .execute();
      return rows.map(fromRow);
    },

    async signingKeys(accountId) {
      let query = db.selectFrom('audit_signing_keys').selectAll();
      if (accountId !== undefined) query = query.where('account_id', '=', accountId);
      const rows = await query.orderBy('account_id').orderBy('created_at').orderBy('key_id').execute();
      return rows.map((r) => ({
        accountId: r.account_id,
        keyId: r.key_id,
        publicKeyPem: r.public_key_pem,
        sealedPrivateKey: r.sealed_private_key,
        createdAt: r.created_at,
      }));
    },

    async insertSigningKey(k) {
      await db
        .insertInto('audit_signing_keys')
        .values({
          account_id: k.accountId,
          key_id: k.keyId,
          public_key_pem: k.publicKeyPem,
          sealed_private_key: k.sealedPrivateKey,
          created_at: k.createdAt,
        })
        .execute();
    },
  };
}
