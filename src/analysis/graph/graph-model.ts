// The escalation graph's model: principals (IAM users and roles) and the node "admin" (a principal
// allowed every IAM action on every resource), and the edges by which one principal gains another's
// power, each with the permissions that enable it and the statements that allowed them.

/** The id of the node standing for "allowed every IAM action on every resource". */
export const ADMIN = 'admin';

export type PrincipalKind = 'user' | 'role';

/** An IAM user or role; its id is its ARN. */
export interface PrincipalNode {
  id: string;
  kind: PrincipalKind;
  accountId: string;
  name: string;
  arn: string;
}

export interface AdminNode {
  id: typeof ADMIN;
  kind: 'admin';
}

export type GraphNode = PrincipalNode | AdminNode;

/**
 * How the power moves: admin rights held already; sts:AssumeRole; iam:PassRole to a service that runs
 * code; an edit of a principal's policies, group memberships or trust policy; new credentials of a user;
 * and `admin-takeover`, from ADMIN to a role of the account: admin rights allow rewriting the role's
 * trust policy (iam:UpdateAssumeRolePolicy) to trust the admin, who then assumes it (sts:AssumeRole) —
 * every role but the service-linked ones and those under `/aws-reserved/`, which IAM refuses to modify.
 * Its permissions name no statements: whoever reached admin holds them.
 */
export type EdgeKind =
  'admin-rights' | 'assume-role' | 'pass-role' | 'policy-edit' | 'credentials' | 'admin-takeover';

/** A policy statement that allowed a permission, where the engine could say. */
export interface StatementRef {
  /** A managed policy ARN, `<owner ARN>/<inline policy name>`, or a role ARN for its trust policy. */
  policyId: string;
  policyType: string;
  sid?: string;
  /** 0-based, in the policy's Statement list. */
  statementIndex: number;
  /** 1-based position of the statement in the policy text. */
  line: number;
  column: number;
}

/** One request the engine allowed and the edge needs. */
export interface Permission {
  action: string;
  resource: string;
  statements: StatementRef[];
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** One line saying what the edge means, naming principals by their labels. */
  summary: string;
  /** Every request the edge needs, all allowed. */
  permissions: Permission[];
  /**
   * Who performs the edit when it is not `from`: `actor` can give `from` any permission, so the edge
   * counts only on a path that holds `actor`'s credentials too.
   */
  actor?: string;
}

/** A principal's graph: the nodes, and the edges leaving each node in the order they were found. */
export class EscalationGraph {
  readonly nodes = new Map<string, GraphNode>([[ADMIN, { id: ADMIN, kind: 'admin' }]]);
  private readonly outgoing = new Map<string, GraphEdge[]>();

  constructor(
    /** The account the graph is about: its principals are named without their account. */
    readonly accountId: string,
  ) {}

  addNode(node: PrincipalNode): void {
    this.nodes.set(node.id, node);
  }

  addEdge(edge: GraphEdge): void {
    const list = this.outgoing.get(edge.from);
    if (list) list.push(edge);
    else this.outgoing.set(edge.from, [edge]);
  }

  /** The edges leaving `id`. */
  from(id: string): readonly GraphEdge[] {
    return this.outgoing.get(id) ?? [];
  }

  /** Every edge, grouped by the node it leaves. */
  get edges(): GraphEdge[] {
    return [...this.outgoing.values()].flat();
  }

  /** The IAM principals, in the order they were added. */
  get principals(): PrincipalNode[] {
    return [...this.nodes.values()].filter((n): n is PrincipalNode => n.kind !== 'admin');
  }

  /** `user/alice`, `role/deployer`; a principal of another account with its account id in front. */
  label(id: string): string {
    const node = this.nodes.get(id);
    if (!node) return id;
    if (node.kind === 'admin') return ADMIN;
    const local = `${node.kind}/${node.name}`;
    return node.accountId === this.accountId ? local : `${node.accountId}:${local}`;
  }
}

/** A way from a principal to the target, step by step. */
export interface EscalationPath {
  from: string;
  to: string;
  steps: GraphEdge[];
}

/** The edges of the paths, each once (by its ends, kind and actor), in the order the paths take them. */
export function pathEdges(paths: readonly EscalationPath[]): GraphEdge[] {
  const edges = new Map<string, GraphEdge>();
  for (const p of paths)
    for (const e of p.steps) {
      const key = `${e.from} ${e.to} ${e.kind} ${e.actor ?? ''}`;
      if (!edges.has(key)) edges.set(key, e);
    }
  return [...edges.values()];
}
