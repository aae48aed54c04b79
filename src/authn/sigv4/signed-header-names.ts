// The canonical form of a request's SignedHeaders list (lower-cased, deduplicated, sorted), worked
// out once per distinct list: a client sends the same list on every request, so this is a lookup.

export interface SignedHeaderNames {
  /** The list as the client wrote it, split at `;` (case and order kept, repeats too). */
  listed: readonly string[];
  /** The names the canonical request lists, in its order. */
  names: readonly string[];
  /** The canonical request's signed-headers line: `names` joined by `;`. */
  line: string;
  /** Whether `host` (or HTTP/2's `:authority`) is among them, as AWS requires. */
  includesHost: boolean;
}

const MAX_LISTS = 256;
const known = new Map<string, SignedHeaderNames>();
let last: { list: string; entry: SignedHeaderNames } | undefined;

/** `list` is the SignedHeaders value as the client wrote it (`host;x-amz-date`, any case, any order). */
export function signedHeaderNames(list: string): SignedHeaderNames {
  // most requests repeat the list before them: a string comparison, without hashing it for the map
  if (last?.list === list) return last.entry;
  const cached = known.get(list);
  if (cached !== undefined) {
    last = { list, entry: cached };
    return cached;
  }
  const listed = Object.freeze(list.split(';'));
  const names = [...new Set(listed.map((name) => name.toLowerCase()))].sort();
  const entry: SignedHeaderNames = {
    listed,
    names,
    line: names.join(';'),
    includesHost: names.includes('host') || names.includes(':authority'),
  };
  // a list per client library is a handful; a flood of distinct lists only resets the memo
  if (known.size >= MAX_LISTS) known.clear();
  known.set(list, entry);
  last = { list, entry };
  return entry;
}
