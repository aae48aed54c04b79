// AWS's API models (generated into ./models by scripts/gen-models.ts): operations, shapes and
// constraints, loaded once and shared by the decoder, the encoder and the action registry.
import { createRequire } from 'node:module';

export interface MemberRef {
  shape: string;
  locationName?: string;
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
  error?: { code?: string; httpStatusCode?: number; senderFault?: boolean };
}

export interface OperationModel {
  input?: string;
  output?: string;
  resultWrapper?: string;
  errors: string[];
}

export interface ServiceModel {
  metadata: { apiVersion: string; xmlNamespace: string };
  operations: Record<string, OperationModel>;
  shapes: Record<string, Shape>;
}

export type ServiceName = 'iam' | 'sts';

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
