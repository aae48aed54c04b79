// Signing in to Identity Center: the pages' sign-in sessions, SSO OIDC clients, device authorizations,
// PKCE authorization codes and tokens, each secret kept as its SHA-256 hash. No cache depends on them,
// so writes announce nothing.
import type { Selectable, Updateable } from 'kysely';
import type {
  IdcUsersTable,
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

/** What signing in reads of an identity-store user: its names, status and credentials. */
export type SignInUserRow = Pick<
  Selectable<IdcUsersTable>,
  | 'identity_store_id'
  | 'user_id'
  | 'user_name'
  | 'display_name'
  | 'status'
  | 'password_hash'
  | 'password_set_at'
  | 'password_reset_required'
  | 'mfa_secret'
  | 'mfa_registered_at'
  | 'mfa_last_step'
>;

/** The credential columns of an identity-store user, which only sign-in and its commands write. */
export type SignInCredentialPatch = Pick<
  Updateable<IdcUsersTable>,
  | 'password_hash'
  | 'password_set_at'
  | 'password_reset_required'
  | 'mfa_secret'
  | 'mfa_registered_at'
  | 'mfa_last_step'
>;

const SIGN_IN_COLUMNS = [
  'identity_store_id',
  'user_id',
  'user_name',
  'display_name',
  'status',
  'password_hash',
  'password_set_at',
  'password_reset_required',
  'mfa_secret',
  'mfa_registered_at',
  'mfa_last_step',
] as const;

/** Reading sign-in sessions, clients, device authorizations, codes and tokens by their hashes. */
export interface SsoSignInReader {
  /** An identity-store user by user name (any case), with its credentials. */
  signInUser(identityStoreId: string, userName: string): Promise<SignInUserRow | undefined>;
  signInUserById(identityStoreId: string, userId: string): Promise<SignInUserRow | undefined>;
  webSession(tokenHash: string): Promise<SsoWebSessionRow | undefined>;
  client(clientId: string): Promise<SsoOidcClientRow | undefined>;
  deviceAuthorization(deviceCodeHash: string): Promise<SsoDeviceAuthorizationRow | undefined>;
  deviceAuthorizationByUserCode(userCode: string): Promise<SsoDeviceAuthorizationRow | undefined>;
  authorizationCode(codeHash: string): Promise<SsoAuthorizationCodeRow | undefined>;
  token(tokenHash: string): Promise<SsoTokenRow | undefined>;
}

/** The same, written. */
export interface SsoSignInRepo extends SsoSignInReader {
  setCredentials(identityStoreId: string, userId: string, patch: SignInCredentialPatch): Promise<void>;
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
  /** Revokes one token at `at`. */
  revokeToken(tokenHash: string, at: string): Promise<void>;
  /** Revokes every token of a family at `at`. */
  revokeFamily(familyId: string, at: string): Promise<void>;
  /** Deletes what expired before `before`: sessions, device authorizations, codes and tokens. */
  deleteExpired(before: string): Promise<void>;
}

export function ssoSignInRepo(db: Db): SsoSignInRepo {
  return {
    signInUser: (identityStoreId, userName) =>
      db
        .selectFrom('idc_users')
        .select(SIGN_IN_COLUMNS)
        .where('identity_store_id', '=', identityStoreId)
        .where('user_name_key', '=', userName.toLowerCase())
        .executeTakeFirst(),
    signInUserById: (identityStoreId, userId) =>
      db
        .selectFrom('idc_users')
        .select(SIGN_IN_COLUMNS)
        .where('identity_store_id', '=', identityStoreId)
        .where('user_id', '=', userId)
        .executeTakeFirst(),
    async setCredentials(identityStoreId, userId, patch) {
      await db
        .updateTable('idc_users')
        .set(patch)
        .where('identity_store_id', '=', identityStoreId)
        .where('user_id', '=', userId)
        .execute();
    },
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
    async revokeToken(tokenHash, at) {
      await db
        .updateTable('sso_tokens')
        .set({ revoked_at: at })
        .where('token_hash', '=', tokenHash)
        .execute();
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
