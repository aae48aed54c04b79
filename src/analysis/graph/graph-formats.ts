// The paths to a target as `tessera graph` prints them: text (each step with its permissions and the
// statements that allowed them), JSON, Graphviz DOT (the paths' edges, labelled with permissions), or
// SVG drawn without Graphviz (graph-svg.ts).
import {
  ADMIN,
  type EscalationGraph,
  type EscalationPath,
  type GraphEdge,
  type Permission,
  pathEdges,
} from './graph-model.ts';
import { svg } from './graph-svg.ts';

export const GRAPH_FORMATS = ['text', 'json', 'dot', 'svg'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export interface GraphReport {
  graph: EscalationGraph;
  /** ADMIN, or a role ARN. */
  target: string;
  paths: EscalationPath[];
}

function permissionLines(p: Permission): string[] {
  return [
    `${p.action} on ${p.resource}`,
    ...p.statements.map(
      (s) =>
        `  allowed by ${s.policyId} (${s.policyType}) statement ${s.statementIndex + 1}` +
        `${s.sid !== undefined ? ` "${s.sid}"` : ''} at ${s.line}:${s.column}`,
    ),
  ];
}

function text(r: GraphReport): string {
  const { graph } = r;
  const target = graph.label(r.target);
  if (r.paths.length === 0) return `No principal can reach ${target} in account ${graph.accountId}.`;
  const lines = [
    `Who can reach ${target} in account ${graph.accountId}: ${r.paths.length} ` +
      `${r.paths.length === 1 ? 'principal' : 'principals'}, shortest path first`,
  ];
  for (const path of r.paths) {
    lines.push('', [path.from, ...path.steps.map((s) => s.to)].map((id) => graph.label(id)).join(' → '));
    path.steps.forEach((step, i) => {
      lines.push(`  ${i + 1}. ${step.summary}`);
      for (const p of step.permissions) lines.push(...permissionLines(p).map((l) => `       ${l}`));
    });
  }
  return lines.join('\n');
}

function json(r: GraphReport): string {
  const { graph } = r;
  return JSON.stringify(
    {
      accountId: graph.accountId,
      target: r.target,
      paths: r.paths.map((p) => ({
        from: p.from,
        to: p.to,
        length: p.steps.length,
        steps: p.steps.map((s) => ({
          from: s.from,
          to: s.to,
          kind: s.kind,
          summary: s.summary,
          ...(s.actor !== undefined ? { actor: s.actor } : {}),
          permissions: s.permissions,
        })),
      })),
    },
    null,
    2,
  );
}

/** A DOT double-quoted string. */
const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

function edgeLabel(graph: EscalationGraph, e: GraphEdge): string {
  const actions = [...new Set(e.permissions.map((p) => p.action))].join('\n');
  return e.actor !== undefined ? `${actions}\nby ${graph.label(e.actor)}` : actions;
}

function dot(r: GraphReport): string {
  const { graph } = r;
  const edges = pathEdges(r.paths);
  const nodes = new Set([r.target, ...edges.flatMap((e) => [e.from, e.to])]);
  const lines = [
    'digraph escalation {',
    '  rankdir=LR;',
    '  node [shape=box, fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  for (const id of nodes) {
    const style =
      id === ADMIN
        ? ', shape=doubleoctagon, color=red'
        : graph.nodes.get(id)?.kind === 'role'
          ? ', style=rounded'
          : '';
    lines.push(`  ${quote(id)} [label=${quote(graph.label(id))}${style}];`);
  }
  for (const e of edges)
    lines.push(
      `  ${quote(e.from)} -> ${quote(e.to)} [label=${quote(edgeLabel(graph, e))}${e.actor !== undefined ? ', style=dashed' : ''}];`,
    );
  lines.push('}');
  return lines.join('\n');
}

const FORMATTERS: Readonly<Record<GraphFormat, (r: GraphReport) => string>> = { text, json, dot, svg };

export function formatGraphReport(format: GraphFormat, report: GraphReport): string {
  return FORMATTERS[format](report);
}
