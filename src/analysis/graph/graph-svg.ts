// The paths to a target drawn as SVG without Graphviz: the paths' edges (each once, as DOT draws them)
// in a layered layout from left to right — a node's column is its distance from the target along the
// paths, the target alone in the rightmost column, each column's nodes ordered by where their edges
// lead — nodes as rounded rectangles labelled as the text report names them, edges as arrows labelled
// with their permissions' actions. Self-contained (presentation attributes, generic font families),
// deterministic, and valid XML: every text escaped.
import type { GraphReport } from './graph-formats.ts';
import { ADMIN, type EscalationGraph, type GraphEdge, pathEdges } from './graph-model.ts';

const FONT = 'Helvetica, Arial, sans-serif';
const NODE_FONT_SIZE = 12;
const LABEL_FONT_SIZE = 10;
/** A generous average glyph width, as a fraction of the font size (no font metrics to measure with). */
const GLYPH_WIDTH = 0.62;
const NODE_HEIGHT = 28;
const NODE_PADDING = 12;
const LABEL_LINE_HEIGHT = 12;
const MIN_COLUMN_GAP = 60;
const MARGIN = 20;
const TITLE_HEIGHT = 28;
/** Actions shown on an edge before the rest are counted ("+2 more"). */
const MAX_ACTIONS = 3;

const NODE_COLOURS = {
  user: { fill: '#e8f0fe', stroke: '#3b6fd4' },
  role: { fill: '#e9f6ea', stroke: '#3d8b3d' },
  admin: { fill: '#fde8e8', stroke: '#c62828' },
} as const;

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * `text` as XML character data or an attribute value: markup characters as entities, and characters
 * XML 1.0 does not allow (control characters, lone surrogates) as U+FFFD.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A coordinate as written: at most one decimal. */
const num = (x: number): string => String(Math.round(x * 10) / 10);

const textWidth = (text: string, size: number) => [...text].length * size * GLYPH_WIDTH;

/** The lines an edge is labelled with: its actions (the first few when many), and who acts, if not `from`. */
export function edgeLabelLines(graph: EscalationGraph, edge: GraphEdge): string[] {
  const actions = [...new Set(edge.permissions.map((p) => p.action))];
  const lines =
    actions.length > MAX_ACTIONS
      ? [...actions.slice(0, MAX_ACTIONS - 1), `+${actions.length - (MAX_ACTIONS - 1)} more`]
      : actions;
  if (edge.actor !== undefined) lines.push(`by ${graph.label(edge.actor)}`);
  return lines;
}

interface PlacedNode {
  id: string;
  label: string;
  column: number;
  x: number;
  /** Vertical centre. */
  y: number;
  width: number;
}

/** Each node's distance from the target: the fewest steps left to it on any path through the node. */
function distances(r: GraphReport): Map<string, number> {
  const dist = new Map<string, number>([[r.target, 0]]);
  for (const path of r.paths) {
    const ids = [path.from, ...path.steps.map((s) => s.to)];
    ids.forEach((id, i) => {
      const left = ids.length - 1 - i;
      const known = dist.get(id);
      if (known === undefined || left < known) dist.set(id, left);
    });
  }
  return dist;
}

function layout(r: GraphReport, edges: readonly GraphEdge[]) {
  const { graph } = r;
  const dist = distances(r);
  const last = Math.max(...dist.values());
  const columns: string[][] = Array.from({ length: last + 1 }, () => []);
  for (const [id, d] of dist) columns[last - d]!.push(id);
  const rows = Math.max(...columns.map((c) => c.length));
  const labelLines = edges.map((e) => edgeLabelLines(graph, e));
  const tallestLabel = Math.max(0, ...labelLines.map((l) => l.length)) * LABEL_LINE_HEIGHT + 6;
  // two neighbours' edges into one node meet half a pitch apart at their labels: room for one label
  const pitch = Math.max(NODE_HEIGHT + 24, 2 * tallestLabel + 8);
  const top = MARGIN + TITLE_HEIGHT;
  const placed = new Map<string, PlacedNode>();
  // from the target leftwards: a column's nodes ordered by the mean height of the nodes they lead to
  for (let c = last; c >= 0; c--) {
    const keyed = columns[c]!.map((id) => {
      const ys = edges.filter((e) => e.from === id && placed.has(e.to)).map((e) => placed.get(e.to)!.y);
      const key = ys.length > 0 ? ys.reduce((a, b) => a + b, 0) / ys.length : Number.POSITIVE_INFINITY;
      return { id, key, label: graph.label(id) };
    });
    keyed.sort((a, b) => a.key - b.key || a.label.localeCompare(b.label) || a.id.localeCompare(b.id));
    const offset = ((rows - keyed.length) * pitch) / 2;
    keyed.forEach(({ id, label }, i) =>
      placed.set(id, {
        id,
        label,
        column: c,
        x: 0,
        y: top + offset + i * pitch + pitch / 2,
        width: textWidth(label, NODE_FONT_SIZE) + 2 * NODE_PADDING,
      }),
    );
  }
  // column widths, and gaps wide enough for the labels of the edges that cross them
  const widths = columns.map((ids) => Math.max(...ids.map((id) => placed.get(id)!.width)));
  const gaps = columns.map(() => MIN_COLUMN_GAP);
  edges.forEach((e, i) => {
    const from = placed.get(e.from)!.column;
    const to = placed.get(e.to)!.column;
    if (to !== from + 1) return;
    const widest = Math.max(...labelLines[i]!.map((l) => textWidth(l, LABEL_FONT_SIZE)));
    gaps[from] = Math.max(gaps[from]!, widest + 32);
  });
  const lefts: number[] = [];
  let x = MARGIN;
  columns.forEach((_, c) => {
    lefts.push(x);
    x += widths[c]! + gaps[c]!;
  });
  for (const node of placed.values()) node.x = lefts[node.column]! + (widths[node.column]! - node.width) / 2;
  const width = Math.max(x - gaps[last]! + MARGIN, textWidth(title(r), NODE_FONT_SIZE + 2) + 2 * MARGIN);
  // room below for edges that loop back to an earlier or the same column
  const height = top + rows * pitch + MARGIN + 40;
  return { placed, labelLines, width, height, bottom: top + rows * pitch };
}

function title(r: GraphReport): string {
  const n = r.paths.length;
  return `Who can reach ${r.graph.label(r.target)} in account ${r.graph.accountId}: ${n} ${n === 1 ? 'principal' : 'principals'}`;
}

const svgOpen = (width: number, height: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" ` +
  `viewBox="0 0 ${num(width)} ${num(height)}" font-family="${FONT}">`;

function emptySvg(r: GraphReport): string {
  const message = `No principal can reach ${r.graph.label(r.target)} in account ${r.graph.accountId}.`;
  const width = textWidth(message, NODE_FONT_SIZE) + 2 * MARGIN;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    svgOpen(width, 2 * MARGIN + NODE_FONT_SIZE),
    `  <rect width="100%" height="100%" fill="#ffffff"/>`,
    `  <text x="${MARGIN}" y="${num(MARGIN + NODE_FONT_SIZE * 0.85)}" font-size="${NODE_FONT_SIZE}" fill="#333333">${escapeXml(message)}</text>`,
    '</svg>',
  ].join('\n');
}

/** The paths to the report's target as an SVG document. */
export function svg(r: GraphReport): string {
  if (r.paths.length === 0) return emptySvg(r);
  const { graph } = r;
  const edges = pathEdges(r.paths);
  const { placed, labelLines, width, height, bottom } = layout(r, edges);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    svgOpen(width, height),
    `  <title>${escapeXml(title(r))}</title>`,
    '  <defs>',
    '    <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto">',
    '      <path d="M0,0 L10,5 L0,10 z" fill="#555555"/>',
    '    </marker>',
    '  </defs>',
    `  <rect width="100%" height="100%" fill="#ffffff"/>`,
    `  <text x="${MARGIN}" y="${MARGIN + 10}" font-size="${NODE_FONT_SIZE + 2}" font-weight="bold" fill="#222222">${escapeXml(title(r))}</text>`,
  ];
  const labels: string[] = [];
  edges.forEach((e, i) => {
    const a = placed.get(e.from)!;
    const b = placed.get(e.to)!;
    let d: string;
    let mid: { x: number; y: number };
    if (b.column > a.column) {
      const x1 = a.x + a.width;
      const x2 = b.x;
      const dx = (x2 - x1) / 2;
      d = `M${num(x1)},${num(a.y)} C${num(x1 + dx)},${num(a.y)} ${num(x2 - dx)},${num(b.y)} ${num(x2)},${num(b.y)}`;
      mid = { x: (x1 + x2) / 2, y: (a.y + b.y) / 2 };
    } else {
      // back to an earlier (or the same) column: a loop under the nodes
      const x1 = a.x + a.width / 2;
      const x2 = b.x + b.width / 2;
      const y1 = a.y + NODE_HEIGHT / 2;
      const y2 = b.y + NODE_HEIGHT / 2;
      const low = bottom + 30;
      d = `M${num(x1)},${num(y1)} C${num(x1)},${num(low)} ${num(x2)},${num(low)} ${num(x2)},${num(y2)}`;
      mid = { x: (x1 + x2) / 2, y: (y1 + 3 * low + 3 * low + y2) / 8 };
    }
    const dashed = e.actor !== undefined ? ' stroke-dasharray="5,3"' : '';
    out.push(
      `  <path d="${d}" fill="none" stroke="#555555" stroke-width="1.2"${dashed} marker-end="url(#arrow)">`,
      `    <title>${escapeXml(e.summary)}</title>`,
      '  </path>',
    );
    const lines = labelLines[i]!;
    const boxWidth = Math.max(...lines.map((l) => textWidth(l, LABEL_FONT_SIZE))) + 8;
    const boxHeight = lines.length * LABEL_LINE_HEIGHT + 4;
    const top = mid.y - boxHeight / 2;
    labels.push(
      '  <g>',
      `    <rect x="${num(mid.x - boxWidth / 2)}" y="${num(top)}" width="${num(boxWidth)}" height="${num(boxHeight)}" rx="3" fill="#ffffff" fill-opacity="0.85"/>`,
      `    <text font-size="${LABEL_FONT_SIZE}" fill="#333333" text-anchor="middle">`,
      ...lines.map(
        (l, j) =>
          `      <tspan x="${num(mid.x)}" y="${num(top + 2 + (j + 0.8) * LABEL_LINE_HEIGHT)}">${escapeXml(l)}</tspan>`,
      ),
      '    </text>',
      '  </g>',
    );
  });
  // labels above every edge, nodes above all
  out.push(...labels);
  const ordered = [...placed.values()].sort((a, b) => a.column - b.column || a.y - b.y);
  for (const n of ordered) {
    const kind = n.id === ADMIN ? 'admin' : (graph.nodes.get(n.id)?.kind ?? 'user');
    const colours = NODE_COLOURS[kind];
    const node = graph.nodes.get(n.id);
    const tooltip = node && node.kind !== 'admin' ? node.arn : 'admin: every IAM action on every resource';
    out.push(
      '  <g>',
      `    <title>${escapeXml(tooltip)}</title>`,
      `    <rect x="${num(n.x)}" y="${num(n.y - NODE_HEIGHT / 2)}" width="${num(n.width)}" height="${NODE_HEIGHT}" rx="8" ry="8" fill="${colours.fill}" stroke="${colours.stroke}" stroke-width="${kind === 'admin' ? 2 : 1.2}"/>`,
      `    <text x="${num(n.x + n.width / 2)}" y="${num(n.y + NODE_FONT_SIZE * 0.35)}" font-size="${NODE_FONT_SIZE}" fill="#111111" text-anchor="middle">${escapeXml(n.label)}</text>`,
      '  </g>',
    );
  }
  out.push('</svg>');
  return out.join('\n');
}
