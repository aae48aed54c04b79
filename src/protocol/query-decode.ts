// Decodes AWS Query parameters (Tags.member.1.Key=…) into typed input by walking the operation's
// input shape, and validates it with zod schemas built from the model's constraints, reporting
// failures in AWS's "N validation errors detected: Value … at … failed to satisfy constraint" form.
import { z } from 'zod';
import { validationError } from '../errors.ts';
import { type ServiceModel, type Shape, shapeOf } from './service-model.ts';

export type QueryParams = ReadonlyMap<string, string>;

const schemaCache = new WeakMap<ServiceModel, Map<string, z.ZodType>>();

/**
 * Decoding work, counted when a caller passes a meter (tests bound decoding by it rather than by a clock):
 * one step per parameter name indexed, per lookup of a name, and per name compared in a prefix search.
 */
export interface DecodeWork {
  steps: number;
  /** Past this many steps decoding throws (a test's runaway decoder stops at once). */
  readonly limit?: number;
}

/**
 * Reads the input of `shapeName` out of flat query parameters; unknown parameters are ignored. With `work`,
 * adds the steps the decoding took to `work.steps`.
 */
export function readQueryInput(
  model: ServiceModel,
  shapeName: string,
  params: QueryParams,
  work?: DecodeWork,
): Record<string, unknown> {
  return readStructure(model, shapeOf(model, shapeName), '', new ParamIndex(params, work));
}

/**
 * The parameters with their names sorted once, so that "is any name under this prefix?" is a binary
 * search: decoding stays O(n log n) in the number of parameters (a scan per list member was O(n²),
 * and a 1 MB body of `PolicyArns.member.N.arn` held the event loop for minutes).
 */
class ParamIndex {
  private readonly sorted: string[];

  constructor(
    readonly params: QueryParams,
    private readonly work?: DecodeWork,
  ) {
    this.sorted = [...params.keys()].sort();
    if (work) this.count(work, this.sorted.length);
  }

  private count(work: DecodeWork, steps: number): void {
    work.steps += steps;
    if (work.limit !== undefined && work.steps > work.limit)
      throw new Error(`Query decoding went past ${work.limit} steps`);
  }

  get(key: string): string | undefined {
    if (this.work) this.count(this.work, 1);
    return this.params.get(key);
  }

  has(key: string): boolean {
    if (this.work) this.count(this.work, 1);
    return this.params.has(key);
  }

  /** Whether some parameter name starts with `prefix`: the first name not below it does, if any. */
  hasPrefix(prefix: string): boolean {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
      if (this.work) this.count(this.work, 1);
    }
    if (this.work) this.count(this.work, 1);
    return lo < this.sorted.length && this.sorted[lo]!.startsWith(prefix);
  }
}

function readStructure(
  model: ServiceModel,
  shape: Shape,
  prefix: string,
  params: ParamIndex,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const key = prefix + (ref.locationName ?? name);
    const value = readValue(model, ref.shape, key, params);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function readValue(model: ServiceModel, shapeName: string, key: string, params: ParamIndex): unknown {
  const shape = shapeOf(model, shapeName);
  switch (shape.type) {
    case 'structure':
      return params.hasPrefix(key + '.') ? readStructure(model, shape, key + '.', params) : undefined;
    case 'list': {
      const base = shape.flattened ? key : `${key}.${shape.member?.locationName ?? 'member'}`;
      if (!params.hasPrefix(base + '.')) return params.has(key) ? [] : undefined;
      const items: unknown[] = [];
      for (let i = 1; ; i++) {
        const item = readValue(model, shape.member!.shape, `${base}.${i}`, params);
        if (item === undefined) break;
        items.push(item);
      }
      return items;
    }
    case 'map': {
      if (!params.hasPrefix(key + '.')) return params.has(key) ? {} : undefined;
      // no prototype: an entry keyed `__proto__` is an entry like any other
      const out = Object.create(null) as Record<string, unknown>;
      for (let i = 1; ; i++) {
        const k = params.get(`${key}.entry.${i}.key`);
        if (k === undefined) break;
        out[k] = readValue(model, shape.value!.shape, `${key}.entry.${i}.value`, params);
      }
      return out;
    }
    default: {
      const raw = params.get(key);
      if (raw === undefined) return undefined;
      return readScalar(shape, raw);
    }
  }
}

function readScalar(shape: Shape, raw: string): unknown {
  switch (shape.type) {
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      return /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : raw;
    case 'timestamp': {
      const d = new Date(/^\d+(\.\d+)?$/.test(raw) ? Number(raw) * 1000 : raw);
      return Number.isNaN(d.getTime()) ? raw : d;
    }
    case 'blob':
      return Buffer.from(raw, 'base64');
    default:
      return raw;
  }
}

function compilePattern(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return new RegExp(`^(?:${pattern})$`);
  }
}

const msg = (error: string) => ({ error });
/** A type error that reads "must not be null" when the member is missing, as AWS words it. */
const typeMsg = (kind: string) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? 'Member must not be null' : `Member must be ${kind}`,
});

function buildSchema(model: ServiceModel, shapeName: string): z.ZodType {
  const cache = schemaCache.get(model) ?? new Map<string, z.ZodType>();
  schemaCache.set(model, cache);
  const cached = cache.get(shapeName);
  if (cached) return cached;
  const shape = shapeOf(model, shapeName);
  let schema: z.ZodType;
  switch (shape.type) {
    case 'structure': {
      if (shape.document) {
        schema = z.unknown();
        break;
      }
      const required = new Set(shape.required ?? []);
      const fields: Record<string, z.ZodType> = {};
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        const inner = buildSchema(model, ref.shape);
        fields[name] = required.has(name) ? inner : inner.optional();
      }
      schema = z.object(fields, typeMsg('a structure'));
      break;
    }
    case 'list': {
      let list = z.array(buildSchema(model, shape.member!.shape), typeMsg('a list'));
      if (shape.min !== undefined)
        list = list.min(shape.min, msg(`Member must have length greater than or equal to ${shape.min}`));
      if (shape.max !== undefined)
        list = list.max(shape.max, msg(`Member must have length less than or equal to ${shape.max}`));
      schema = list;
      break;
    }
    case 'map':
      schema = z.record(z.string(), buildSchema(model, shape.value!.shape));
      break;
    case 'string': {
      let s = z.string(typeMsg('a string'));
      if (shape.min !== undefined)
        s = s.min(shape.min, msg(`Member must have length greater than or equal to ${shape.min}`));
      if (shape.max !== undefined)
        s = s.max(shape.max, msg(`Member must have length less than or equal to ${shape.max}`));
      if (shape.pattern !== undefined)
        s = s.regex(
          compilePattern(shape.pattern),
          msg(`Member must satisfy regular expression pattern: ${shape.pattern}`),
        );
      schema = shape.enum
        ? s.refine(
            (v) => shape.enum!.includes(v),
            msg(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`),
          )
        : s;
      break;
    }
    case 'integer':
    case 'long':
    case 'double':
    case 'float': {
      let n = z.number(typeMsg('a number'));
      if (shape.min !== undefined)
        n = n.min(shape.min, msg(`Member must have value greater than or equal to ${shape.min}`));
      if (shape.max !== undefined)
        n = n.max(shape.max, msg(`Member must have value less than or equal to ${shape.max}`));
      schema = n;
      break;
    }
    case 'boolean':
      schema = z.boolean(typeMsg('a boolean'));
      break;
    case 'timestamp':
      schema = z.date(typeMsg('a timestamp'));
      break;
    case 'blob': {
      let b: z.ZodType<Uint8Array> = z.instanceof(Uint8Array, typeMsg('binary'));
      if (shape.min !== undefined)
        b = b.refine(
          (v) => v.length >= shape.min!,
          msg(`Member must have length greater than or equal to ${shape.min}`),
        );
      if (shape.max !== undefined)
        b = b.refine(
          (v) => v.length <= shape.max!,
          msg(`Member must have length less than or equal to ${shape.max}`),
        );
      schema = b;
      break;
    }
    default:
      schema = z.unknown();
  }
  cache.set(shapeName, schema);
  return schema;
}

/** The zod schema for an operation's input shape, built once from AWS's model. */
export function inputSchema(model: ServiceModel, shapeName: string): z.ZodType {
  return buildSchema(model, shapeName);
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function awsPath(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  for (const p of path) {
    if (typeof p === 'number') parts.push(String(p + 1), 'member');
    else parts.push(lowerFirst(String(p)));
  }
  return parts.join('.');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

function describeValue(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (Array.isArray(v))
    return `'[${v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ')}]'`;
  if (v instanceof Date) return `'${v.toISOString()}'`;
  return `'${typeof v === 'object' ? JSON.stringify(v) : String(v)}'`;
}

/** The shape of the member a validation issue points at, to know whether it is sensitive. */
function shapeAt(model: ServiceModel, shapeName: string, path: readonly PropertyKey[]): Shape | undefined {
  let shape: Shape | undefined = shapeOf(model, shapeName);
  for (const p of path) {
    if (!shape) return undefined;
    const ref: { shape: string } | undefined =
      shape.type === 'structure'
        ? shape.members?.[String(p)]
        : shape.type === 'list'
          ? shape.member
          : shape.value;
    shape = ref ? shapeOf(model, ref.shape) : undefined;
  }
  return shape;
}

/** Validates decoded input against its shape; throws ValidationError with AWS's wording. */
export function validateInput<T>(model: ServiceModel, shapeName: string, input: Record<string, unknown>): T {
  const result = inputSchema(model, shapeName).safeParse(input);
  if (result.success) return input as T;
  const errors = result.error.issues.map((issue) => {
    // a sensitive member (passwords, secrets) is never echoed back: "Value at 'password' …"
    const value = shapeAt(model, shapeName, issue.path)?.sensitive
      ? ''
      : ` ${describeValue(valueAt(input, issue.path))}`;
    return `Value${value} at '${awsPath(issue.path)}' failed to satisfy constraint: ${issue.message}`;
  });
  const n = errors.length;
  throw validationError(`${n} validation error${n === 1 ? '' : 's'} detected: ${errors.join('; ')}`);
}
