// IAM server certificates, looked up by case-insensitive name within an account and listed by name.
// Rows carry the private key sealed; nothing here opens it. Writes announce a `server-certificate`
// change (no cache depends on one; tag writes on a certificate announce the same).
import type { Selectable } from 'kysely';
import type { ServerCertificatesTable } from '../database.ts';
import type { Db, KeysetPage, RecordChange } from './db.ts';

export type ServerCertificateRow = Selectable<ServerCertificatesTable>;

/** What UpdateServerCertificate changes: the name (and its key and ARN) and the path. */
export type ServerCertificatePatch = Pick<ServerCertificateRow, 'name' | 'name_key' | 'path' | 'arn'>;

/** Reading server certificates. */
export interface ServerCertificateReader {
  /** The account's certificate whose name matches `name` regardless of case, or undefined. */
  byName(accountId: string, name: string): Promise<ServerCertificateRow | undefined>;
  /**
   * At most `page.limit` of the account's certificates ordered by name key, after `page.after` (a
   * name key), only those whose path starts with `pathPrefix` (case-sensitively, every character as
   * itself) when one other than `/` is given.
   */
  list(accountId: string, page: KeysetPage, pathPrefix?: string): Promise<ServerCertificateRow[]>;
  /** How many server certificates the account has. */
  count(accountId: string): Promise<number>;
}

/** Server certificates, read and written. */
export interface ServerCertificateRepo extends ServerCertificateReader {
  /** Stores a new certificate; a name (any case) the account already uses is a unique violation. */
  insert(row: ServerCertificateRow): Promise<void>;
  /** Renames or moves a certificate; a name (any case) the account already uses is a unique violation. */
  update(accountId: string, certificateId: string, patch: ServerCertificatePatch): Promise<void>;
  /** Deletes a certificate; nothing happens for an id not stored. */
  delete(accountId: string, certificateId: string): Promise<void>;
}

export function serverCertificateRepo(db: Db, record: RecordChange): ServerCertificateRepo {
  const changed = (accountId: string, id: string) => record({ accountId, entity: 'server-certificate', id });
  return {
    byName: (accountId, name) =>
      db
        .selectFrom('server_certificates')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('name_key', '=', name.toLowerCase())
        .executeTakeFirst(),
    list: (accountId, page, pathPrefix) => {
      let q = db.selectFrom('server_certificates').selectAll().where('account_id', '=', accountId);
      if (page.after !== undefined) q = q.where('name_key', '>', page.after);
      // compared as text, not with LIKE: SQLite's LIKE ignores case and has no escape without ESCAPE
      if (pathPrefix && pathPrefix !== '/')
        q = q.where((eb) =>
          eb(eb.fn<string>('substr', ['path', eb.lit(1), eb.val(pathPrefix.length)]), '=', pathPrefix),
        );
      return q.orderBy('name_key').limit(page.limit).execute();
    },
    async count(accountId) {
      const r = await db
        .selectFrom('server_certificates')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async insert(row) {
      await db.insertInto('server_certificates').values(row).execute();
      changed(row.account_id, row.server_certificate_id);
    },
    async update(accountId, id, patch) {
      await db
        .updateTable('server_certificates')
        .set(patch)
        .where('account_id', '=', accountId)
        .where('server_certificate_id', '=', id)
        .execute();
      changed(accountId, id);
    },
    async delete(accountId, id) {
      await db
        .deleteFrom('server_certificates')
        .where('account_id', '=', accountId)
        .where('server_certificate_id', '=', id)
        .execute();
      changed(accountId, id);
    },
  };
}
