// sts:AssumeRole edges: the role's trust policy and the caller's policies, decided by the engine as
// AssumeRole decides them (in the same account the trust policy alone may allow a principal it names;
// across accounts both must), with the caller's boundary and SCPs and the role account's RCPs. The
// account's principals may assume roles of any account; other accounts' principals, this account's.
import type { GraphRole } from '../account-principals.ts';
import { principalArnOf } from '../graph-engine.ts';
import type { GraphEdge } from '../graph-model.ts';
import type { EdgeFamily, Source } from './edge-family.ts';

/**
 * Whether the trust policy can name a principal of the account at all: an IAM principal is named by an
 * ARN holding its account id, by the account id, or by `*`. A cheap test before asking the engine.
 */
export function mayTrustAccount(trustPolicy: string, accountId: string): boolean {
  return trustPolicy.includes(accountId) || trustPolicy.includes('"*"');
}

export const SESSION_NAME_KEY = { 'sts:RoleSessionName': 'tessera-graph' };

export const assumeRole: EdgeFamily = {
  kind: 'assume-role',
  description: "sts:AssumeRole allowed by the role's trust policy and the caller's policies",
  async find(ctx) {
    const edges: GraphEdge[] = [];
    const ask = async (s: Source, role: GraphRole) => {
      if (role.arn === principalArnOf(s.principal) || !mayTrustAccount(role.trustPolicy, s.accountId)) return;
      const permission = await ctx.engine.allowed(s.principal, {
        action: 'sts:AssumeRole',
        resource: role.arn,
        resourceAccountId: role.accountId,
        keys: SESSION_NAME_KEY,
        trustPolicy: { document: role.trustPolicy, id: role.arn },
      });
      if (permission)
        edges.push({
          from: s.id,
          to: role.arn,
          kind: 'assume-role',
          summary: `${ctx.graph.label(s.id)} assumes ${ctx.graph.label(role.arn)}`,
          permissions: [permission],
        });
    };
    for (const s of ctx.sources)
      for (const role of [...ctx.account.roles, ...ctx.account.foreignRoles]) await ask(s, role);
    for (const s of ctx.foreignSources) for (const role of ctx.account.roles) await ask(s, role);
    return edges;
  },
};
