// The REST-JSON endpoint (IAM Access Analyzer; SSO OIDC and the SSO portal, unsigned): a request of a
// REST-JSON service is routed by its method and path to the operation whose URI template matches, its
// input read from labels, query, headers and JSON body, run through the shared pipeline, and answered
// with a JSON body (or an error named in X-Amzn-ErrorType with the status AWS's model gives it).
import type { IncomingMessage } from 'node:http';
import { findAction, type Action, type Services } from '../api/index.ts';
import type { Authenticator } from '../authn/index.ts';
import { newRequestId } from '../domain/index.ts';
import { AwsError } from '../errors.ts';
import {
  jsonErrorName,
  jsonOutput,
  readRestJsonInput,
  restJsonError,
  restJsonErrorStatus,
  routeOf,
  serviceModel,
  SIGNING_NAMES,
  validateInput,
  type RestJsonServiceName,
} from '../protocol/index.ts';
import { type ActionRecord, failedAction, runAction, SERVICE_FAILURE } from './action-pipeline.ts';
import type { RateLimits } from './rate-limit.ts';

const REST_JSON_SERVICES: readonly RestJsonServiceName[] = ['accessanalyzer'];
/** The REST-JSON services called unsigned (a client secret or bearer token instead), known by their paths. */
const UNSIGNED_REST_JSON_SERVICES: readonly RestJsonServiceName[] = ['sso-oidc', 'sso'];

export interface RestJsonReply {
  status: number;
  body: string;
  requestId: string;
  errorType?: string;
  record: ActionRecord;
  failure?: unknown;
}

/**
 * The REST-JSON service of a request: the one it is signed for (its SigV4 credential scope), or, for an
 * unsigned request, SSO OIDC or the SSO portal when its method and path are one of their operations'.
 */
export function restJsonServiceOf(
  req: IncomingMessage,
  path: string,
  query: string,
): RestJsonServiceName | undefined {
  const auth = req.headers.authorization;
  const scope =
    (typeof auth === 'string' ? /Credential=[^/,\s]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(auth)?.[1] : undefined) ??
    /(?:^|&)X-Amz-Credential=[^&]*?(?:%2F|\/)\d{8}(?:%2F|\/)[^&%/]+(?:%2F|\/)([^&%/]+)(?:%2F|\/)/i.exec(
      query,
    )?.[1];
  if (scope === undefined)
    return auth === undefined
      ? UNSIGNED_REST_JSON_SERVICES.find((s) => routeOf(serviceModel(s), req.method ?? 'GET', path))
      : undefined;
  return REST_JSON_SERVICES.find((s) => (SIGNING_NAMES[s] ?? s) === scope);
}

export async function handleRestJson(
  service: RestJsonServiceName,
  req: IncomingMessage,
  path: string,
  query: string,
  body: Buffer,
  services: Services,
  authenticator: Authenticator,
  limits?: RateLimits,
): Promise<RestJsonReply> {
  const requestId = newRequestId();
  const now = services.clock.now();
  const model = serviceModel(service);
  const record: ActionRecord = { service };
  const route = routeOf(model, req.method ?? 'GET', path);
  const found = route ? findAction(service, route.operation) : undefined;
  if (found) record.action = found.name;
  try {
    const unknownOperation = (): never => {
      throw new AwsError('UnknownOperationException', `No operation answers ${req.method} ${path}.`, {
        status: 404,
      });
    };
    if (!found || !route) unknownOperation();
    const { action, output } = await runAction(
      {
        req,
        path,
        query,
        body,
        requestId,
        now,
        service,
        found,
        record,
        unknownAction: unknownOperation,
        input: (action) => decode(action, route!.labels, query, req, body),
      },
      { services, authenticator, limits },
    );
    const op = model.operations[action.name];
    return {
      status: op?.http?.responseCode ?? 200,
      body: jsonOutput(model, op?.output, output),
      requestId,
      record,
    };
  } catch (err) {
    const { error, failure } = failedAction(
      record,
      err instanceof AwsError ? asServiceError(service, err) : err,
    );
    const name = error === SERVICE_FAILURE ? 'InternalServerException' : jsonErrorName(error);
    return {
      status: restJsonErrorStatus(model, error, name),
      body: restJsonError(error),
      errorType: name,
      requestId,
      record,
      ...(failure !== undefined ? { failure } : {}),
    };
  }
}

/**
 * The shared validator's error as the service names it: the SSO portal's model has no
 * ValidationException, and AWS answers its bad input (a maxResults out of range) with
 * InvalidRequestException; Access Analyzer's ValidationException names its reason.
 */
function asServiceError(service: RestJsonServiceName, error: AwsError): AwsError {
  if (error.code !== 'ValidationError') return error;
  if (service === 'sso') return new AwsError('InvalidRequestException', error.message);
  if (error.fields?.reason !== undefined) return error;
  return new AwsError(error.code, error.message, {
    status: error.status,
    fields: { ...error.fields, reason: 'fieldValidationFailed' },
  });
}

function decode(
  action: Action,
  labels: Record<string, string>,
  query: string,
  req: IncomingMessage,
  body: Buffer,
): unknown {
  const model = serviceModel(action.service);
  const shape = model.operations[action.name]?.input;
  if (!shape) return {};
  let json: unknown = {};
  if (body.length > 0) {
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      throw new AwsError('ValidationError', 'The request body is not valid JSON.', {
        fields: { reason: 'cannotParse' },
      });
    }
  }
  const input = readRestJsonInput(model, shape, {
    labels,
    query: new URLSearchParams(query),
    headers: req.headers,
    body: json,
  });
  return validateInput(model, shape, input);
}
