// Pagination of small, fully loaded lists (tags, attached policies of one entity …) by a sort key.
import { DEFAULT_MAX_ITEMS, decodeMarker, type Page, toPage } from '../../protocol/index.ts';

export function paginateList<T>(
  items: readonly T[],
  input: { Marker?: string; MaxItems?: number },
  key: (item: T) => string,
): Page<T> {
  const after = decodeMarker(input.Marker);
  const limit = input.MaxItems ?? DEFAULT_MAX_ITEMS;
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const rest = after === undefined ? sorted : sorted.filter((i) => key(i) > after);
  return toPage(rest.slice(0, limit + 1), limit, key, (i) => i);
}
