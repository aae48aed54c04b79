// POST /_tessera/authorize: the authorization API for other services, as JSON over HTTP. Its steps:
// read → authenticate the caller (SigV4, service `tessera`) → decode → find the principal asked about →
// authorize the caller (`tessera:Authorize` on that principal's ARN) → decide and explain → reply.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from '../api/action.ts';
import type { Authenticator } from '../authn/authenticator.ts';
import type { RequestFacts } from '../authz/authorize.ts';
import {
  authorizeExternalRequest,
  ExternalAuthorizationError,
  parseExternalInput,
  resolveExternalPrincipal,
} from '../authz/index.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { readBody } from './read-body.ts';

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
        if (err instanceof AwsError) throw new ExternalAuthorizationError(err.code, err.message, 403);
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
    const resolved = await resolveExternalPrincipal(deps, input, now);
    const sourceIp = req.socket.remoteAddress ?? '';
    const facts: RequestFacts = {
      now,
      sourceIp: sourceIp.startsWith('::ffff:') ? sourceIp.slice(7) : sourceIp,
      secureTransport: 'encrypted' in req.socket && req.socket.encrypted === true,
      region: caller.signature.region,
    };
    const allowed = await services.authorizer.decide({
      principal: caller.principal,
      action: AUTHORIZE_ACTION,
      resource: resolved.principal.arn,
      request: facts,
    });
    if (allowed.decision !== 'Allow')
      throw new ExternalAuthorizationError('AccessDenied', allowed.message ?? 'Access denied', 403);
    reply(res, 200, await authorizeExternalRequest(deps, input, resolved));
  } catch (err) {
    if (err instanceof ExternalAuthorizationError) return failure(res, err.status, err.code, err.message);
    throw err;
  }
}
