// AWS's JSON 1.1 protocol (CloudTrail, and later Organizations, Identity Store, SSO Admin): the
// operation named by X-Amz-Target, input and output as JSON walked by the operation's shapes
// (timestamps as epoch seconds), and errors as {"__type", "message"} with AWS's JSON error names.
import type { AwsError } from '../errors.ts';
import { type ServiceModel, shapeOf } from './service-model.ts';

/**
 * The operation an X-Amz-Target header names, if it is this service's. Botocore (the AWS CLI) sends
 * the model's full prefix (`com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents`);
 * the SDK for JavaScript v3 sends the Smithy service name alone (`CloudTrail_20131101.LookupEvents`).
 */
export function operationOfTarget(model: ServiceModel, target: string): string | undefined {
  const prefix = model.metadata.targetPrefix;
  if (!prefix) return undefined;
  const short = prefix.slice(prefix.lastIndexOf('.') + 1);
  for (const p of [prefix, short]) if (target.startsWith(`${p}.`)) return target.slice(p.length + 1);
  return undefined;
}

/** Input from a JSON body: timestamps (epoch seconds or ISO 8601) become Dates; other values stay. */
export function readJsonInput(model: ServiceModel, shapeName: string, value: unknown): unknown {
  const shape = shapeOf(model, shapeName);
  if (value === null || value === undefined) return undefined;
  switch (shape.type) {
    case 'structure': {
      if (shape.document || typeof value !== 'object' || Array.isArray(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        if (!Object.hasOwn(value, name)) continue;
        const v = readJsonInput(model, ref.shape, (value as Record<string, unknown>)[name]);
        if (v !== undefined) out[name] = v;
      }
      return out;
    }
    case 'list':
      return Array.isArray(value) ? value.map((v) => readJsonInput(model, shape.member!.shape, v)) : value;
    case 'timestamp': {
      if (typeof value !== 'number' && typeof value !== 'string') return value;
      const d = new Date(typeof value === 'number' ? value * 1000 : value);
      return Number.isNaN(d.getTime()) ? value : d;
    }
    default:
      return value;
  }
}

/** Output as JSON 1.1 writes it: members by name, timestamps as epoch seconds (unless the model says ISO 8601). */
export function jsonOutput(model: ServiceModel, shapeName: string | undefined, value: unknown): string {
  if (!shapeName) return '{}';
  return JSON.stringify(encode(model, shapeName, value) ?? {});
}

function encode(model: ServiceModel, shapeName: string, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  const shape = shapeOf(model, shapeName);
  switch (shape.type) {
    case 'structure': {
      if (shape.document) return value;
      const out: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        const v = encode(model, ref.shape, (value as Record<string, unknown>)[name]);
        if (v !== undefined) out[name] = v;
      }
      return out;
    }
    case 'list':
      return (value as unknown[]).map((v) => encode(model, shape.member!.shape, v));
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>))
        out[k] = encode(model, shape.value!.shape, v);
      return out;
    }
    case 'timestamp': {
      const d = value instanceof Date ? value : new Date(value as string);
      return shape.timestampFormat === 'iso8601' ? d.toISOString() : d.getTime() / 1000;
    }
    case 'blob':
      return Buffer.from(value as Uint8Array).toString('base64');
    default:
      return value;
  }
}

/** The JSON protocol's names for the errors the Query protocol names otherwise. */
const JSON_ERROR_NAMES: Readonly<Record<string, string>> = {
  AccessDenied: 'AccessDeniedException',
  InvalidClientTokenId: 'UnrecognizedClientException',
  SignatureDoesNotMatch: 'InvalidSignatureException',
  RequestTimeTooSkewed: 'InvalidSignatureException',
  IncompleteSignature: 'IncompleteSignatureException',
  ExpiredToken: 'ExpiredTokenException',
  MissingAuthenticationToken: 'MissingAuthenticationTokenException',
  Throttling: 'ThrottlingException',
  ValidationError: 'ValidationException',
  ServiceFailure: 'InternalFailure',
  InvalidAction: 'UnknownOperationException',
};

/** The `__type` an error carries in the JSON protocol. */
export function jsonErrorName(error: AwsError): string {
  return Object.hasOwn(JSON_ERROR_NAMES, error.code) ? JSON_ERROR_NAMES[error.code]! : error.code;
}

/** An error body in the JSON 1.1 protocol. */
export function jsonError(error: AwsError): string {
  return JSON.stringify({ __type: jsonErrorName(error), message: error.message, ...error.fields });
}
