// IAM OpenID Connect providers: looked up by ARN within an account, listed by ARN; client ids and
// thumbprints are stored as JSON arrays and rewritten whole.
import type { Selectable } from 'kysely';
import type { OidcProvidersTable } from '../database.ts';
import type { Db, RecordChange } from './db.ts';

export type OidcProviderRow = Selectable<OidcProvidersTable>;

/** Reading OpenID Connect providers. */
export interface OidcProviderReader {
  /** The account's provider with this ARN, or undefined. */
  get(accountId: string, arn: string): Promise<OidcProviderRow | undefined>;
  /** Every provider of the account, by ARN (AWS does not paginate ListOpenIDConnectProviders). */
  list(accountId: string): Promise<OidcProviderRow[]>;
}

/** OpenID Connect providers, read and written; each write announces an `oidc-provider` change. */
export interface OidcProviderRepo extends OidcProviderReader {
  /** Stores a new provider; an ARN already stored is a unique violation. */
  insert(row: OidcProviderRow): Promise<void>;
  /** Replaces the provider's client ids. */
  setClientIds(accountId: string, arn: string, clientIds: readonly string[]): Promise<void>;
  /** Replaces the provider's certificate thumbprints. */
  setThumbprints(accountId: string, arn: string, thumbprints: readonly string[]): Promise<void>;
  /** Deletes the provider; nothing happens for an ARN not stored. */
  delete(accountId: string, arn: string): Promise<void>;
}

export function oidcProviderRepo(db: Db, record: RecordChange): OidcProviderRepo {
  const changed = (accountId: string, arn: string) => record({ accountId, entity: 'oidc-provider', id: arn });
  return {
    get: (accountId, arn) =>
      db
        .selectFrom('oidc_providers')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('arn', '=', arn)
        .executeTakeFirst(),
    list: (accountId) =>
      db
        .selectFrom('oidc_providers')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('arn')
        .execute(),
    async insert(row) {
      await db.insertInto('oidc_providers').values(row).execute();
      changed(row.account_id, row.arn);
    },
    async setClientIds(accountId, arn, clientIds) {
      await db
        .updateTable('oidc_providers')
        .set({ client_ids: JSON.stringify(clientIds) })
        .where('arn', '=', arn)
        .execute();
      changed(accountId, arn);
    },
    async setThumbprints(accountId, arn, thumbprints) {
      await db
        .updateTable('oidc_providers')
        .set({ thumbprints: JSON.stringify(thumbprints) })
        .where('arn', '=', arn)
        .execute();
      changed(accountId, arn);
    },
    async delete(accountId, arn) {
      await db.deleteFrom('oidc_providers').where('arn', '=', arn).execute();
      changed(accountId, arn);
    },
  };
}
