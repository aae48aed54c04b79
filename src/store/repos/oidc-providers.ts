// IAM OpenID Connect providers: looked up by ARN within an account, listed by ARN; client ids and
// thumbprints are stored as JSON arrays and rewritten whole.
import type { Selectable } from 'kysely';
import type { OidcProvidersTable } from '../database.ts';
import type { Db, RecordChange } from './db.ts';

export type OidcProviderRow = Selectable<OidcProvidersTable>;

export function oidcProviderRepo(db: Db, record: RecordChange) {
  const changed = (accountId: string, arn: string) => record({ accountId, entity: 'oidc-provider', id: arn });
  return {
    get: (accountId: string, arn: string): Promise<OidcProviderRow | undefined> =>
      db
        .selectFrom('oidc_providers')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('arn', '=', arn)
        .executeTakeFirst(),
    /** Every provider of the account, by ARN (AWS does not paginate ListOpenIDConnectProviders). */
    list: (accountId: string): Promise<OidcProviderRow[]> =>
      db
        .selectFrom('oidc_providers')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('arn')
        .execute(),
    async insert(row: OidcProviderRow): Promise<void> {
      await db.insertInto('oidc_providers').values(row).execute();
      changed(row.account_id, row.arn);
    },
    async setClientIds(accountId: string, arn: string, clientIds: readonly string[]): Promise<void> {
      await db
        .updateTable('oidc_providers')
        .set({ client_ids: JSON.stringify(clientIds) })
        .where('arn', '=', arn)
        .execute();
      changed(accountId, arn);
    },
    async setThumbprints(accountId: string, arn: string, thumbprints: readonly string[]): Promise<void> {
      await db
        .updateTable('oidc_providers')
        .set({ thumbprints: JSON.stringify(thumbprints) })
        .where('arn', '=', arn)
        .execute();
      changed(accountId, arn);
    },
    async delete(accountId: string, arn: string): Promise<void> {
      await db.deleteFrom('oidc_providers').where('arn', '=', arn).execute();
      changed(accountId, arn);
    },
  };
}
export type OidcProviderRepo = ReturnType<typeof oidcProviderRepo>;
