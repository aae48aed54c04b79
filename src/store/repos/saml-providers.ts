// SAML providers: looked up by ARN within an account, listed by name, and rewritten in place when
// their metadata document changes.
import type { Selectable } from 'kysely';
import type { SamlProvidersTable } from '../database.ts';
import type { Db, RecordChange } from './db.ts';

export type SamlProviderRow = Selectable<SamlProvidersTable>;

export function samlProviderRepo(db: Db, record: RecordChange) {
  const changed = (accountId: string, id: string) => record({ accountId, entity: 'saml-provider', id });
  return {
    byName: (accountId: string, name: string): Promise<SamlProviderRow | undefined> =>
      db
        .selectFrom('saml_providers')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('name_key', '=', name.toLowerCase())
        .executeTakeFirst(),
    /** Every SAML provider of the account, ordered by name key (an account holds at most 100). */
    list: (accountId: string): Promise<SamlProviderRow[]> =>
      db
        .selectFrom('saml_providers')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('name_key')
        .execute(),
    async count(accountId: string): Promise<number> {
      const r = await db
        .selectFrom('saml_providers')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async insert(row: SamlProviderRow): Promise<void> {
      await db.insertInto('saml_providers').values(row).execute();
      changed(row.account_id, row.provider_id);
    },
    async update(
      row: SamlProviderRow,
      set: Partial<
        Pick<
          SamlProviderRow,
          'metadata' | 'entity_id' | 'valid_until' | 'assertion_encryption_mode' | 'updated_at'
        >
      >,
    ): Promise<void> {
      await db.updateTable('saml_providers').set(set).where('provider_id', '=', row.provider_id).execute();
      changed(row.account_id, row.provider_id);
    },
    async delete(row: SamlProviderRow): Promise<void> {
      await db.deleteFrom('saml_providers').where('provider_id', '=', row.provider_id).execute();
      changed(row.account_id, row.provider_id);
    },
  };
}
export type SamlProviderRepo = ReturnType<typeof samlProviderRepo>;
