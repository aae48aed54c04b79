// POST /_tessera/authorize: the authorization API for other services, as JSON over HTTP. Its steps:
// read → authenticate the caller (SigV4, service `tessera`) → decode (with the context's bounds) →
// authorize the caller (`tessera:Authorize` on the ARN asked about, before looking it up) → find the
// principal → decide and explain → reply.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from '../api/index.ts';
import type { Authenticator } from '../authn/index.ts';
import {
  type RequestFacts,
  authorizeExternalRequest,
  ExternalAuthorizationError,
  type ExternalAuthorizationInput,
  parseExternalInput,
  parsePrincipalArn,
  resolveExternalPrincipal,
} from '../authz/index.ts';
import { type Principal, newRequestId } from '../domain/index.ts';
import { AwsError } from '../errors.ts';
import { recordAuthorizeDecision } from '../audit/index.ts';
import { readBody } from './read-body.ts';
import { clientAddress, secureTransport } from './client-address.ts';

export interface AuthorizeEndpointDeps {
  services: Services;
  authenticator: Authenticator;
}

/** The IAM action a caller of the endpoint must be allowed, on the ARN of the principal it asks about. */
export const AUTHORIZE_ACTION = 'tessera:Authorize';
const SERVICE = 'tessera';
const MAX_BODY = 4 * 1024 * 1024;

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res
    .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
    .end(text);
}

function failure(res: ServerResponse, status: number, code: string, message: string): void {
  reply(res, status, { error: { code, message } });
}

/**
 * Authorizes the caller before anything about the principal asked about is looked up, so that a caller
 * not allowed to ask learns nothing about which principals or access keys exist. A principalArn is
 * authorized as given. A forwarded request's principal is known only once its signature verifies; a
 * failure to verify is told only to a caller allowed `tessera:Authorize` on `*` (every principal), anyone
 * else gets the AccessDenied they would get for any key.
 */
async function callerMayAsk(
  deps: AuthorizeEndpointDeps,
  input: ExternalAuthorizationInput,
  now: Date,
  authorizeCaller: (resource: string) => Promise<void>,
): Promise<{ principal: Principal; region: string }> {
  if (input.principalArn !== undefined) {
    parsePrincipalArn(input.principalArn);
    await authorizeCaller(input.principalArn);
    return resolveExternalPrincipal(deps, input, now);
  }
  let resolved: { principal: Principal; region: string };
  try {
    resolved = await resolveExternalPrincipal(deps, input, now);
  } catch (err) {
    if (err instanceof ExternalAuthorizationError) await authorizeCaller('*');
    throw err;
  }
  await authorizeCaller(resolved.principal.arn);
  return resolved;
}

/** The access key that signed the forwarded request (an identifier, not a secret), when there is one. */
function keyIdOf(input: ExternalAuthorizationInput): { accessKeyId?: string } {
  const headers = input.request?.headers ?? {};
  const auth = Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
  const text = Array.isArray(auth) ? auth[0] : auth;
  const fromHeader = text ? /Credential=([A-Z0-9]+)\//.exec(text)?.[1] : undefined;
  const fromQuery = new URLSearchParams(input.request?.query ?? '').get('X-Amz-Credential')?.split('/')[0];
  const id = fromHeader ?? fromQuery;
  return id ? { accessKeyId: id } : {};
}

export async function handleAuthorize(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  deps: AuthorizeEndpointDeps,
): Promise<void> {
  if (req.method !== 'POST') return failure(res, 405, 'MethodNotAllowed', 'Use POST.');
  const body = await readBody(req, MAX_BODY);
  const { services, authenticator } = deps;
  const now = services.clock.now();
  const url = req.url ?? '';
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  try {
    const caller = await authenticator
      .authenticate({ method: 'POST', path, query, headers: req.headersDistinct, body }, now)
      .catch((err: unknown) => {
        // a refusal is 403; the database unreachable (503) stays what it is
        if (err instanceof AwsError)
          throw new ExternalAuthorizationError(err.code, err.message, err.status >= 500 ? err.status : 403);
        throw err;
      });
    if (caller.signature.service !== SERVICE)
      throw new ExternalAuthorizationError(
        'IncompleteSignature',
        `Credential should be scoped to correct service: '${SERVICE}'.`,
        403,
      );
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      throw new ExternalAuthorizationError('InvalidInput', 'The body is not valid JSON.', 400);
    }
    const input = parseExternalInput(json);
    const sourceIp = clientAddress(req);
    const facts: RequestFacts = {
      now,
      sourceIp,
      secureTransport: secureTransport(req),
      region: caller.signature.region,
    };
    const authorizeCaller = async (resource: string): Promise<void> => {
      const allowed = await services.authorizer.decide({
        principal: caller.principal,
        action: AUTHORIZE_ACTION,
        resource,
        request: facts,
      });
      if (allowed.decision !== 'Allow') {
        // the asking service itself was refused: its own event
        if (services.audit)
          recordAuthorizeDecision(services.audit, {
            at: now,
            region: facts.region,
            sourceIp: facts.sourceIp,
            requestId: newRequestId(),
            principal: caller.principal,
            asker: caller.principal,
            action: AUTHORIZE_ACTION,
            resource,
            decision: allowed.decision,
            ...(allowed.message !== undefined ? { message: allowed.message } : {}),
          });
        throw new ExternalAuthorizationError('AccessDenied', allowed.message ?? 'Access denied', 403);
      }
    };
    const resolved = await callerMayAsk(deps, input, now, authorizeCaller);
    const answer = await authorizeExternalRequest(deps, input, resolved);
    if (services.audit)
      recordAuthorizeDecision(services.audit, {
        at: now,
        region: resolved.region,
        sourceIp: facts.sourceIp,
        ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
        requestId: newRequestId(),
        principal: resolved.principal,
        ...keyIdOf(input),
        asker: caller.principal,
        action: input.action,
        resource: input.resource,
        decision: answer.decision,
        ...(answer.message !== undefined ? { message: answer.message } : {}),
      });
    reply(res, 200, answer);
  } catch (err) {
    if (err instanceof ExternalAuthorizationError) return failure(res, err.status, err.code, err.message);
    throw err;
  }
}
