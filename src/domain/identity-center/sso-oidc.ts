// SSO OIDC's rules: registered clients (a secret for 90 days), device authorizations (a device code and
// a short user code, approved or denied by a signed-in person, polled no faster than the interval,
// void after ten minutes), authorization codes with PKCE (S256), and the tokens CreateToken hands out —
// an access token (bearer, for the portal) and, for clients that registered scopes, a refresh token
// that is rotated on use; a refresh token used twice revokes its whole family.
import { createHash, randomInt } from 'node:crypto';
import { bearerTokenHash, newBearerToken } from '../../crypto/index.ts';
import { AwsError } from '../../errors.ts';
import type {
  ReadRepos,
  Repos,
  SsoDeviceAuthorizationRow,
  SsoOidcClientRow,
  SsoTokenRow,
} from '../../store/index.ts';

export const DEVICE_CODE_SECONDS = 600;
/** An access token's life: Identity Center's default session duration, eight hours. */
export const SSO_ACCESS_TOKEN_SECONDS = 8 * 3600;
export const POLL_INTERVAL_SECONDS = 1;
const CLIENT_SECRET_SECONDS = 90 * 86_400;
const REFRESH_TOKEN_SECONDS = 90 * 86_400;
const AUTHORIZATION_CODE_SECONDS = 300;

export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const GRANTS = [DEVICE_GRANT, 'authorization_code', 'refresh_token'] as const;

/** An OIDC error in AWS's shape: the exception's name, with `error` and `error_description`. */
export function oidcError(
  code:
    | 'AuthorizationPendingException'
    | 'SlowDownException'
    | 'ExpiredTokenException'
    | 'AccessDenied'
    | 'InvalidClientException'
    | 'InvalidGrantException'
    | 'InvalidRequestException'
    | 'InvalidScopeException'
    | 'UnsupportedGrantTypeException'
    | 'InvalidRedirectUriException',
  error: string,
  description: string,
): AwsError {
  return new AwsError(code, description, { fields: { error, error_description: description } });
}

const list = (json: string) => JSON.parse(json) as string[];
const iso = (at: Date) => at.toISOString();
const later = (now: Date, seconds: number) => new Date(now.getTime() + seconds * 1000);

export interface ClientRegistration {
  clientName: string;
  clientType: string;
  scopes?: string[];
  grantTypes?: string[];
  redirectUris?: string[];
  issuerUrl?: string;
}

/** RegisterClient: a new client and its secret (shown once). */
export async function registerClient(
  repos: Repos,
  input: ClientRegistration,
  now: Date,
): Promise<{ clientId: string; clientSecret: string; issuedAt: Date; expiresAt: Date }> {
  if (input.clientType !== 'public')
    throw oidcError('InvalidRequestException', 'invalid_request', 'clientType must be public.');
  for (const g of input.grantTypes ?? [])
    if (!(GRANTS as readonly string[]).includes(g))
      throw oidcError(
        'UnsupportedGrantTypeException',
        'unsupported_grant_type',
        `Grant type ${g} is not supported.`,
      );
  for (const uri of input.redirectUris ?? [])
    if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(uri))
      throw oidcError(
        'InvalidRedirectUriException',
        'invalid_redirect_uri',
        `Redirect URI ${uri} must be a loopback address over http.`,
      );
  const clientId = newBearerToken('').slice(0, 22);
  const clientSecret = newBearerToken('tsc_');
  const expiresAt = later(now, CLIENT_SECRET_SECONDS);
  const row: SsoOidcClientRow = {
    client_id: clientId,
    secret_hash: bearerTokenHash(clientSecret),
    client_name: input.clientName,
    client_type: input.clientType,
    scopes: JSON.stringify(input.scopes ?? []),
    grant_types: JSON.stringify(input.grantTypes ?? [DEVICE_GRANT, 'refresh_token']),
    redirect_uris: JSON.stringify(input.redirectUris ?? []),
    issuer_url: input.issuerUrl ?? null,
    created_at: iso(now),
    expires_at: iso(expiresAt),
  };
  await repos.ssoSignIn.insertClient(row);
  return { clientId, clientSecret, issuedAt: now, expiresAt };
}

/** The client a request names, if its secret is right and unexpired; InvalidClientException otherwise. */
export async function authenticateClient(
  repos: ReadRepos,
  clientId: string,
  clientSecret: string,
  now: Date,
): Promise<SsoOidcClientRow> {
  const row = await repos.ssoSignIn.client(clientId);
  if (!row || row.secret_hash !== bearerTokenHash(clientSecret) || row.expires_at <= iso(now))
    throw oidcError(
      'InvalidClientException',
      'invalid_client',
      'The client is unknown, or its secret is wrong or expired.',
    );
  return row;
}

/** The identity store a start URL names: `<Tessera>/start/d-<10 hex>`. */
export function identityStoreOfStartUrl(startUrl: string): string | undefined {
  let path: string;
  try {
    path = new URL(startUrl).pathname;
  } catch {
    return undefined;
  }
  return /^\/start\/(d-[0-9a-f]{10})\/?$/.exec(path)?.[1];
}

const USER_CODE_LETTERS = 'BCDFGHJKLMNPQRSTVWXZ';
function newUserCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += USER_CODE_LETTERS[randomInt(USER_CODE_LETTERS.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** StartDeviceAuthorization: the device code (secret) and the user code a person confirms. */
export async function startDeviceAuthorization(
  repos: Repos,
  client: SsoOidcClientRow,
  startUrl: string,
  now: Date,
): Promise<{ deviceCode: string; userCode: string }> {
  const identityStoreId = identityStoreOfStartUrl(startUrl);
  if (!identityStoreId || !(await repos.idcInstances.byIdentityStore(identityStoreId)))
    throw oidcError(
      'InvalidRequestException',
      'invalid_request',
      `No Identity Center instance has the start URL ${startUrl}.`,
    );
  const deviceCode = newBearerToken('tsd_');
  const userCode = newUserCode();
  await repos.ssoSignIn.insertDeviceAuthorization({
    device_code_hash: bearerTokenHash(deviceCode),
    user_code: userCode,
    client_id: client.client_id,
    identity_store_id: identityStoreId,
    status: 'PENDING',
    user_id: null,
    interval_seconds: POLL_INTERVAL_SECONDS,
    last_polled_at: null,
    created_at: iso(now),
    expires_at: iso(later(now, DEVICE_CODE_SECONDS)),
  });
  return { deviceCode, userCode };
}

/** The pending authorization a person is asked to confirm, by its user code (any case). */
export async function pendingDeviceAuthorization(
  repos: ReadRepos,
  userCode: string,
  now: Date,
): Promise<{ row: SsoDeviceAuthorizationRow; client: SsoOidcClientRow | undefined } | undefined> {
  const row = await repos.ssoSignIn.deviceAuthorizationByUserCode(userCode.trim().toUpperCase());
  if (!row || row.status !== 'PENDING' || row.expires_at <= iso(now)) return undefined;
  return { row, client: await repos.ssoSignIn.client(row.client_id) };
}

/** A signed-in person's answer to a device authorization of their identity store. */
export async function answerDeviceAuthorization(
  repos: Repos,
  row: SsoDeviceAuthorizationRow,
  user: { identity_store_id: string; user_id: string },
  approve: boolean,
): Promise<void> {
  if (row.identity_store_id !== user.identity_store_id)
    throw new AwsError('AccessDenied', 'Not your directory.');
  await repos.ssoSignIn.updateDeviceAuthorization(row.device_code_hash, {
    status: approve ? 'APPROVED' : 'DENIED',
    user_id: approve ? user.user_id : null,
  });
}

export interface IssuedTokens {
  accessToken: string;
  expiresIn: number;
  refreshToken?: string;
}

async function issueTokens(
  repos: Repos,
  client: SsoOidcClientRow,
  subject: { identity_store_id: string; user_id: string },
  scopes: string[],
  now: Date,
  accessSeconds: number,
  familyId: string,
): Promise<IssuedTokens> {
  const base = {
    family_id: familyId,
    client_id: client.client_id,
    identity_store_id: subject.identity_store_id,
    user_id: subject.user_id,
    scopes: JSON.stringify(scopes),
    created_at: iso(now),
    revoked_at: null,
  };
  const accessToken = newBearerToken('tsa_');
  await repos.ssoSignIn.insertToken({
    ...base,
    token_hash: bearerTokenHash(accessToken),
    kind: 'ACCESS',
    expires_at: iso(later(now, accessSeconds)),
  });
  if (scopes.length === 0 || !list(client.grant_types).includes('refresh_token'))
    return { accessToken, expiresIn: accessSeconds };
  const refreshToken = newBearerToken('tsr_');
  await repos.ssoSignIn.insertToken({
    ...base,
    token_hash: bearerTokenHash(refreshToken),
    kind: 'REFRESH',
    expires_at: iso(later(now, REFRESH_TOKEN_SECONDS)),
  });
  return { accessToken, expiresIn: accessSeconds, refreshToken };
}

/**
 * CreateToken with a device code: pending until approved (slow down when polled faster than the
 * interval), expired after ten minutes, refused when denied, redeemed once.
 */
export async function redeemDeviceCode(
  repos: Repos,
  client: SsoOidcClientRow,
  deviceCode: string,
  now: Date,
  accessSeconds: number,
): Promise<IssuedTokens> {
  const row = await repos.ssoSignIn.deviceAuthorization(bearerTokenHash(deviceCode));
  if (!row || row.client_id !== client.client_id || row.status === 'REDEEMED')
    throw oidcError('InvalidGrantException', 'invalid_grant', 'The device code is not valid.');
  if (row.expires_at <= iso(now))
    throw oidcError('ExpiredTokenException', 'expired_token', 'The device code has expired.');
  if (row.status === 'DENIED')
    throw oidcError('AccessDenied', 'access_denied', 'The request was denied by the user.');
  if (row.status === 'PENDING') {
    const tooSoon =
      row.last_polled_at !== null &&
      now.getTime() - Date.parse(row.last_polled_at) < row.interval_seconds * 1000 - 100;
    await repos.ssoSignIn.updateDeviceAuthorization(row.device_code_hash, { last_polled_at: iso(now) });
    if (tooSoon) throw oidcError('SlowDownException', 'slow_down', 'Polling faster than the interval.');
    throw oidcError(
      'AuthorizationPendingException',
      'authorization_pending',
      'The user has not yet approved the request.',
    );
  }
  await repos.ssoSignIn.updateDeviceAuthorization(row.device_code_hash, { status: 'REDEEMED' });
  return issueTokens(
    repos,
    client,
    { identity_store_id: row.identity_store_id, user_id: row.user_id! },
    list(client.scopes),
    now,
    accessSeconds,
    row.device_code_hash,
  );
}

/** CreateToken with a refresh token: a new access token and a new refresh token; the old one is spent. */
export async function redeemRefreshToken(
  repos: Repos,
  client: SsoOidcClientRow,
  refreshToken: string,
  now: Date,
  accessSeconds: number,
): Promise<IssuedTokens> {
  const row = await repos.ssoSignIn.token(bearerTokenHash(refreshToken));
  if (!row || row.kind !== 'REFRESH' || row.client_id !== client.client_id || row.expires_at <= iso(now))
    throw oidcError('InvalidGrantException', 'invalid_grant', 'The refresh token is not valid.');
  if (row.revoked_at !== null) {
    // a spent refresh token presented again: someone else may hold the family, end all of it
    await repos.ssoSignIn.revokeFamily(row.family_id, iso(now));
    throw oidcError('InvalidGrantException', 'invalid_grant', 'The refresh token is not valid.');
  }
  await repos.ssoSignIn.revokeToken(row.token_hash, iso(now));
  return issueTokens(repos, client, row, list(row.scopes), now, accessSeconds, row.family_id);
}

/** Creates an authorization code for a signed-in person approving a client (the PKCE grant). */
export async function newAuthorizationCode(
  repos: Repos,
  client: SsoOidcClientRow,
  redirectUri: string,
  codeChallenge: string,
  user: { identity_store_id: string; user_id: string },
  scopes: string[],
  now: Date,
): Promise<string> {
  if (!list(client.redirect_uris).includes(redirectUri))
    throw oidcError(
      'InvalidRedirectUriException',
      'invalid_redirect_uri',
      'The redirect URI was not registered.',
    );
  const code = newBearerToken('tsk_');
  await repos.ssoSignIn.insertAuthorizationCode({
    code_hash: bearerTokenHash(code),
    client_id: client.client_id,
    redirect_uri: redirectUri,
    code_challenge: codeChallenge,
    identity_store_id: user.identity_store_id,
    user_id: user.user_id,
    scopes: JSON.stringify(scopes),
    created_at: iso(now),
    expires_at: iso(later(now, AUTHORIZATION_CODE_SECONDS)),
    redeemed: 0,
  });
  return code;
}

/** CreateToken with an authorization code: the verifier must hash (S256) to the challenge, once. */
export async function redeemAuthorizationCode(
  repos: Repos,
  client: SsoOidcClientRow,
  code: string,
  redirectUri: string | undefined,
  codeVerifier: string | undefined,
  now: Date,
  accessSeconds: number,
): Promise<IssuedTokens> {
  const invalid = () =>
    oidcError('InvalidGrantException', 'invalid_grant', 'The authorization code is not valid.');
  const row = await repos.ssoSignIn.authorizationCode(bearerTokenHash(code));
  if (!row || row.client_id !== client.client_id || row.expires_at <= iso(now)) throw invalid();
  if (redirectUri !== row.redirect_uri || codeVerifier === undefined) throw invalid();
  const challenge = createHash('sha256').update(codeVerifier).digest('base64url');
  if (challenge !== row.code_challenge) throw invalid();
  if (!(await repos.ssoSignIn.redeemAuthorizationCode(row.code_hash))) throw invalid();
  return issueTokens(repos, client, row, list(row.scopes), now, accessSeconds, row.code_hash);
}

/** The person an access token stands for; UnauthorizedException when it is unknown, expired or revoked. */
export async function tokenSubject(repos: ReadRepos, accessToken: string, now: Date): Promise<SsoTokenRow> {
  const row = await repos.ssoSignIn.token(bearerTokenHash(accessToken));
  if (!row || row.kind !== 'ACCESS' || row.revoked_at !== null || row.expires_at <= iso(now))
    throw new AwsError('UnauthorizedException', 'Session token not found or invalid');
  return row;
}

/** Logout: ends the token's sign-in (its family: access and refresh tokens). */
export async function logout(repos: Repos, accessToken: string, now: Date): Promise<void> {
  const row = await tokenSubject(repos, accessToken, now);
  await repos.ssoSignIn.revokeFamily(row.family_id, iso(now));
}
