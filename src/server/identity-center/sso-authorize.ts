// The PKCE grant's authorization page (/sso/authorize): a signed-in person allows a registered client
// with a loopback redirect URI, which gets a one-time code (or error=access_denied) back. AWS's path,
// /authorize at the SSO OIDC endpoint, leads here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { identityStoreOfStartUrl, newAuthorizationCode } from '../../domain/index.ts';
import type { SsoWebSessionRow } from '../../store/index.ts';
import { csrfOf, forbidden, html, redirect, STORE_ID } from './sso-http.ts';
import { authorizeClientPage, messagePage } from './sso-pages.ts';
import type { SsoPageContext } from './sso-routes.ts';

/**
 * The PKCE grant's authorization endpoint: a signed-in person allows a registered client, which is
 * sent back to its loopback redirect URI with a code (or with error=access_denied).
 */
export async function authorizeClient(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: SsoPageContext,
  params: URLSearchParams,
  form: URLSearchParams,
  signedIn: SsoWebSessionRow | undefined,
  csrfOk: boolean,
  now: Date,
): Promise<string> {
  const { store } = ctx.services;
  const clientId = params.get('client_id') ?? '';
  const redirectUri = params.get('redirect_uri') ?? '';
  const challenge = params.get('code_challenge') ?? '';
  const client = await store.read((r) => r.ssoSignIn.client(clientId));
  const registered =
    client !== undefined && (JSON.parse(client.redirect_uris) as string[]).includes(redirectUri);
  if (
    !client ||
    !registered ||
    params.get('response_type') !== 'code' ||
    params.get('code_challenge_method') !== 'S256' ||
    !challenge
  ) {
    html(
      res,
      400,
      messagePage('Invalid request', 'The application sent an authorization request Tessera cannot accept.'),
    );
    return 'authorize-invalid';
  }
  // the client's issuer (its start URL, as newer AWS CLIs register it), else the request's own
  const identityStoreId =
    (client.issuer_url !== null ? identityStoreOfStartUrl(client.issuer_url) : undefined) ??
    params.get('store') ??
    '';
  if (signedIn && STORE_ID.test(identityStoreId) && signedIn.identity_store_id !== identityStoreId) {
    html(res, 403, messagePage('Not allowed', 'You are signed in to another directory.'));
    return 'authorize-other-store';
  }
  if (!signedIn) {
    if (!STORE_ID.test(identityStoreId)) {
      html(res, 400, messagePage('Invalid request', 'The request names no identity store (store=d-…).'));
      return 'authorize-invalid';
    }
    redirect(
      res,
      `/sso/signin?store=${identityStoreId}&next=${encodeURIComponent(`/sso/authorize?${params.toString()}`)}`,
    );
    return 'authorize-signin';
  }
  if (req.method === 'GET') {
    html(
      res,
      200,
      authorizeClientPage({
        csrf: csrfOf(signedIn),
        clientName: client.client_name,
        query: params.toString(),
      }),
    );
    return 'authorize';
  }
  if (!csrfOk) return forbidden(res);
  const state = params.get('state');
  const back = new URL(redirectUri);
  if (state !== null) back.searchParams.set('state', state);
  if (form.get('decision') !== 'allow') {
    back.searchParams.set('error', 'access_denied');
    redirect(res, back.toString());
    return 'authorize-denied';
  }
  const scopes = (params.get('scopes') ?? '').split(/[ ,]+/).filter(Boolean);
  const code = await store.write('', (r) =>
    newAuthorizationCode(r, client, redirectUri, challenge, signedIn, scopes, now),
  );
  back.searchParams.set('code', code);
  redirect(res, back.toString());
  return 'authorize-allowed';
}
