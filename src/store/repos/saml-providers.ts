// SAML providers: looked up by ARN within an account, listed by name, and rewritten in place when
// their metadata document changes.
import type { Selectable } from 'kysely';
import type { SamlProvidersTable } from '../database.ts';
import type { Db, RecordChange } from './db.ts';

export type SamlProviderRow = Selectable<SamlProvidersTable>;

/** The columns UpdateSAMLProvider may change. */
export type SamlProviderUpdate = Partial<
  Pick<SamlProviderRow, 'metadata' | 'entity_id' | 'valid_until' | 'assertion_encryption_mode' | 'updated_at'>
>;

/** Reading SAML providers. */
export interface SamlProviderReader {
  /** The account's provider whose name matches `name` regardless of case, or undefined. */
  byName(accountId: string, name: string): Promise<SamlProviderRow | undefined>;
  /** Every SAML provider of the account, ordered by name key (an account holds at most 100). */
  list(accountId: string): Promise<SamlProviderRow[]>;
  /** How many SAML providers the account has. */
  count(accountId: string): Promise<number>;
}

/** SAML providers, read and written; each write announces a `saml-provider` change. */
export interface SamlProviderRepo extends SamlProviderReader {
  /** Stores a new provider; a name (any case) the account already uses is a unique violation. */
  insert(row: SamlProviderRow): Promise<void>;
  /** Sets the given columns of the provider. */
  update(row: SamlProviderRow, set: SamlProviderUpdate): Promise<void>;
  /** Deletes the provider; nothing happens for one not stored. */
  delete(row: SamlProviderRow): Promise<void>;
}

export function samlProviderRepo(db: Db, record: RecordChange): SamlProviderRepo {
  const changed = (accountId: string, id: string) => record({ accountId, entity: 'saml-provider', id });
  return {
    byName: (accountId, name) =>
      db
        .selectFrom('saml_providers')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('name_key', '=', name.toLowerCase())
        .executeTakeFirst(),
    list: (accountId) =>
      db
        .selectFrom('saml_providers')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('name_key')
        .execute(),
    async count(accountId) {
      const r = await db
        .selectFrom('saml_providers')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async insert(row) {
      await db.insertInto('saml_providers').values(row).execute();
      changed(row.account_id, row.provider_id);
    },
    async update(row, set) {
      await db.updateTable('saml_providers').set(set).where('provider_id', '=', row.provider_id).execute();
      changed(row.account_id, row.provider_id);
    },
    async delete(row) {
      await db.deleteFrom('saml_providers').where('provider_id', '=', row.provider_id).execute();
      changed(row.account_id, row.provider_id);
    },
  };
}
