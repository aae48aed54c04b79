// What the analyzer actions share: the analyzer an ARN names, its findings brought up to date first
// (external access: recomputed after the change feed reports a change to roles or organizations;
// unused access: on every read, since it changes with time and buffered last-used data too), paging
// tokens, and the wire form of an analyzer.
import type { ActionContext } from '../action.ts';
import { AwsError } from '../../errors.ts';
import {
  analysisRuleOf,
  analyzerWithArn,
  isUnusedAccess,
  refreshFindings,
  type PendingUses,
} from '../../domain/index.ts';
import type { AnalyzerRow, Store } from '../../store/index.ts';
import type { Analyzer } from '../../protocol/index.ts';

/** The buffered uses the server has not written yet, so that findings see them at once. */
export function pendingUses(ctx: ActionContext): PendingUses {
  const lastUsed = ctx.services.lastUsed;
  return {
    role: (roleId) => lastUsed?.peekRole(roleId)?.at,
    accessKey: (accessKeyId) => lastUsed?.peek(accessKeyId)?.at,
  };
}

/**
 * External-access analyzers whose stored findings are current, per store: emptied by any committed
 * change to roles, organizations or accounts (this node's or, through the feed, another's).
 */
const currentByStore = new WeakMap<Store, Set<string>>();

function currentAnalyzers(store: Store): Set<string> {
  let current = currentByStore.get(store);
  if (!current) {
    const set = new Set<string>();
    store.onChange((changes) => {
      if (changes.some((c) => ['role', 'organization', 'account', 'all'].includes(c.entity))) set.clear();
    });
    currentByStore.set(store, set);
    current = set;
  }
  return current;
}

/** Forgets that an analyzer's findings are current (it was deleted). */
export function forgetAnalyzer(store: Store, arn: string): void {
  currentByStore.get(store)?.delete(arn);
}

/** The caller's analyzer with this ARN, its findings brought up to date. */
export async function refreshedAnalyzer(ctx: ActionContext, analyzerArn: string): Promise<AnalyzerRow> {
  const store = ctx.services.store;
  const current = currentAnalyzers(store);
  const analyzer = await store.read((repos) => analyzerWithArn(repos, ctx.accountId, analyzerArn));
  const unused = isUnusedAccess(analyzer.type);
  if (!unused && current.has(analyzer.arn)) return analyzer;
  if (unused) await ctx.services.accessActivity?.flush();
  // marked before computing, so that a change committed meanwhile leaves it stale
  if (!unused) current.add(analyzer.arn);
  try {
    return await store.write(ctx.accountId, async (repos) => {
      const row = await analyzerWithArn(repos, ctx.accountId, analyzerArn);
      await refreshFindings(repos, row, ctx.now, pendingUses(ctx));
      return row;
    });
  } catch (err) {
    current.delete(analyzer.arn);
    throw err;
  }
}

export function pageStart(token: string | undefined): number {
  if (token === undefined) return 0;
  const n = Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isInteger(n) || n < 0)
    throw new AwsError('ValidationError', 'Invalid pagination token.', { fields: { reason: 'other' } });
  return n;
}

/** One page of `all` from a token and a size, with the token of the next page when there is one. */
export function page<T>(
  all: readonly T[],
  token: string | undefined,
  maxResults: number | undefined,
  defaultSize: number,
): { items: T[]; nextToken?: string } {
  if (maxResults !== undefined && maxResults < 1)
    throw new AwsError('ValidationError', 'maxResults must be at least 1.', {
      fields: { reason: 'fieldValidationFailed' },
    });
  const start = pageStart(token);
  const size = maxResults ?? defaultSize;
  const next = start + size;
  return {
    items: all.slice(start, next),
    ...(next < all.length ? { nextToken: Buffer.from(String(next)).toString('base64url') } : {}),
  };
}

export function analyzerSummary(row: AnalyzerRow): Analyzer.AnalyzerSummary {
  return {
    arn: row.arn,
    name: row.name,
    type: row.type,
    createdAt: new Date(row.created_at),
    status: 'ACTIVE',
    tags: JSON.parse(row.tags) as Record<string, string>,
    ...(row.unused_access_age !== null ? { configuration: analyzerConfiguration(row) } : {}),
  };
}

/** An unused-access analyzer's configuration in AWS's shape: its tracking period and analysis rule. */
export function analyzerConfiguration(row: AnalyzerRow): Analyzer.AnalyzerConfiguration {
  const rule = analysisRuleOf(row);
  return {
    unusedAccess: {
      ...(row.unused_access_age !== null ? { unusedAccessAge: row.unused_access_age } : {}),
      ...(rule ? { analysisRule: rule } : {}),
    },
  };
}
