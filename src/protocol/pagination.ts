// Marker-based pagination for List actions. A marker names the last item returned (its sort key),
// never an offset, so a page boundary stays correct while other requests insert or delete.
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
