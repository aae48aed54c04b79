// GET <metricsPath>: the Prometheus text of this server's metrics. With --metrics-auth the caller must
// sign the GET with SigV4 for the service `tessera` and be allowed `tessera:GetMetrics` on `*`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Authenticator } from '../authn/index.ts';
import type { Authorizer } from '../authz/index.ts';
import type { Clock } from '../domain/index.ts';
import { AwsError } from '../errors.ts';
import type { Metrics } from './metrics.ts';
import { clientAddress, secureTransport } from './client-address.ts';

export const GET_METRICS_ACTION = 'tessera:GetMetrics';

export interface MetricsEndpointDeps {
  metrics: Metrics;
  /** Set when the endpoint requires an authorized caller. */
  auth?: { authenticator: Authenticator; authorizer: Authorizer; clock: Clock };
}

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  const text = JSON.stringify({ error: { code, message } });
  res
    .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
    .end(text);
}

export function metricsEndpoint(
  path: string,
  deps: MetricsEndpointDeps,
): { path: string; handle(req: IncomingMessage, res: ServerResponse): Promise<void> } {
  return {
    path,
    async handle(req, res) {
      if (req.method !== 'GET') return refuse(res, 405, 'MethodNotAllowed', 'Use GET.');
      if (deps.auth) {
        const { authenticator, authorizer, clock } = deps.auth;
        const now = clock.now();
        const url = req.url ?? '';
        const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
        try {
          const caller = await authenticator.authenticate(
            { method: 'GET', path, query, headers: req.headersDistinct, body: Buffer.alloc(0) },
            now,
          );
          if (caller.signature.service !== 'tessera')
            return refuse(
              res,
              403,
              'IncompleteSignature',
              "Credential should be scoped to correct service: 'tessera'.",
            );
          const decision = await authorizer.decide({
            principal: caller.principal,
            action: GET_METRICS_ACTION,
            resource: '*',
            request: {
              now,
              sourceIp: clientAddress(req),
              secureTransport: secureTransport(req),
              region: caller.signature.region,
            },
          });
          if (decision.decision !== 'Allow')
            return refuse(res, 403, 'AccessDenied', decision.message ?? 'Access denied');
        } catch (err) {
          if (err instanceof AwsError)
            return refuse(res, err.status >= 500 ? err.status : 403, err.code, err.message);
          throw err;
        }
      }
      const text = await deps.metrics.registry.metrics();
      res
        .writeHead(200, {
          'content-type': deps.metrics.registry.contentType,
          'content-length': Buffer.byteLength(text),
        })
        .end(text);
    },
  };
}
