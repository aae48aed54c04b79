// AWS's API models (generated into ./models by scripts/gen-models.ts): operations, shapes and
// constraints, loaded once and shared by the decoder, the encoder and the action registry.
import { createRequire } from 'node:module';

export interface MemberRef {
  shape: string;
  locationName?: string;
  /** REST protocols: `uri`, `querystring` or `header`; absent for a member of the JSON body. */
  location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
}

export interface Shape {
  type:
    | 'structure'
    | 'list'
    | 'map'
    | 'string'
    | 'integer'
    | 'long'
    | 'boolean'
    | 'timestamp'
    | 'blob'
    | 'double'
    | 'float';
  members?: Record<string, MemberRef>;
  member?: MemberRef;
  key?: MemberRef;
  value?: MemberRef;
  required?: string[];
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  flattened?: boolean;
  sensitive?: boolean;
  /** How a timestamp travels when not the protocol's default (Access Analyzer's bodies: ISO 8601). */
  timestampFormat?: 'iso8601' | 'rfc822' | 'unixTimestamp';
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
  /** A Smithy document (a structure of no fixed members): any JSON value. */
  document?: boolean;
}

export interface OperationModel {
  /** REST protocols: the method and URI template the operation answers (`/analyzer/{analyzerName}`). */
  http?: { method: string; requestUri: string; responseCode: number };
  input?: string;
  output?: string;
  resultWrapper?: string;
  errors: string[];
}

export interface ServiceModel {
  metadata: {
    apiVersion: string;
    /** `query` (IAM, STS) or `json` (CloudTrail and the JSON 1.1 services). */
    protocol: string;
    /** Query services: the namespace of their XML. */
    xmlNamespace?: string;
    /** JSON 1.1 services: the X-Amz-Target prefix, e.g. `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101`. */
    targetPrefix?: string;
    jsonVersion?: string;
  };
  operations: Record<string, OperationModel>;
  shapes: Record<string, Shape>;
}

/** The services of the Query endpoint (form in, XML out). */
export type QueryServiceName = 'iam' | 'sts';
/** The services of the JSON 1.1 endpoint (X-Amz-Target). */
export type JsonServiceName = 'cloudtrail' | 'organizations' | 'identitystore' | 'sso-admin';
/**
 * The REST-JSON services, routed by the request's method and path: Access Analyzer (signed), and
 * Identity Center's OIDC and portal services (unsigned; a client secret or a bearer token instead).
 */
export type RestJsonServiceName = 'accessanalyzer' | 'sso-oidc' | 'sso';
export type ServiceName = QueryServiceName | JsonServiceName | RestJsonServiceName;

/** The name a service's requests are signed for, where it is not the service's own (access-analyzer). */
export const SIGNING_NAMES: Readonly<Partial<Record<ServiceName, string>>> = {
  accessanalyzer: 'access-analyzer',
  'sso-admin': 'sso',
  'sso-oidc': 'sso-oauth',
  sso: 'awsssoportal',
};
/** The prefix of a service's actions in policies, where it is not the service's own. */
export const ACTION_PREFIXES: Readonly<Partial<Record<ServiceName, string>>> = {
  accessanalyzer: 'access-analyzer',
  'sso-admin': 'sso',
};

const require = createRequire(import.meta.url);
const cache = new Map<ServiceName, ServiceModel>();

export function serviceModel(service: ServiceName): ServiceModel {
  let model = cache.get(service);
  if (!model) {
    model = require(`./models/${service}.json`) as ServiceModel;
    cache.set(service, model);
  }
  return model;
}

export function shapeOf(model: ServiceModel, name: string): Shape {
  const shape = model.shapes[name];
  if (!shape) throw new Error(`unknown shape ${name}`);
  return shape;
}

/** A Query service's XML namespace. */
export function xmlNamespaceOf(model: ServiceModel): string {
  const ns = model.metadata.xmlNamespace;
  if (ns === undefined) throw new Error(`${model.metadata.apiVersion}: not a Query service`);
  return ns;
}
