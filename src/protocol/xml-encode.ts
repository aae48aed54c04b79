// Encodes handler output as AWS Query XML by walking the operation's output shape: lists as
// <member>, maps as <entry><key/><value/>, timestamps in ISO 8601 without milliseconds.
import { type ServiceModel, shapeOf } from './service-model.ts';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const ESCAPE_RE = /[&<>"']/g;

export function escapeXml(text: string): string {
  return ESCAPE_RE.test(text) ? text.replace(ESCAPE_RE, (c) => ESCAPES[c]!) : text;
}

/** AWS's timestamp form in Query XML: 2024-05-01T12:00:00Z. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function encodeShape(model: ServiceModel, shapeName: string, value: unknown, out: string[]): void {
  const shape = shapeOf(model, shapeName);
  switch (shape.type) {
    case 'structure': {
      const record = value as Record<string, unknown>;
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        const v = record[name];
        if (v === undefined || v === null) continue;
        const tag = ref.locationName ?? name;
        const inner = shapeOf(model, ref.shape);
        if (inner.type === 'list' && inner.flattened) {
          for (const item of v as unknown[]) {
            out.push(`<${tag}>`);
            encodeShape(model, inner.member!.shape, item, out);
            out.push(`</${tag}>`);
          }
          continue;
        }
        out.push(`<${tag}>`);
        encodeShape(model, ref.shape, v, out);
        out.push(`</${tag}>`);
      }
      return;
    }
    case 'list': {
      const tag = shape.member!.locationName ?? 'member';
      for (const item of value as unknown[]) {
        out.push(`<${tag}>`);
        encodeShape(model, shape.member!.shape, item, out);
        out.push(`</${tag}>`);
      }
      return;
    }
    case 'map': {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        out.push(`<entry><key>${escapeXml(k)}</key><value>`);
        encodeShape(model, shape.value!.shape, v, out);
        out.push('</value></entry>');
      }
      return;
    }
    case 'timestamp':
      out.push(isoSeconds(value instanceof Date ? value : new Date(value as string)));
      return;
    case 'blob':
      out.push(Buffer.from(value as Uint8Array).toString('base64'));
      return;
    default:
      out.push(escapeXml(String(value)));
  }
}
