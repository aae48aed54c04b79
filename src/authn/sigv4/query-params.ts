// Decoding a raw query string into parameters, once per request: the auth parser reads the
// X-Amz-* ones and the canonical request re-encodes them all.

/** Decoded query parameters; a name given more than once maps to every value, in order. */
export type QueryParams = ReadonlyMap<string, string | readonly string[]>;

/** No parameters: one shared map for every request without a query. */
const NONE: QueryParams = new Map();

/**
 * Form decoding, exactly as URLSearchParams decodes (so `+` is a space), into a map (no parameter name
 * can reach an inherited property). Checked against URLSearchParams in test/authn/query-params.test.ts.
 */
export function parseQuery(query: string): QueryParams {
  if (query === '') return NONE;
  // URLSearchParams turns a lone surrogate into U+FFFD (its UTF-8 round trip); other text is the same
  // either way, so only then is it asked
  if (!query.isWellFormed()) return parseWithUrlSearchParams(query);
  const params = new Map<string, string | string[]>();
  // as URLSearchParams, one leading `?` is not part of the first name
  for (let start = query.startsWith('?') ? 1 : 0; start < query.length;) {
    let end = query.indexOf('&', start);
    if (end < 0) end = query.length;
    if (end > start) {
      const eq = query.indexOf('=', start);
      const nameOnly = eq < 0 || eq > end;
      const name = decodeComponent(query.slice(start, nameOnly ? end : eq));
      const value = nameOnly ? '' : decodeComponent(query.slice(eq + 1, end));
      // a malformed escape (`%zz`, bytes that are not UTF-8): URLSearchParams' lenient reading
      if (name === undefined || value === undefined) return parseWithUrlSearchParams(query);
      add(params, name, value);
    }
    start = end + 1;
  }
  return params;
}

/** `+` as a space, then %XX escapes as UTF-8; undefined where decodeURIComponent refuses them. */
function decodeComponent(text: string): string | undefined {
  const spaced = text.includes('+') ? text.replaceAll('+', ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return undefined;
  }
}

function add(params: Map<string, string | string[]>, name: string, value: string): void {
  const seen = params.get(name);
  if (seen === undefined) params.set(name, value);
  else if (typeof seen === 'string') params.set(name, [seen, value]);
  else seen.push(value);
}

function parseWithUrlSearchParams(query: string): QueryParams {
  const params = new Map<string, string | string[]>();
  for (const [name, value] of new URLSearchParams(query)) add(params, name, value);
  return params;
}

/** The first value of a parameter (AWS reads the first of repeated X-Amz-* parameters). */
export function firstParam(params: QueryParams, name: string): string | undefined {
  const value = params.get(name);
  return typeof value === 'string' ? value : value?.[0];
}
