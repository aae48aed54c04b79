// HTTP wiring: health, metrics and dev routes under /_tessera/; the web console (/console/…);
// Identity Center's pages (/start/…, /sso/…); outbound web identity federation's issuers (/outbound-oidc/…); REST-JSON requests;
// requests for services Tessera does not serve (answered in their own protocol); a POST whose
// X-Amz-Target names a JSON 1.1 service to the JSON endpoint; everything else to the Query endpoint.
// Every answer is logged as one JSON line (request-log.ts) and observed by the metrics; a client that
// goes away mid-request is one quiet line, never a stack trace.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from '../api/index.ts';
import type { Authenticator } from '../authn/index.ts';
import { AwsError } from '../errors.ts';
import { errorXml, serviceModel, xmlNamespaceOf } from '../protocol/index.ts';
import { newRequestId } from '../domain/index.ts';
import { BodyTooLarge, ClientAborted, readBody } from './read-body.ts';
import { handleQuery } from './query-endpoint.ts';
import { identifyClient, type TrustedProxies } from './client-address.ts';
import { handleJson, isJsonTarget } from './json-endpoint.ts';
import { handleRestJson, restJsonServiceOf } from './rest-json-endpoint.ts';
import { unservedReply, unservedServiceOf } from './unserved-service.ts';
import { handleAuthorize } from './authorize-endpoint.ts';
import { readPublicKeys } from '../audit/index.ts';
import { handleWorkloadRoute } from './workload-credentials/routes.ts';
import { handleSsoPage, isSsoPage } from './identity-center/sso-routes.ts';
import { handleConsole, isConsolePath } from './console/console-routes.ts';
import { handleOutboundOidc, isOutboundOidcPath } from './outbound-oidc-routes.ts';
import { logRequest, type Logger, type RequestEntry } from './request-log.ts';
import type { RateLimits } from './rate-limit.ts';
import type { Readiness } from './readiness.ts';

export interface HttpDeps {
  services: Services;
  authenticator: Authenticator;
  dev: boolean;
  reset(): Promise<void>;
  log: Logger;
  limits?: RateLimits;
  /** Whether the node should receive traffic (store reachable, schema current, not shutting down). */
  readiness(): Promise<Readiness>;
  /** The metrics endpoint, when enabled. */
  metrics?: { path: string; handle(req: IncomingMessage, res: ServerResponse): Promise<void> };
  /** Proxies whose X-Forwarded-For and X-Forwarded-Proto name the client (none: the socket's peer). */
  trustedProxies?: TrustedProxies;
  /** Called once per answered request (metrics). */
  observe?(entry: RequestEntry): void;
}

const MAX_BODY = 1024 * 1024;
const QUERY_METHODS = new Set(['GET', 'POST']);

export async function handleHttp(req: IncomingMessage, res: ServerResponse, deps: HttpDeps): Promise<void> {
  const started = performance.now();
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q + 1);
  const entry: RequestEntry = {
    requestId: '',
    method: req.method ?? '',
    path,
    status: 0,
    latencyMs: 0,
    sourceIp: identifyClient(req, deps.trustedProxies).address,
  };
  let failure: unknown;
  let restService: ReturnType<typeof restJsonServiceOf>;
  let unserved: string | undefined;
  try {
    if (deps.metrics && path === deps.metrics.path) {
      entry.service = 'metrics';
      await deps.metrics.handle(req, res);
    } else if (path.startsWith('/_tessera/')) await internalRoute(req, res, path, deps, entry);
    else if (isOutboundOidcPath(path)) {
      // the issuers of GetWebIdentityToken's JWTs: discovery and JWKS, public
      entry.service = 'outbound-oidc';
      entry.requestId = newRequestId();
      entry.action = await handleOutboundOidc(req, res, path, deps.services);
    } else if (isConsolePath(path)) {
      // the web console: its JSON API and the built app
      entry.service = 'console';
      entry.requestId = newRequestId();
      entry.action = await handleConsole(req, res, path, {
        services: deps.services,
        authenticator: deps.authenticator,
        sourceIp: entry.sourceIp,
        requestId: entry.requestId,
      });
    } else if (isSsoPage(path)) {
      entry.service = 'sso-pages';
      entry.requestId = newRequestId();
      entry.action = await handleSsoPage(req, res, path, query, {
        services: deps.services,
        sourceIp: entry.sourceIp,
      });
    } else if ((restService = restJsonServiceOf(req, path, query))) {
      const body = await readBody(req, MAX_BODY);
      const reply = await handleRestJson(
        restService,
        req,
        path,
        query,
        body,
        deps.services,
        deps.authenticator,
        deps.limits,
      );
      entry.requestId = reply.requestId;
      Object.assign(entry, reply.record);
      failure = reply.failure;
      res.writeHead(reply.status, {
        'content-type': 'application/json',
        'x-amzn-requestid': reply.requestId,
        ...(reply.errorType ? { 'x-amzn-errortype': reply.errorType } : {}),
        'content-length': Buffer.byteLength(reply.body),
      });
      res.end(reply.body);
    } else if ((unserved = unservedServiceOf(req, query, isJsonTarget(req.headers['x-amz-target'])))) {
      await readBody(req, MAX_BODY);
      entry.requestId = newRequestId();
      entry.service = unserved;
      const reply = unservedReply(req, unserved, entry.requestId);
      res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
      res.end(reply.body);
    } else if (!QUERY_METHODS.has(req.method ?? '')) methodNotAllowed(res, entry);
    else if (req.method === 'POST' && isJsonTarget(req.headers['x-amz-target'])) {
      const body = await readBody(req, MAX_BODY);
      const reply = await handleJson(req, path, query, body, deps.services, deps.authenticator, deps.limits);
      entry.requestId = reply.requestId;
      Object.assign(entry, reply.record);
      failure = reply.failure;
      res.writeHead(reply.status, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': reply.requestId,
        ...(reply.errorType ? { 'x-amzn-errortype': reply.errorType } : {}),
        'content-length': Buffer.byteLength(reply.body),
      });
      res.end(reply.body);
    } else {
      const body = await readBody(req, MAX_BODY);
      const reply = await handleQuery(req, path, query, body, deps.services, deps.authenticator, deps.limits);
      entry.requestId = reply.requestId;
      Object.assign(entry, reply.record);
      failure = reply.failure;
      res.writeHead(reply.status, {
        'content-type': 'text/xml',
        'x-amzn-requestid': reply.requestId,
        'content-length': Buffer.byteLength(reply.body),
      });
      res.end(reply.body);
    }
  } catch (err) {
    if (err instanceof ClientAborted) {
      entry.status = 499; // nginx's "client closed request": nothing was answered
      finish(entry, started, deps, 'client closed the connection before the request was read');
      return;
    }
    if (err instanceof BodyTooLarge) {
      if (!res.headersSent) res.writeHead(413, { connection: 'close' });
      res.end();
    } else {
      failure = err;
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  }
  entry.status = res.statusCode;
  finish(entry, started, deps, undefined, failure);
}

function finish(
  entry: RequestEntry,
  started: number,
  deps: HttpDeps,
  aborted?: string,
  failure?: unknown,
): void {
  entry.latencyMs = Math.round((performance.now() - started) * 1000) / 1000;
  if (aborted) deps.log.info({ ...entry, reason: aborted }, 'request aborted');
  else logRequest(deps.log, entry, failure);
  deps.observe?.(entry);
}

/** The Query protocol is GET and POST only: other methods get 405 in AWS's error shape. */
function methodNotAllowed(res: ServerResponse, entry: RequestEntry): void {
  const requestId = newRequestId();
  const error = new AwsError(
    'MethodNotAllowed',
    `The HTTP method ${entry.method} is not allowed for this resource; use GET or POST.`,
  );
  const body = errorXml(xmlNamespaceOf(serviceModel('iam')), error, requestId);
  entry.requestId = requestId;
  entry.errorCode = error.code;
  res
    .writeHead(405, {
      allow: 'GET, POST',
      'content-type': 'text/xml',
      'x-amzn-requestid': requestId,
      'content-length': Buffer.byteLength(body),
    })
    .end(body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res
    .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
    .end(text);
}

async function internalRoute(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  deps: HttpDeps,
  entry: RequestEntry,
): Promise<void> {
  entry.service = 'tessera';
  entry.requestId = newRequestId();
  if (path === '/_tessera/health' || path === '/_tessera/live') {
    entry.action = 'live';
    return json(res, 200, { status: 'ok' });
  }
  if (path === '/_tessera/ready') {
    entry.action = 'ready';
    const r = await deps.readiness();
    return json(
      res,
      r.ready ? 200 : 503,
      r.ready ? { status: 'ready' } : { status: 'not ready', reason: r.reason },
    );
  }
  if (deps.limits && !deps.limits.perAddress.take(entry.sourceIp)) {
    entry.errorCode = 'Throttling';
    return json(res, 429, { error: { code: 'Throttling', message: 'Rate exceeded' } });
  }
  if (path === '/_tessera/audit/public-keys' && req.method === 'GET') {
    // the keys that verify an account's digest files, as CloudTrail's ListPublicKeys lists them; public
    entry.action = 'audit-public-keys';
    const account = new URLSearchParams((req.url ?? '').split('?')[1] ?? '').get('account') ?? '';
    if (!/^\d{12}$/.test(account))
      return json(res, 400, {
        error: { code: 'ValidationError', message: 'account must be a 12-digit account id' },
      });
    return json(res, 200, await readPublicKeys(deps.services.store, account));
  }
  if (path === '/_tessera/authorize') {
    entry.action = 'authorize';
    return handleAuthorize(req, res, path, deps);
  }
  if (await handleWorkloadRoute(req, res, path, deps)) {
    entry.action = 'workload-credentials';
    return;
  }
  if (path === '/_tessera/reset' && req.method === 'POST' && deps.dev) {
    entry.action = 'reset';
    await deps.reset();
    return json(res, 200, { reset: true });
  }
  json(res, 404, { error: 'not found' });
}
