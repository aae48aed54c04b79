// Decoding a raw query string into parameters, once per request: the auth parser reads the
// X-Amz-* ones and the canonical request re-encodes them all.

/** Decoded query parameters; a name given more than once maps to every value, in order. */
export type QueryParams = Readonly<Record<string, string | readonly string[]>>;

/** No parameters: one shared, frozen, prototype-free record for every request without a query. */
const NONE: QueryParams = Object.freeze(Object.create(null) as Record<string, string>);

/** Form decoding (as URLSearchParams, so `+` is a space), into a prototype-free record. */
export function parseQuery(query: string): QueryParams {
  if (query === '') return NONE;
  const params: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of new URLSearchParams(query)) {
    const seen = params[name];
    if (seen === undefined) params[name] = value;
    else if (typeof seen === 'string') params[name] = [seen, value];
    else seen.push(value);
  }
  return params;
}

/** The first value of a parameter (AWS reads the first of repeated X-Amz-* parameters). */
export function firstParam(params: QueryParams, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' ? value : value?.[0];
}
