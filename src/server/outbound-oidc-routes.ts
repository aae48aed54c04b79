// The issuers of outbound web identity federation, served without a signature as an external service
// reads them: `<issuer>/.well-known/openid-configuration` (OIDC discovery) and
// `<issuer>/.well-known/jwks.json` (the public keys that verify GetWebIdentityToken's JWTs), for
// every issuer `/outbound-oidc/<issuer id>`. An issuer stays served after its account disables the
// feature, so tokens issued before keep verifying until they expire.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from '../api/index.ts';
import { OUTBOUND_ISSUER_PATH } from '../domain/index.ts';
import { AWS_CLAIMS_NAMESPACE, WEB_IDENTITY_SIGNING_ALGORITHMS, webIdentityJwks } from '../sts/index.ts';

const DISCOVERY = '/.well-known/openid-configuration';
const JWKS = '/.well-known/jwks.json';
/** How long a verifier may cache the documents (a new key is found by its kid anyway). */
const MAX_AGE_SECONDS = 60;

export function isOutboundOidcPath(path: string): boolean {
  return path.startsWith(OUTBOUND_ISSUER_PATH);
}

function send(res: ServerResponse, status: number, body: unknown, head: boolean, cache = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...(cache ? { 'cache-control': `public, max-age=${MAX_AGE_SECONDS}` } : {}),
  });
  res.end(head ? undefined : text);
}

/** The discovery document of an issuer (RFC 8414 / OpenID Connect Discovery 1.0 fields). */
function discoveryDocument(issuer: string): Record<string, unknown> {
  return {
    issuer,
    jwks_uri: `${issuer}${JWKS}`,
    response_types_supported: ['id_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: WEB_IDENTITY_SIGNING_ALGORITHMS,
    claims_supported: ['iss', 'sub', 'aud', 'iat', 'nbf', 'exp', 'jti', AWS_CLAIMS_NAMESPACE],
  };
}

/** Answers a request under /outbound-oidc/; returns what it served, for the request log. */
export async function handleOutboundOidc(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  services: Services,
): Promise<string> {
  const method = req.method ?? '';
  if (method !== 'GET' && method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return 'method-not-allowed';
  }
  const head = method === 'HEAD';
  const rest = path.slice(OUTBOUND_ISSUER_PATH.length);
  const slash = rest.indexOf('/');
  const issuerId = slash < 0 ? rest : rest.slice(0, slash);
  const document = slash < 0 ? '' : rest.slice(slash);
  if (document !== DISCOVERY && document !== JWKS) {
    send(res, 404, { error: 'not found' }, head);
    return 'not-found';
  }
  const row = await services.store.read((r) => r.outboundWebIdentity.byIssuerId(issuerId));
  if (!row) {
    send(res, 404, { error: 'not found' }, head);
    return 'not-found';
  }
  if (document === DISCOVERY) {
    send(res, 200, discoveryDocument(row.issuer_url), head, true);
    return 'openid-configuration';
  }
  send(res, 200, await webIdentityJwks(services.store), head, true);
  return 'jwks';
}
