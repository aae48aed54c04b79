// AWS's REST-JSON protocol (Access Analyzer): an operation is found by its method and URI template;
// its input comes from the URI's labels, the query string, headers and the JSON body, as the model
// places each member; its output is a JSON body; errors carry their name in X-Amzn-ErrorType and a
// {"message", …} body with the status the model gives the error.
import type { AwsError } from '../errors.ts';
import { readJsonInput } from './json-protocol.ts';
import { type ServiceModel, shapeOf } from './service-model.ts';

interface Route {
  operation: string;
  method: string;
  /** Literal segments, or a label (`{analyzerName}`; `greedy` for `{key+}`). */
  segments: ({ literal: string } | { label: string; greedy: boolean })[];
}

const routesByModel = new WeakMap<ServiceModel, Route[]>();

function routesOf(model: ServiceModel): Route[] {
  let routes = routesByModel.get(model);
  if (routes) return routes;
  routes = [];
  for (const [operation, op] of Object.entries(model.operations)) {
    if (!op.http) continue;
    const path = op.http.requestUri.split('?')[0]!;
    const segments = path
      .split('/')
      .filter((s) => s !== '')
      .map((s) => {
        const m = /^\{([^}+]+)(\+?)\}$/.exec(s);
        return m ? { label: m[1]!, greedy: m[2] === '+' } : { literal: s };
      });
    routes.push({ operation, method: op.http.method, segments });
  }
  // literal segments win over labels: `/analyzer/{name}/archive-rule` before `/analyzer/{name}`
  routes.sort((a, b) => b.segments.length - a.segments.length);
  routesByModel.set(model, routes);
  return routes;
}

/** The operation a method and path name, with the URI labels' values; undefined when none does. */
export function routeOf(
  model: ServiceModel,
  method: string,
  path: string,
): { operation: string; labels: Record<string, string> } | undefined {
  const parts = path.split('/').filter((s) => s !== '');
  for (const route of routesOf(model)) {
    if (route.method !== method) continue;
    const labels: Record<string, string> = {};
    let ok = true;
    let i = 0;
    for (const seg of route.segments) {
      if ('literal' in seg) {
        if (parts[i] !== seg.literal) ok = false;
        i++;
      } else if (seg.greedy) {
        if (i >= parts.length) ok = false;
        labels[seg.label] = parts.slice(i).map(decodeURIComponent).join('/');
        i = parts.length;
      } else {
        if (parts[i] === undefined) ok = false;
        else labels[seg.label] = decodeURIComponent(parts[i]!);
        i++;
      }
      if (!ok) break;
    }
    if (ok && i === parts.length) return { operation: route.operation, labels };
  }
  return undefined;
}

/** The raw input of a request, member by member from wherever the model places it. */
export function readRestJsonInput(
  model: ServiceModel,
  shapeName: string,
  request: {
    labels: Record<string, string>;
    query: URLSearchParams;
    headers: Record<string, string | string[] | undefined>;
    body: unknown;
  },
): Record<string, unknown> {
  const shape = shapeOf(model, shapeName);
  const out: Record<string, unknown> = {};
  const body =
    request.body !== null && typeof request.body === 'object'
      ? (request.body as Record<string, unknown>)
      : {};
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const wire = ref.locationName ?? name;
    let raw: unknown;
    switch (ref.location) {
      case 'uri':
        raw = request.labels[wire];
        break;
      case 'querystring': {
        const member = shapeOf(model, ref.shape);
        const all = request.query.getAll(wire);
        raw = member.type === 'list' ? (all.length ? all : undefined) : (all[0] ?? undefined);
        break;
      }
      case 'header': {
        const h = request.headers[wire.toLowerCase()];
        raw = Array.isArray(h) ? h[0] : h;
        break;
      }
      case undefined:
        raw = body[name];
        break;
      default:
        raw = undefined;
    }
    if (raw === undefined) continue;
    out[name] =
      ref.location === undefined ? readJsonInput(model, ref.shape, raw) : scalarOf(model, ref.shape, raw);
  }
  return out;
}

/** A URI, query or header value as its shape's type (numbers and booleans arrive as text). */
function scalarOf(model: ServiceModel, shapeName: string, raw: unknown): unknown {
  const shape = shapeOf(model, shapeName);
  if (typeof raw !== 'string') return raw;
  switch (shape.type) {
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      return raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : raw;
    case 'timestamp': {
      const d = new Date(raw);
      return Number.isNaN(d.getTime()) ? raw : d;
    }
    default:
      return raw;
  }
}

/** The HTTP status an error answers with in this service: the model's, else the error's own. */
export function restJsonErrorStatus(model: ServiceModel, error: AwsError, name: string): number {
  return model.shapes[name]?.error?.httpStatusCode ?? error.status;
}

/** An error body of the REST-JSON protocol: the message and the members the error carries. */
export function restJsonError(error: AwsError): string {
  return JSON.stringify({ message: error.message, ...error.fields });
}
