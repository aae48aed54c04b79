// Pagination for List actions. Marker-based for lists read from the store a page at a time: a marker
// names the last item returned (its sort key), never an offset, so a page boundary stays correct while
// other requests insert or delete. Offset-based (`offsetPage`) for the short lists a service reads whole
// on every request and pages itself, each service with its own sizes and its own errors.
import { AwsError } from '../errors.ts';

export interface Page<T> {
  items: T[];
  isTruncated: boolean;
  marker?: string;
}

export const DEFAULT_MAX_ITEMS = 100;

export function encodeMarker(sortKey: string): string {
  return Buffer.from(sortKey, 'utf8').toString('base64url');
}

export function decodeMarker(marker: string | undefined): string | undefined {
  if (marker === undefined) return undefined;
  const key = Buffer.from(marker, 'base64url').toString('utf8');
  if (encodeMarker(key) !== marker) throw new AwsError('InvalidInput', 'Invalid Marker.');
  return key;
}

/** Turns `limit + 1` rows fetched after the marker into a page, given each row's sort key. */
export function toPage<R, T>(
  rows: R[],
  maxItems: number,
  sortKey: (row: R) => string,
  map: (row: R) => T,
): Page<T> {
  const isTruncated = rows.length > maxItems;
  const kept = isTruncated ? rows.slice(0, maxItems) : rows;
  const last = kept[kept.length - 1];
  return {
    items: kept.map(map),
    isTruncated,
    ...(isTruncated && last !== undefined ? { marker: encodeMarker(sortKey(last)) } : {}),
  };
}

/** How a service pages a list it reads whole: its page sizes, and its errors for a bad token or size. */
export interface OffsetPaging {
  defaultSize: number;
  maxSize: number;
  invalidToken(): AwsError;
  invalidSize(): AwsError;
}

const OFFSET_TOKEN = /^p:(\d{1,15})$/;

/** One page of `all` after the opaque `token`, at most `maxResults`, with the next page's token if any. */
export function offsetPage<T>(
  all: readonly T[],
  token: string | undefined,
  maxResults: number | undefined,
  paging: OffsetPaging,
): { items: T[]; nextToken?: string } {
  let start = 0;
  if (token !== undefined) {
    const offset = OFFSET_TOKEN.exec(Buffer.from(token, 'base64url').toString('utf8'))?.[1];
    if (offset === undefined) throw paging.invalidToken();
    start = Number(offset);
  }
  const size = maxResults ?? paging.defaultSize;
  if (!Number.isInteger(size) || size < 1 || size > paging.maxSize) throw paging.invalidSize();
  const items = all.slice(start, start + size);
  const end = start + items.length;
  return end < all.length ? { items, nextToken: Buffer.from(`p:${end}`).toString('base64url') } : { items };
}
