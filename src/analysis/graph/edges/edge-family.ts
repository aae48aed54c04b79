// What an edge family is given and gives back: the account's principals in the engine's form, the
// graph's nodes (for labels), and the engine to ask; each family returns the edges it found.
import type { Principal } from '../../../domain/index.ts';
import type { AccountPrincipals, GraphRole, GraphUser } from '../account-principals.ts';
import type { GraphEngine } from '../graph-engine.ts';
import type { EdgeKind, EscalationGraph, GraphEdge } from '../graph-model.ts';

/** A principal that may start an edge: a user or a role, with its engine form. */
export type Source =
  | { id: string; accountId: string; principal: Principal; user: GraphUser; role?: undefined }
  | { id: string; accountId: string; principal: Principal; role: GraphRole; user?: undefined };

export interface EdgeContext {
  engine: GraphEngine;
  account: AccountPrincipals;
  graph: EscalationGraph;
  /** The account's users and roles. */
  sources: readonly Source[];
  /** Other accounts' users and roles: sources of cross-account role assumption only. */
  foreignSources: readonly Source[];
}

export interface EdgeFamily {
  kind: EdgeKind;
  /** What the family looks for, one line (for documentation and `--help`). */
  description: string;
  find(ctx: EdgeContext): Promise<GraphEdge[]>;
}

/** Remembers `mayAllow` answers per principal and action (many targets share them). */
export function mayAllowCache(ctx: EdgeContext): (s: Source, action: string) => Promise<boolean> {
  const known = new Map<string, Promise<boolean>>();
  return (s, action) => {
    const key = `${s.id} ${action}`;
    let answer = known.get(key);
    if (!answer) known.set(key, (answer = ctx.engine.mayAllow(s.principal, action)));
    return answer;
  };
}
