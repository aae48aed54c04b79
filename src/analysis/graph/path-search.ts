// Who can reach a target (admin, or a role): from each principal, the shortest path by breadth-first
// search, each step an edge with the permissions that enable it. An edge done by another principal
// (`actor`: it can give the edge's principal every permission) counts when the path holds the
// actor's credentials: the actor is the start or on the path, or the path goes through the actor
// first and on from it. To a role, a path may also go through admin, which can take over any role IAM
// lets it modify (admin-takeover edges); to admin, the search stops there.
import { ADMIN, type EscalationGraph, type EscalationPath, type GraphEdge } from './graph-model.ts';

/**
 * The edge that first reached each node from the start, by breadth-first search over plain edges; on
 * from ADMIN only when `throughAdmin`.
 */
function searchFrom(
  graph: EscalationGraph,
  start: string,
  throughAdmin: boolean,
): Map<string, GraphEdge | null> {
  const reached = new Map<string, GraphEdge | null>([[start, null]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    if (node === ADMIN && !throughAdmin) continue;
    for (const edge of graph.from(node)) {
      if (edge.actor !== undefined || reached.has(edge.to)) continue;
      reached.set(edge.to, edge);
      queue.push(edge.to);
    }
  }
  return reached;
}

/** The steps from the search's start to `node` (which it reached). */
function stepsTo(reached: Map<string, GraphEdge | null>, node: string): GraphEdge[] {
  const steps: GraphEdge[] = [];
  for (let edge = reached.get(node); edge; edge = reached.get(edge.from)) steps.unshift(edge);
  return steps;
}

export interface PathSearchOptions {
  /** Start only from these principals (node ids); every principal by default. */
  from?: readonly string[];
}

/**
 * The shortest path from each principal that reaches `target` (ADMIN or a role ARN), shortest first,
 * then by the start's label.
 */
export function findPaths(
  graph: EscalationGraph,
  target: string,
  options: PathSearchOptions = {},
): EscalationPath[] {
  const starts = options.from ?? graph.principals.map((p) => p.id);
  const throughAdmin = target !== ADMIN;
  const searches = new Map<string, Map<string, GraphEdge | null>>();
  const search = (start: string) => {
    let s = searches.get(start);
    if (!s) searches.set(start, (s = searchFrom(graph, start, throughAdmin)));
    return s;
  };
  // the steps from admin on to the target: none to admin itself; to a role, its take-over (if any)
  let fromAdmin: GraphEdge[] | undefined = [];
  if (throughAdmin) {
    const reached = search(ADMIN);
    fromAdmin = reached.has(target) ? stepsTo(reached, target) : undefined;
  }
  // actor edges lead to admin: they count on the way to a role only when admin leads on to it
  const actorEdges = fromAdmin ? graph.edges.filter((e) => e.actor !== undefined) : [];
  const paths: EscalationPath[] = [];
  for (const start of starts) {
    if (start === target || !graph.nodes.has(start)) continue;
    const reached = search(start);
    let best = reached.has(target) ? stepsTo(reached, target) : undefined;
    for (const edge of actorEdges) {
      const actor = edge.actor!;
      if (!reached.has(edge.from) || !reached.has(actor)) continue;
      const toHolder = stepsTo(reached, edge.from);
      let steps: GraphEdge[] | undefined;
      if (actor === start || toHolder.some((s) => s.from === actor || s.to === actor))
        steps = [...toHolder, edge];
      else {
        // reach the actor first, then the principal it edits from there
        const fromActor = search(actor);
        if (fromActor.has(edge.from))
          steps = [...stepsTo(reached, actor), ...stepsTo(fromActor, edge.from), edge];
      }
      if (steps) steps = [...steps, ...fromAdmin!];
      if (steps && (!best || steps.length < best.length)) best = steps;
    }
    if (best) paths.push({ from: start, to: target, steps: best });
  }
  return paths.sort(
    (a, b) => a.steps.length - b.steps.length || graph.label(a.from).localeCompare(graph.label(b.from)),
  );
}
