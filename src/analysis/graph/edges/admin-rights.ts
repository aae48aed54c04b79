// Edges to "admin" from the principals that already hold admin rights: the engine allows them every
// IAM action on every resource (within their boundary and their organization's SCPs).
import { ADMIN, type GraphEdge } from '../graph-model.ts';
import type { EdgeFamily } from './edge-family.ts';

export const adminRights: EdgeFamily = {
  kind: 'admin-rights',
  description: 'principals allowed every IAM action on every resource',
  async find(ctx) {
    const edges: GraphEdge[] = [];
    for (const s of ctx.sources) {
      const permission = await ctx.engine.isAdmin(s.principal);
      if (permission)
        edges.push({
          from: s.id,
          to: ADMIN,
          kind: 'admin-rights',
          summary: `${ctx.graph.label(s.id)} is allowed every IAM action on every resource`,
          permissions: [permission],
        });
    }
    return edges;
  },
};
