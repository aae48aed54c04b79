// Signing in to Identity Center: the pages' sign-in sessions, SSO OIDC clients, device authorizations,
// PKCE authorization codes and tokens, each secret kept as its SHA-256 hash. No cache depends on them,
// so writes announce nothing.
import type { Selectable, Updateable } from 'kysely';
import type {
  SsoAuthorizationCodesTable,
  SsoDeviceAuthorizationsTable,
  SsoOidcClientsTable,
  SsoTokensTable,
  SsoWebSessionsTable,
} from '../database.ts';
import type { Db } from './db.ts';

export type SsoWebSessionRow = Selectable<SsoWebSessionsTable>;
export type SsoOidcClientRow = Selectable<SsoOidcClientsTable>;
export type SsoDeviceAuthorizationRow = Selectable<SsoDeviceAuthorizationsTable>;
export type SsoAuthorizationCodeRow = Selectable<SsoAuthorizationCodesTable>;
export type SsoTokenRow = Selectable<SsoTokensTable>;

/** Reading sign-in sessions, clients, device authorizations, codes and tokens by their hashes. */
export interface SsoSignInReader {
  webSession(tokenHash: string): Promise<SsoWebSessionRow | undefined>;
  client(clientId: string): Promise<SsoOidcClientRow | undefined>;
  deviceAuthorization(deviceCodeHash: string): Promise<SsoDeviceAuthorizationRow | undefined>;
  deviceAuthorizationByUserCode(userCode: string): Promise<SsoDeviceAuthorizationRow | undefined>;
  authorizationCode(codeHash: string): Promise<SsoAuthorizationCodeRow | undefined>;
  token(tokenHash: string): Promise<SsoTokenRow | undefined>;
}

/** The same, written. */
export interface SsoSignInRepo extends SsoSignInReader {
  insertWebSession(row: SsoWebSessionRow): Promise<void>;
  updateWebSession(tokenHash: string, patch: Updateable<SsoWebSessionsTable>): Promise<void>;
  deleteWebSession(tokenHash: string): Promise<void>;
  insertClient(row: SsoOidcClientRow): Promise<void>;
  insertDeviceAuthorization(row: SsoDeviceAuthorizationRow): Promise<void>;
  updateDeviceAuthorization(
    deviceCodeHash: string,
    patch: Updateable<SsoDeviceAuthorizationsTable>,
  ): Promise<void>;
  insertAuthorizationCode(row: SsoAuthorizationCodeRow): Promise<void>;
  /** Marks a code redeemed; false when it already was (a replay). */
  redeemAuthorizationCode(codeHash: string): Promise<boolean>;
  insertToken(row: SsoTokenRow): Promise<void>;
  /** Revokes every token of a family at `at`. */
  revokeFamily(familyId: string, at: string): Promise<void>;
  /** Deletes what expired before `before`: sessions, device authorizations, codes and tokens. */
  deleteExpired(before: string): Promise<void>;
}

export function ssoSignInRepo(db: Db): SsoSignInRepo {
  return {
    webSession: (tokenHash) =>
      db.selectFrom('sso_web_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst(),
    client: (clientId) =>
      db.selectFrom('sso_oidc_clients').selectAll().where('client_id', '=', clientId).executeTakeFirst(),
    deviceAuthorization: (deviceCodeHash) =>
      db
        .selectFrom('sso_device_authorizations')
        .selectAll()
        .where('device_code_hash', '=', deviceCodeHash)
        .executeTakeFirst(),
    deviceAuthorizationByUserCode: (userCode) =>
      db
        .selectFrom('sso_device_authorizations')
        .selectAll()
        .where('user_code', '=', userCode)
        .executeTakeFirst(),
    authorizationCode: (codeHash) =>
      db
        .selectFrom('sso_authorization_codes')
        .selectAll()
        .where('code_hash', '=', codeHash)
        .executeTakeFirst(),
    token: (tokenHash) =>
      db.selectFrom('sso_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst(),
    async insertWebSession(row) {
      await db.insertInto('sso_web_sessions').values(row).execute();
    },
    async updateWebSession(tokenHash, patch) {
      await db.updateTable('sso_web_sessions').set(patch).where('token_hash', '=', tokenHash).execute();
    },
    async deleteWebSession(tokenHash) {
      await db.deleteFrom('sso_web_sessions').where('token_hash', '=', tokenHash).execute();
    },
    async insertClient(row) {
      await db.insertInto('sso_oidc_clients').values(row).execute();
    },
    async insertDeviceAuthorization(row) {
      await db.insertInto('sso_device_authorizations').values(row).execute();
    },
    async updateDeviceAuthorization(deviceCodeHash, patch) {
      await db
        .updateTable('sso_device_authorizations')
        .set(patch)
        .where('device_code_hash', '=', deviceCodeHash)
        .execute();
    },
    async insertAuthorizationCode(row) {
      await db.insertInto('sso_authorization_codes').values(row).execute();
    },
    async redeemAuthorizationCode(codeHash) {
      const r = await db
        .updateTable('sso_authorization_codes')
        .set({ redeemed: 1 })
        .where('code_hash', '=', codeHash)
        .where('redeemed', '=', 0)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async insertToken(row) {
      await db.insertInto('sso_tokens').values(row).execute();
    },
    async revokeFamily(familyId, at) {
      await db
        .updateTable('sso_tokens')
        .set({ revoked_at: at })
        .where('family_id', '=', familyId)
        .where('revoked_at', 'is', null)
        .execute();
    },
    async deleteExpired(before) {
      await db.deleteFrom('sso_web_sessions').where('expires_at', '<', before).execute();
      await db.deleteFrom('sso_device_authorizations').where('expires_at', '<', before).execute();
      await db.deleteFrom('sso_authorization_codes').where('expires_at', '<', before).execute();
      await db.deleteFrom('sso_tokens').where('expires_at', '<', before).execute();
    },
  };
}
