// Builds an account's escalation graph: its principals (and other accounts' users and roles, for
// cross-account trust) read from the store, then every edge family asked of the policy engine.
import type { OrganizationPolicies } from '../../authz/index.ts';
import type { Store } from '../../store/index.ts';
import { type AccountPrincipals, loadAccountPrincipals } from './account-principals.ts';
import { EDGE_FAMILIES, type EdgeContext, type Source } from './edges/index.ts';
import { GraphEngine, rolePrincipal, userPrincipal } from './graph-engine.ts';
import { type EdgeKind, EscalationGraph } from './graph-model.ts';

export interface GraphSources {
  store: Store;
  /** A server's authorizer: its organization view (SCPs, RCPs) is shared; its decisions are not made. */
  authorizer?: { organizations?: OrganizationPolicies | undefined };
}

export interface GraphOptions {
  accountId: string;
  now: Date;
  /** The region requests are asked in (aws:RequestedRegion, run actions' ARNs). */
  region: string;
  /** Only these edge families (all by default). */
  kinds?: readonly EdgeKind[];
}

function sourcesOf(account: Pick<AccountPrincipals, 'users' | 'roles'>, now: Date): Source[] {
  return [
    ...account.users.map((user) => ({
      id: user.arn,
      accountId: user.accountId,
      principal: userPrincipal(user),
      user,
    })),
    ...account.roles.map((role) => ({
      id: role.arn,
      accountId: role.accountId,
      principal: rolePrincipal(role, now),
      role,
    })),
  ];
}

/** Reads the account and asks the engine for every edge. */
export async function buildEscalationGraph(
  from: GraphSources,
  options: GraphOptions,
): Promise<EscalationGraph> {
  const account = await loadAccountPrincipals(from.store, options.accountId);
  const organizations = from.authorizer?.organizations;
  const engine = new GraphEngine(from.store, {
    now: options.now,
    region: options.region,
    ...(organizations ? { organizations } : {}),
  });
  const graph = new EscalationGraph(options.accountId);
  const sources = sourcesOf(account, options.now);
  const foreignSources = sourcesOf({ users: account.foreignUsers, roles: account.foreignRoles }, options.now);
  for (const s of [...sources, ...foreignSources]) {
    const name = s.user ? s.user.userName : s.role.roleName;
    graph.addNode({ id: s.id, kind: s.user ? 'user' : 'role', accountId: s.accountId, name, arn: s.id });
  }
  const ctx: EdgeContext = { engine, account, graph, sources, foreignSources };
  for (const family of EDGE_FAMILIES) {
    if (options.kinds && !options.kinds.includes(family.kind)) continue;
    for (const edge of await family.find(ctx)) graph.addEdge(edge);
  }
  return graph;
}
