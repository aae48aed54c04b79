// Edges from "admin" to the account's roles: a principal allowed every IAM action on every resource can
// rewrite any role's trust policy (iam:UpdateAssumeRolePolicy) to trust itself and assume the role
// (sts:AssumeRole) — every role but those IAM refuses to modify: service-linked roles (path
// `/aws-service-role/`) and the roles AWS reserves (path `/aws-reserved/`, Identity Center's). The
// path search follows these edges only to a role, never on the way to admin.
import type { GraphRole } from '../account-principals.ts';
import { ADMIN, type GraphEdge } from '../graph-model.ts';
import type { EdgeFamily } from './edge-family.ts';

const SERVICE_LINKED_PATH = '/aws-service-role/';
const RESERVED_PATH = '/aws-reserved/';

/** Whether IAM lets an admin rewrite the role's trust policy. */
export function mayTakeOver(role: GraphRole): boolean {
  return (
    role.linkedService === null &&
    !role.path.startsWith(SERVICE_LINKED_PATH) &&
    !role.path.startsWith(RESERVED_PATH)
  );
}

export const adminTakeover: EdgeFamily = {
  kind: 'admin-takeover',
  description: 'from admin: iam:UpdateAssumeRolePolicy and sts:AssumeRole on any role IAM lets it modify',
  find(ctx) {
    const edges: GraphEdge[] = ctx.account.roles.filter(mayTakeOver).map((role) => ({
      from: ADMIN,
      to: role.arn,
      kind: 'admin-takeover',
      summary: `admin rewrites the trust policy of ${ctx.graph.label(role.arn)} and assumes it`,
      permissions: [
        { action: 'iam:UpdateAssumeRolePolicy', resource: role.arn, statements: [] },
        { action: 'sts:AssumeRole', resource: role.arn, statements: [] },
      ],
    }));
    return Promise.resolve(edges);
  },
};
