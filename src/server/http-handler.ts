// HTTP wiring: health and dev routes under /_tessera/, everything else to the Query endpoint.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from '../api/action.ts';
import type { Authenticator } from '../authn/authenticator.ts';
import { BodyTooLarge, readBody } from './read-body.ts';
import { handleQuery } from './query-endpoint.ts';
import { handleAuthorize } from './authorize-endpoint.ts';
import { handleWorkloadRoute } from './workload-credentials/routes.ts';

export interface HttpDeps {
  services: Services;
  authenticator: Authenticator;
  dev: boolean;
  reset(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

export async function handleHttp(req: IncomingMessage, res: ServerResponse, deps: HttpDeps): Promise<void> {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q + 1);
  try {
    if (path.startsWith('/_tessera/')) return await internalRoute(req, res, path, deps);
    const body = await readBody(req, MAX_BODY);
    const reply = await handleQuery(req, path, query, body, deps.services, deps.authenticator);
    res.writeHead(reply.status, {
      'content-type': 'text/xml',
      'x-amzn-requestid': reply.requestId,
      'content-length': Buffer.byteLength(reply.body),
    });
    res.end(reply.body);
  } catch (err) {
    if (err instanceof BodyTooLarge) {
      res.writeHead(413).end();
      return;
    }
    console.error(
      `[tessera] ${req.method} ${path} failed: ${err instanceof Error ? err.stack : String(err)}`,
    );
    if (!res.headersSent) res.writeHead(500);
    res.end();
  }
}

async function internalRoute(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  deps: HttpDeps,
): Promise<void> {
  if (path === '/_tessera/authorize') return handleAuthorize(req, res, path, deps);
  if (await handleWorkloadRoute(req, res, path, deps)) return;
  if (path === '/_tessera/health' && req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
    return;
  }
  if (path === '/_tessera/reset' && req.method === 'POST' && deps.dev) {
    await deps.reset();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ reset: true }));
    return;
  }
  res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
}
