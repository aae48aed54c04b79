// Paging of Organizations' list operations: at most MaxResults (1–20, default 20) a page and an
// opaque NextToken bound to the operation that issued it.
import { AwsError } from '../../errors.ts';

const DEFAULT_MAX_RESULTS = 20;

export interface OrgPage<T> {
  items: T[];
  NextToken?: string;
}

/** One page of `all`, from the position the token names. */
export function orgPage<T>(
  all: readonly T[],
  input: { NextToken?: string; MaxResults?: number },
  operation: string,
): OrgPage<T> {
  const start = input.NextToken === undefined ? 0 : decode(input.NextToken, operation);
  const size = input.MaxResults ?? DEFAULT_MAX_RESULTS;
  const items = all.slice(start, start + size);
  const next = start + size;
  return next < all.length ? { items, NextToken: encode(next, operation) } : { items };
}

function encode(position: number, operation: string): string {
  return Buffer.from(JSON.stringify({ o: operation, p: position })).toString('base64url');
}

function decode(token: string, operation: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      o?: unknown;
      p?: unknown;
    };
    if (parsed.o === operation && typeof parsed.p === 'number' && Number.isInteger(parsed.p) && parsed.p >= 0)
      return parsed.p;
  } catch {
    // fall through
  }
  throw new AwsError('InvalidInputException', 'The NextToken value is not valid.', {
    fields: { Reason: 'INVALID_NEXT_TOKEN' },
  });
}
