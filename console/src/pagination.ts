// IAM's Marker/IsTruncated pagination: every page of a List* action, joined into one array.
import type { CallFn } from './use-api.ts';

/** Stop after this many pages; IAM's pages hold up to 100 items by default, so 10,000 rows. */
const MAX_PAGES = 100;

interface Page {
  IsTruncated?: boolean;
  Marker?: string;
}

export async function listAll<T>(
  call: CallFn,
  action: string,
  input: Record<string, unknown>,
  key: string,
): Promise<T[]> {
  const items: T[] = [];
  let marker: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const output = await call<Page & Record<string, unknown>>(
      'iam',
      action,
      marker === undefined ? input : { ...input, Marker: marker },
    );
    const list = output[key];
    if (Array.isArray(list)) items.push(...(list as T[]));
    if (output.IsTruncated !== true || output.Marker === undefined) break;
    marker = output.Marker;
  }
  return items;
}
