// The AWS Query endpoint: one POST/GET handler for IAM and STS. It decodes the form parameters, finds
// the action, and hands the request to the shared pipeline (authenticate, validate, authorize,
// execute, audit); then it encodes the answer as XML, so that a failure names the step it came from.
import { scopeServiceOf } from './unserved-service.ts';
import type { IncomingMessage } from 'node:http';
import { findAction, type Action, type Services } from '../api/index.ts';
import type { Authenticator } from '../authn/index.ts';
import { newRequestId } from '../domain/index.ts';
import { AwsError } from '../errors.ts';
import {
  readQueryInput,
  validateInput,
  errorXml,
  successXml,
  type QueryServiceName,
  serviceModel,
  xmlNamespaceOf,
} from '../protocol/index.ts';
import { type ActionRecord, failedAction, runAction } from './action-pipeline.ts';
import type { RateLimits } from './rate-limit.ts';

export interface QueryReply {
  status: number;
  body: string;
  requestId: string;
  /** What the request log and metrics record of it (never a parameter value). */
  record: QueryRecord;
  /** An unexpected failure behind a ServiceFailure answer, for the operator's log. */
  failure?: unknown;
}

/** How far a request got: filled in step by step, so a failure shows where it stopped. */
export type QueryRecord = ActionRecord;

const VERSIONS: Record<string, QueryServiceName> = { '2010-05-08': 'iam', '2011-06-15': 'sts' };

/** Decode: the parameters of a Query request, from the query string and a form body. */
export function decodeParams(
  query: string,
  contentType: string | undefined,
  body: Buffer,
): Map<string, string> {
  const params = new Map<string, string>();
  for (const [k, v] of new URLSearchParams(query)) if (!k.startsWith('X-Amz-')) params.set(k, v);
  if (
    body.length > 0 &&
    (contentType === undefined || contentType.startsWith('application/x-www-form-urlencoded'))
  )
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.set(k, v);
  return params;
}

/** Which service a request is for: the SigV4 scope's service, else the Version parameter. */
function serviceOf(scopeService: string | undefined, params: Map<string, string>): QueryServiceName {
  if (scopeService === 'iam' || scopeService === 'sts') return scopeService;
  const version = params.get('Version') ?? '';
  // own keys only: `Version=constructor` must not find Object.prototype's
  return Object.hasOwn(VERSIONS, version) ? VERSIONS[version]! : 'iam';
}

export async function handleQuery(
  req: IncomingMessage,
  path: string,
  query: string,
  body: Buffer,
  services: Services,
  authenticator: Authenticator,
  limits?: RateLimits,
): Promise<QueryReply> {
  const requestId = newRequestId();
  const now = services.clock.now();
  const params = decodeParams(query, req.headers['content-type'], body);
  const service = serviceOf(scopeServiceOf(req, query), params);
  const model = serviceModel(service);
  const record: QueryRecord = { service };
  // the action is looked up once: the log, the unsigned check and the handler all use this answer
  const found = findAction(service, params.get('Action') ?? '');
  if (found) record.action = found.name;
  try {
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
        unknownAction: () => unknownAction(service, params),
        input: (action) => validate(action, params),
      },
      { services, authenticator, limits },
    );
    return { status: 200, body: successXml(model, action.name, output, requestId), requestId, record };
  } catch (err) {
    const { error, failure } = failedAction(record, err);
    return {
      status: error.status,
      body: errorXml(xmlNamespaceOf(model), error, requestId),
      requestId,
      record,
      ...(failure !== undefined ? { failure } : {}),
    };
  }
}

/** AWS's answer to a request that names no action, or one the service does not have. */
function unknownAction(service: QueryServiceName, params: Map<string, string>): never {
  const name = params.get('Action');
  if (!name) throw new AwsError('InvalidAction', 'Missing Action');
  const version = params.get('Version') ?? serviceModel(service).metadata.apiVersion;
  throw new AwsError('InvalidAction', `Could not find operation ${name} for version ${version}`);
}

function validate(action: Action, params: Map<string, string>): unknown {
  const model = serviceModel(action.service);
  const shape = model.operations[action.name]?.input;
  if (!shape) return {};
  return validateInput(model, shape, readQueryInput(model, shape, params));
}
