// The AWS JSON 1.1 endpoint (CloudTrail; later Organizations, Identity Store, SSO Admin): a POST
// whose X-Amz-Target names the service and operation. It decodes the JSON body, hands the request to
// the shared pipeline, and encodes the answer or the error in the JSON protocol's shape.
import type { IncomingMessage } from 'node:http';
import { findAction, type Action, type Services } from '../api/index.ts';
import type { Authenticator } from '../authn/index.ts';
import { newRequestId } from '../domain/index.ts';
import { AwsError } from '../errors.ts';
import {
  jsonError,
  jsonErrorName,
  jsonOutput,
  operationOfTarget,
  readJsonInput,
  validateInput,
  type JsonServiceName,
  serviceModel,
} from '../protocol/index.ts';
import { type ActionRecord, failedAction, runAction } from './action-pipeline.ts';
import type { RateLimits } from './rate-limit.ts';

const JSON_SERVICES: readonly JsonServiceName[] = [
  'cloudtrail',
  'organizations',
  'identitystore',
  'sso-admin',
];

export interface JsonReply {
  status: number;
  body: string;
  requestId: string;
  /** The error's `__type`, for the x-amzn-ErrorType header. */
  errorType?: string;
  record: ActionRecord;
  failure?: unknown;
}

/** Whether a request's X-Amz-Target names a JSON 1.1 service Tessera serves (else it is a Query request). */
export function isJsonTarget(target: string | string[] | undefined): boolean {
  return typeof target === 'string' && targetOf(target) !== undefined;
}

/** The JSON service an X-Amz-Target belongs to, and the operation it names. */
function targetOf(target: string): { service: JsonServiceName; operation: string } | undefined {
  for (const service of JSON_SERVICES) {
    const operation = operationOfTarget(serviceModel(service), target);
    if (operation !== undefined) return { service, operation };
  }
  return undefined;
}

export async function handleJson(
  req: IncomingMessage,
  path: string,
  query: string,
  body: Buffer,
  services: Services,
  authenticator: Authenticator,
  limits?: RateLimits,
): Promise<JsonReply> {
  const requestId = newRequestId();
  const now = services.clock.now();
  const target = String(req.headers['x-amz-target'] ?? '');
  const named = targetOf(target);
  const service = named?.service ?? 'cloudtrail';
  const record: ActionRecord = { service };
  const found = named ? findAction(service, named.operation) : undefined;
  if (found) record.action = found.name;
  try {
    // the operation is resolved before anything else, as AWS's JSON services do
    const unknownOperation = (): never => {
      throw new AwsError(
        'UnknownOperationException',
        `The operation ${named?.operation ?? (target || '(none)')} is not recognized.`,
      );
    };
    if (!found) unknownOperation();
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
        input: (action) => decode(action, body),
      },
      { services, authenticator, limits },
    );
    const model = serviceModel(service);
    return {
      status: 200,
      body: jsonOutput(model, model.operations[action.name]?.output, output),
      requestId,
      record,
    };
  } catch (err) {
    const { error, failure } = failedAction(record, err);
    return {
      status: error.status,
      body: jsonError(error),
      errorType: jsonErrorName(error),
      requestId,
      record,
      ...(failure !== undefined ? { failure } : {}),
    };
  }
}

/** Decode and validate: the JSON body against the operation's input shape. */
function decode(action: Action, body: Buffer): unknown {
  const model = serviceModel(action.service);
  const shape = model.operations[action.name]?.input;
  if (!shape) return {};
  let json: unknown;
  try {
    json = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    throw new AwsError('SerializationException', 'The request body is not valid JSON.');
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw new AwsError('SerializationException', 'The request body must be a JSON object.');
  return validateInput(model, shape, readJsonInput(model, shape, json) as Record<string, unknown>);
}
