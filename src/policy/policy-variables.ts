// Owns policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`, `${*}`, `${?}`, `${$}`,
// `${key, 'default'}`) in Resource and in String/ARN/Bool condition values, per
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
// Version 2008-10-17 treats them as literal text. An unresolved variable matches nothing.
import type { PatternText } from './glob-pattern.ts';

export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'char'; readonly text: string }
  | { readonly kind: 'var'; readonly key: string; readonly lowerKey: string; readonly fallback?: string };

export interface Template {
  readonly parts: readonly TemplatePart[];
  readonly hasVariables: boolean;
}

const SPECIAL: Readonly<Record<string, string>> = { '*': '*', '?': '?', $: '$' };
const DEFAULT_FORM = /^([^,]+?)\s*,\s*'([^']*)'\s*$/;

/** Splits text into literal runs and variables. With `enabled` false (2008-10-17) everything is text. */
export function parseTemplate(text: string, enabled: boolean): Template {
  if (!enabled || !text.includes('${')) return { parts: [{ kind: 'text', text }], hasVariables: false };
  const parts: TemplatePart[] = [];
  let i = 0;
  let run = '';
  let hasVariables = false;
  while (i < text.length) {
    const open = text.indexOf('${', i);
    if (open < 0) break;
    const close = text.indexOf('}', open + 2);
    if (close < 0) break;
    run += text.slice(i, open);
    const inner = text.slice(open + 2, close).trim();
    const special = SPECIAL[inner];
    if (run) parts.push({ kind: 'text', text: run });
    run = '';
    if (special !== undefined) parts.push({ kind: 'char', text: special });
    else {
      const m = DEFAULT_FORM.exec(inner);
      const key = (m ? m[1] : inner)?.trim() ?? inner;
      const part: TemplatePart =
        m && m[2] !== undefined
          ? { kind: 'var', key, lowerKey: key.toLowerCase(), fallback: m[2] }
          : { kind: 'var', key, lowerKey: key.toLowerCase() };
      parts.push(part);
    }
    hasVariables = true;
    i = close + 1;
  }
  run += text.slice(i);
  if (run) parts.push({ kind: 'text', text: run });
  return { parts, hasVariables };
}

/** Looks up a single-valued context key by lower-cased name. */
export type VariableLookup = (lowerKey: string) => string | undefined;

/**
 * Resolves a template into pattern text, marking substituted characters literal.
 * Returns undefined when a variable has no value and no default (the value then matches nothing).
 */
export function resolveTemplate(template: Template, lookup: VariableLookup): PatternText | undefined {
  let text = '';
  const literalRanges: [number, number][] = [];
  for (const part of template.parts) {
    if (part.kind === 'text') {
      text += part.text;
      continue;
    }
    const value = part.kind === 'char' ? part.text : (lookup(part.lowerKey) ?? part.fallback);
    if (value === undefined) return undefined;
    literalRanges.push([text.length, text.length + value.length]);
    text += value;
  }
  if (literalRanges.length === 0) return { text };
  const literal = new Uint8Array(text.length);
  for (const [a, b] of literalRanges) literal.fill(1, a, b);
  return { text, literal };
}
