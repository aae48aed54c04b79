// The escalation graph's SVG form, drawn without Graphviz: a document that parses as XML, a node per
// principal on the paths and a label per step, text escaped, the same bytes every time, and a short
// document when no path exists. Graphs are built by hand: the drawing needs no store.
import { type Document, DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import {
  ADMIN,
  EscalationGraph,
  findPaths,
  formatGraphReport,
  type GraphEdge,
} from '../../src/analysis/graph/index.ts';
import { escapeXml } from '../../src/analysis/graph/graph-svg.ts';

const ACCOUNT = '123456789012';
const userArn = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

function graphOf(users: string[], roles: string[], edges: GraphEdge[]): EscalationGraph {
  const graph = new EscalationGraph(ACCOUNT);
  for (const name of users)
    graph.addNode({ id: userArn(name), kind: 'user', accountId: ACCOUNT, name, arn: userArn(name) });
  for (const name of roles)
    graph.addNode({ id: roleArn(name), kind: 'role', accountId: ACCOUNT, name, arn: roleArn(name) });
  for (const e of edges) graph.addEdge(e);
  return graph;
}

const edge = (from: string, to: string, actions: string[], extra: Partial<GraphEdge> = {}): GraphEdge => ({
  from,
  to,
  kind: 'assume-role',
  summary: `${from} → ${to}`,
  permissions: actions.map((action) => ({ action, resource: to, statements: [] })),
  ...extra,
});

/** Parses `text` as XML; every warning and error of the parser is returned. */
function parse(text: string): { doc: Document; problems: string[] } {
  const problems: string[] = [];
  const doc = new DOMParser({
    onError: (level: string, message: string) => {
      problems.push(`${level}: ${message}`);
    },
  }).parseFromString(text, 'image/svg+xml');
  return { doc, problems };
}

const texts = (doc: Document, tag: string) =>
  Array.from(doc.getElementsByTagName(tag)).map((n) => n.textContent ?? '');

// alice → ops → admin; bob → ops; carol → admin (three actions, and a fourth); dave edits ops, with ops' creds
const ALICE = userArn('alice');
const BOB = userArn('bob');
const CAROL = userArn('carol');
const OPS = roleArn('ops');
function sample(): EscalationGraph {
  return graphOf(
    ['alice', 'bob', 'carol', 'intern'],
    ['ops'],
    [
      edge(ALICE, OPS, ['sts:AssumeRole']),
      edge(BOB, OPS, ['sts:AssumeRole']),
      edge(OPS, ADMIN, ['iam:*'], { kind: 'admin-rights' }),
      edge(
        CAROL,
        ADMIN,
        ['iam:PutUserPolicy', 'iam:AttachUserPolicy', 'iam:PutGroupPolicy', 'iam:AddUserToGroup'],
        { kind: 'policy-edit' },
      ),
    ],
  );
}

describe('escalation graph as SVG', () => {
  it('is well-formed XML: an svg root, no parser warnings or errors', () => {
    const graph = sample();
    const out = formatGraphReport('svg', { graph, target: ADMIN, paths: findPaths(graph, ADMIN) });
    const { doc, problems } = parse(out);
    expect(problems).toEqual([]);
    expect(doc.documentElement?.tagName).toBe('svg');
    expect(doc.documentElement?.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    // self-contained: no stylesheet, no external reference
    expect(out).not.toMatch(/<style|@import|xlink:href|href="http/);
  });

  it('draws a node per principal on the paths and labels every step with its actions', () => {
    const graph = sample();
    const paths = findPaths(graph, ADMIN);
    const { doc } = parse(formatGraphReport('svg', { graph, target: ADMIN, paths }));
    const nodeLabels = Array.from(doc.getElementsByTagName('g'))
      .filter((g) => g.getElementsByTagName('rect')[0]?.getAttribute('rx') === '8')
      .map((g) => g.getElementsByTagName('text')[0]?.textContent);
    expect(nodeLabels.sort()).toEqual(['admin', 'role/ops', 'user/alice', 'user/bob', 'user/carol']);
    // the intern is on no path: not drawn
    expect(texts(doc, 'text').join(' ')).not.toContain('intern');
    // one arrow per distinct step: alice→ops, bob→ops, ops→admin, carol→admin
    expect(doc.getElementsByTagName('path').length - 1).toBe(4); // less the arrowhead's path
    const labels = texts(doc, 'tspan');
    expect(labels.filter((l) => l === 'sts:AssumeRole')).toHaveLength(2);
    expect(labels).toContain('iam:*');
    // four actions: the first two and a count of the rest
    expect(labels).toEqual(expect.arrayContaining(['iam:PutUserPolicy', 'iam:AttachUserPolicy', '+2 more']));
    expect(labels).not.toContain('iam:AddUserToGroup');
  });

  it('places the target rightmost and each principal by its distance from it', () => {
    const graph = sample();
    const { doc } = parse(formatGraphReport('svg', { graph, target: ADMIN, paths: findPaths(graph, ADMIN) }));
    const x = (label: string) => {
      const g = Array.from(doc.getElementsByTagName('g')).find(
        (n) => n.getElementsByTagName('text')[0]?.textContent === label,
      );
      return Number(g?.getElementsByTagName('text')[0]?.getAttribute('x'));
    };
    expect(x('user/alice')).toBe(x('user/bob'));
    expect(x('user/alice')).toBeLessThan(x('role/ops'));
    expect(x('user/carol')).toBe(x('role/ops'));
    expect(x('role/ops')).toBeLessThan(x('admin'));
  });

  it('gives the same document for the same graph', () => {
    const a = sample();
    const b = sample();
    const draw = (g: EscalationGraph) =>
      formatGraphReport('svg', { graph: g, target: ADMIN, paths: findPaths(g, ADMIN) });
    expect(draw(a)).toBe(draw(b));
    expect(draw(a)).toBe(draw(a));
  });

  it('escapes markup characters in names, actions and summaries', () => {
    const odd = 'a<b>&"c\'';
    const graph = graphOf(
      [odd],
      [],
      [
        edge(userArn(odd), ADMIN, ['iam:<Put>&"Policy"'], {
          kind: 'policy-edit',
          summary: 'x < y & "z"',
        }),
      ],
    );
    const out = formatGraphReport('svg', { graph, target: ADMIN, paths: findPaths(graph, ADMIN) });
    const { doc, problems } = parse(out);
    expect(problems).toEqual([]);
    expect(texts(doc, 'text')).toContain(`user/${odd}`);
    expect(texts(doc, 'tspan')).toContain('iam:<Put>&"Policy"');
    expect(texts(doc, 'title')).toContain('x < y & "z"');
  });

  it('escapeXml turns <, &, ", \' and > into entities and drops characters XML forbids', () => {
    expect(escapeXml('<a href="x">&amp;\'b\'</a>')).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;amp;&apos;b&apos;&lt;/a&gt;',
    );
    expect(escapeXml('tab\there\u0001\uD800é😀')).toBe('tab\there\uFFFD\uFFFDé😀');
    expect(escapeXml('plain role/name-1')).toBe('plain role/name-1');
  });

  it('says so in a small document when no path exists', () => {
    const graph = sample();
    const out = formatGraphReport('svg', {
      graph,
      target: ADMIN,
      paths: findPaths(graph, ADMIN, { from: [userArn('intern')] }),
    });
    const { doc, problems } = parse(out);
    expect(problems).toEqual([]);
    expect(texts(doc, 'text')).toEqual([`No principal can reach admin in account ${ACCOUNT}.`]);
    expect(doc.getElementsByTagName('path')).toHaveLength(0);
  });
});
