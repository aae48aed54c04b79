// The console's calls: an IAM, STS, Access Analyzer, CloudTrail or Organizations action taken by the session's identity (or the role it switched
// into), through the same pipeline as a signed request — the same validation, authorization by the
// policy engine, audit event and AWS errors — with the credentials the session holds server-side.
// The input and the output are the AWS SDK's shapes, as JSON.
import type { IncomingMessage } from 'node:http';
import { findAction, type Action, type Services } from '../../api/index.ts';
import type { Authenticator } from '../../authn/index.ts';
import { newRequestId } from '../../domain/index.ts';
import { AwsError } from '../../errors.ts';
import {
  jsonErrorName,
  readJsonInput,
  serviceModel,
  SIGNING_NAMES,
  validateInput,
  type ServiceName,
} from '../../protocol/index.ts';
import { failedAction, runAction, type ActionRecord } from '../action-pipeline.ts';
import type { SessionCredentials } from './console-sessions.ts';

/** The services the console calls. */
const CONSOLE_SERVICES: ReadonlySet<string> = new Set<ServiceName>([
  'iam',
  'sts',
  'accessanalyzer',
  'cloudtrail',
  'organizations',
]);

const QUERY_SERVICES: ReadonlySet<string> = new Set<ServiceName>(['iam', 'sts']);

export interface ConsoleCallReply {
  status: number;
  body: unknown;
  requestId: string;
  record: ActionRecord;
  failure?: unknown;
}

export async function consoleCall(
  req: IncomingMessage,
  call: { service?: unknown; action?: unknown; input?: unknown },
  credentials: SessionCredentials,
  deps: { services: Services; authenticator: Authenticator },
): Promise<ConsoleCallReply> {
  const { services, authenticator } = deps;
  const requestId = newRequestId();
  const now = services.clock.now();
  const service = (
    typeof call.service === 'string' && CONSOLE_SERVICES.has(call.service) ? call.service : 'iam'
  ) as ServiceName;
  const name = typeof call.action === 'string' ? call.action : '';
  const record: ActionRecord = { service };
  const found = findAction(service, name);
  if (found) record.action = found.name;
  try {
    if (typeof call.service !== 'string' || !CONSOLE_SERVICES.has(call.service))
      throw new AwsError(
        'InvalidAction',
        `The console calls ${[...CONSOLE_SERVICES].join(', ')}, not ${String(call.service)}.`,
      );
    const { output } = await runAction(
      {
        req,
        path: '/console/api/call',
        query: '',
        body: Buffer.alloc(0),
        requestId,
        now,
        service,
        found,
        record,
        unknownAction: () => {
          throw new AwsError(
            'InvalidAction',
            `Could not find operation ${name} for version ${versionOf(service)}`,
          );
        },
        input: (action) => decode(action, call.input),
      },
      {
        services,
        authenticator: {
          authenticate: () =>
            Promise.resolve(
              authenticator.authenticateHeld(
                { accessKeyId: credentials.AccessKeyId, sessionToken: credentials.SessionToken },
                { service: signingNameOf(service), region: services.config.region },
                now,
              ),
            ),
        },
      },
    );
    return { status: 200, body: { output: withBase64Blobs(output ?? {}) }, requestId, record };
  } catch (err) {
    const { error, failure } = failedAction(record, err);
    return {
      status: error.status,
      // the error as the service's own protocol names it (AccessDeniedException outside IAM and STS)
      body: {
        error: {
          code: QUERY_SERVICES.has(service) ? error.code : jsonErrorName(error),
          message: error.message,
        },
      },
      requestId,
      record,
      ...(failure !== undefined ? { failure } : {}),
    };
  }
}

/** Blobs (a QR code's PNG, a seed) as base64 text, as the SDKs carry them in JSON. */
function withBase64Blobs(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(withBase64Blobs);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withBase64Blobs(v)]));
}

const versionOf = (service: ServiceName) => serviceModel(service).metadata.apiVersion;

/** The name credentials are scoped to for the service (access-analyzer for accessanalyzer). */
const signingNameOf = (service: ServiceName) => SIGNING_NAMES[service] ?? service;

function decode(action: Action, input: unknown): unknown {
  const model = serviceModel(action.service);
  const shape = model.operations[action.name]?.input;
  if (!shape) return {};
  const json = input ?? {};
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw new AwsError('ValidationError', 'The input must be a JSON object.');
  return validateInput(model, shape, readJsonInput(model, shape, json) as Record<string, unknown>);
}
