// Credential edges: a principal makes itself credentials of another user — an access key
// (iam:CreateAccessKey), or a console password (iam:CreateLoginProfile for a user without one,
// iam:UpdateLoginProfile for a user with one) — and then acts as that user.
import type { GraphEdge, Permission } from '../graph-model.ts';
import { type EdgeFamily, mayAllowCache } from './edge-family.ts';

const CREDENTIAL_ACTIONS = ['iam:CreateAccessKey', 'iam:UpdateLoginProfile', 'iam:CreateLoginProfile'];

export const credentials: EdgeFamily = {
  kind: 'credentials',
  description: 'iam:CreateAccessKey, iam:CreateLoginProfile or iam:UpdateLoginProfile on another user',
  async find(ctx) {
    const edges: GraphEdge[] = [];
    const mayAllow = mayAllowCache(ctx);
    for (const s of ctx.sources) {
      // the actions its policies may allow at all, asked once: most principals may make no credentials
      const may = new Set<string>();
      for (const action of CREDENTIAL_ACTIONS) if (await mayAllow(s, action)) may.add(action);
      if (may.size === 0) continue;
      for (const user of ctx.account.users) {
        if (user.arn === s.id) continue;
        const actions = [
          'iam:CreateAccessKey',
          user.hasPassword ? 'iam:UpdateLoginProfile' : 'iam:CreateLoginProfile',
        ];
        const permissions: Permission[] = [];
        for (const action of actions) {
          if (!may.has(action)) continue;
          const p = await ctx.engine.allowed(s.principal, { action, resource: user.arn });
          if (p) permissions.push(p);
        }
        if (permissions.length === 0) continue;
        const how = permissions
          .map((p) => (p.action === 'iam:CreateAccessKey' ? 'an access key' : 'a console password'))
          .join(' and ');
        edges.push({
          from: s.id,
          to: user.arn,
          kind: 'credentials',
          summary: `${ctx.graph.label(s.id)} makes ${how} for ${ctx.graph.label(user.arn)}`,
          permissions,
        });
      }
    }
    return edges;
  },
};
