// Migration 024: signing in to Identity Center and the tokens it hands out. Sign-in sessions of the
// portal pages (a cookie's token, stored as its hash, with the step the sign-in has reached), SSO OIDC
// clients (RegisterClient), device authorizations (StartDeviceAuthorization, approved on the device
// page), authorization codes (the PKCE grant) and access and refresh tokens (CreateToken), each
// secret stored only as its SHA-256 hash.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sso_web_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('identity_store_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    /** MFA (the password was right, the code is due), PASSWORD_CHANGE, or SIGNED_IN. */
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('sso_oidc_clients')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('client_name', 'text', (c) => c.notNull())
    .addColumn('client_type', 'text', (c) => c.notNull())
    /** JSON lists: scopes, grant types and redirect URIs the client registered. */
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('grant_types', 'text', (c) => c.notNull())
    .addColumn('redirect_uris', 'text', (c) => c.notNull())
    /** The start URL the client registered as its issuer (the PKCE grant's identity store), if any. */
    .addColumn('issuer_url', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('sso_device_authorizations')
    .addColumn('device_code_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_code', 'text', (c) => c.notNull().unique())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('identity_store_id', 'text', (c) => c.notNull())
    /** PENDING, APPROVED, DENIED or REDEEMED. */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('interval_seconds', 'integer', (c) => c.notNull())
    .addColumn('last_polled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('sso_authorization_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    /** The PKCE challenge (S256) the code must be redeemed with. */
    .addColumn('code_challenge', 'text', (c) => c.notNull())
    .addColumn('identity_store_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('redeemed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('sso_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    /** ACCESS or REFRESH. */
    .addColumn('kind', 'text', (c) => c.notNull())
    /** The sign-in the token descends from: Logout and refresh-token reuse revoke the whole family. */
    .addColumn('family_id', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('identity_store_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('sso_tokens_family').on('sso_tokens').column('family_id').execute();
}
