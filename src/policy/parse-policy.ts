// Owns the parse stage: policy JSON text → frozen Policy tree, or syntax errors with locations.
// This is AWS's grammar ("Syntax errors in policy." territory); meaning is checked by validation.
import { readJson } from './json-source.ts';
import type { JsonNode, JsonObject, SourcePosition, SourceSpan } from './json-source.ts';
import type {
  ConditionBlock,
  ConditionEntry,
  ConditionValue,
  Effect,
  Policy,
  PrincipalElement,
  PrincipalEntry,
  Statement,
  StringList,
  StringValue,
} from './policy-tree.ts';

export interface ParseError {
  readonly code: string;
  readonly message: string;
  readonly position: SourcePosition;
}

export type ParseResult =
  | { readonly ok: true; readonly policy: Policy }
  | { readonly ok: false; readonly errors: readonly ParseError[] };

const TOP_LEVEL_FIELDS = new Set(['Version', 'Id', 'Statement', 'Conditions']);
const STATEMENT_FIELDS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
]);
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);

class Collector {
  readonly errors: ParseError[] = [];
  add(code: string, message: string, span: SourceSpan): void {
    this.errors.push({ code, message, position: span.start });
  }
}

// Source spans are frozen once where they are made (json-source.ts); here the tree's own nodes are frozen.
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function stringValue(node: JsonNode, field: string, out: Collector): StringValue | undefined {
  if (node.type !== 'string') {
    out.add('expected-string', `${field} must be a string`, node.span);
    return undefined;
  }
  return { value: node.value, span: node.span };
}

function stringList(node: JsonNode, field: string, out: Collector): StringList | undefined {
  if (node.type === 'string')
    return { values: [{ value: node.value, span: node.span }], isArray: false, span: node.span };
  if (node.type !== 'array') {
    out.add('expected-string-or-list', `${field} must be a string or a list of strings`, node.span);
    return undefined;
  }
  const values: StringValue[] = [];
  for (const item of node.items) {
    if (item.type !== 'string') {
      out.add('expected-string', `${field} must list only strings`, item.span);
      return undefined;
    }
    values.push({ value: item.value, span: item.span });
  }
  return { values, isArray: true, span: node.span };
}

function principalElement(node: JsonNode, field: string, out: Collector): PrincipalElement | undefined {
  if (node.type === 'string') {
    const text = { value: node.value, span: node.span };
    return { wildcard: node.value === '*', text, entries: [], span: node.span };
  }
  if (node.type !== 'object') {
    out.add('expected-principal', `${field} must be "*" or an object`, node.span);
    return undefined;
  }
  const entries: PrincipalEntry[] = [];
  for (const m of node.members) {
    const values = stringList(m.value, `${field}.${m.key}`, out);
    if (!values) return undefined;
    entries.push({ type: m.key, typeSpan: m.keySpan, values });
  }
  return { wildcard: false, entries, span: node.span };
}

function conditionValue(node: JsonNode): ConditionValue | undefined {
  switch (node.type) {
    case 'string':
      return { value: node.value, jsonType: 'string', span: node.span };
    case 'boolean':
      return { value: String(node.value), jsonType: 'boolean', span: node.span };
    case 'number':
      return { value: node.raw, jsonType: 'number', span: node.span };
    default:
      return undefined;
  }
}

function conditionBlocks(node: JsonNode, out: Collector): ConditionBlock[] | undefined {
  if (node.type !== 'object') {
    out.add('expected-object', 'Condition must be an object', node.span);
    return undefined;
  }
  const blocks: ConditionBlock[] = [];
  for (const op of node.members) {
    if (op.value.type !== 'object') {
      out.add('expected-object', `Condition operator ${op.key} must map to an object`, op.value.span);
      return undefined;
    }
    const entries: ConditionEntry[] = [];
    for (const k of op.value.members) {
      const key: StringValue = { value: k.key, span: k.keySpan };
      const items = k.value.type === 'array' ? k.value.items : [k.value];
      const values: ConditionValue[] = [];
      for (const item of items) {
        const v = conditionValue(item);
        if (!v) {
          out.add('expected-condition-value', `Condition value for ${k.key} must be a string`, item.span);
          return undefined;
        }
        values.push(v);
      }
      entries.push({ key, values, isArray: k.value.type === 'array', span: k.value.span });
    }
    blocks.push({ operator: { value: op.key, span: op.keySpan }, entries, span: op.value.span });
  }
  return blocks;
}

function parseEffect(node: JsonNode, out: Collector): { effect: Effect; text: StringValue } | undefined {
  const text = stringValue(node, 'Effect', out);
  if (!text) return undefined;
  const lower = text.value.toLowerCase();
  if (lower === 'allow') return { effect: 'Allow', text };
  if (lower === 'deny') return { effect: 'Deny', text };
  out.add('invalid-effect', `Effect must be Allow or Deny, not ${JSON.stringify(text.value)}`, node.span);
  return undefined;
}

function parseStatement(node: JsonNode, index: number, out: Collector): Statement | undefined {
  if (node.type !== 'object') {
    out.add('expected-object', `Statement ${index + 1} must be an object`, node.span);
    return undefined;
  }
  const before = out.errors.length;
  const st: {
    -readonly [K in keyof Statement]?: Statement[K];
  } = { index, span: node.span };
  let effect: { effect: Effect; text: StringValue } | undefined;
  for (const m of node.members) {
    const v = m.value;
    switch (m.key) {
      case 'Sid':
        st.sid = stringValue(v, 'Sid', out);
        break;
      case 'Effect':
        effect = parseEffect(v, out);
        break;
      case 'Action':
        st.action = stringList(v, 'Action', out);
        break;
      case 'NotAction':
        st.notAction = stringList(v, 'NotAction', out);
        break;
      case 'Resource':
        st.resource = stringList(v, 'Resource', out);
        break;
      case 'NotResource':
        st.notResource = stringList(v, 'NotResource', out);
        break;
      case 'Principal':
        st.principal = principalElement(v, 'Principal', out);
        break;
      case 'NotPrincipal':
        st.notPrincipal = principalElement(v, 'NotPrincipal', out);
        break;
      case 'Condition':
        st.condition = conditionBlocks(v, out);
        break;
      default:
        if (!STATEMENT_FIELDS.has(m.key)) out.add('unknown-field', `Unknown field ${m.key}`, m.keySpan);
    }
  }
  if (st.action && st.notAction)
    out.add('conflicting-fields', 'Statement has both Action and NotAction', node.span);
  if (st.resource && st.notResource)
    out.add('conflicting-fields', 'Statement has both Resource and NotResource', node.span);
  if (st.principal && st.notPrincipal)
    out.add('conflicting-fields', 'Statement has both Principal and NotPrincipal', node.span);
  if (!member(node, 'Effect')) out.add('missing-effect', 'Missing required field Effect', node.span);
  if (out.errors.length > before || !effect) return undefined;
  return { ...st, effect: effect.effect, effectText: effect.text } as Statement;
}

function member(node: JsonObject, key: string): boolean {
  return node.members.some((m) => m.key === key);
}

function parseDocument(root: JsonNode, out: Collector): Policy | undefined {
  if (root.type !== 'object') {
    out.add('expected-object', 'A policy document must be a JSON object', root.span);
    return undefined;
  }
  let version: StringValue | undefined;
  let id: StringValue | undefined;
  let statements: Statement[] | undefined;
  let statementIsArray = false;
  for (const m of root.members) {
    if (!TOP_LEVEL_FIELDS.has(m.key)) {
      out.add('unknown-field', `Unknown field ${m.key}`, m.keySpan);
      continue;
    }
    if (m.key === 'Version') {
      version = stringValue(m.value, 'Version', out);
      if (version && !VERSIONS.has(version.value))
        out.add('invalid-version', `Invalid Version ${JSON.stringify(version.value)}`, m.value.span);
    } else if (m.key === 'Id') id = stringValue(m.value, 'Id', out);
    else if (m.key === 'Statement') {
      const v = m.value;
      const items = v.type === 'array' ? v.items : v.type === 'object' ? [v] : undefined;
      statementIsArray = v.type === 'array';
      if (!items) {
        out.add('expected-statement', 'Statement must be an object or a list of objects', v.span);
        continue;
      }
      if (items.length === 0) out.add('empty-statement', 'Statement must not be empty', v.span);
      statements = [];
      items.forEach((item, i) => {
        const st = parseStatement(item, i, out);
        if (st) statements?.push(st);
      });
    }
  }
  if (!statements && !root.members.some((m) => m.key === 'Statement'))
    out.add('missing-statement', 'Missing required field Statement', root.span);
  if (out.errors.length > 0 || !statements) return undefined;
  const policy: { -readonly [K in keyof Policy]?: Policy[K] } = {
    statements,
    statementIsArray,
    span: root.span,
  };
  if (version) policy.version = version;
  if (id) policy.id = id;
  return policy as Policy;
}

/** Parses a policy document into a frozen tree with source positions. Never throws. */
export function parsePolicy(text: string): ParseResult {
  if (typeof text !== 'string') {
    return { ok: false, errors: [{ code: 'not-text', message: 'policy is not text', position: ORIGIN }] };
  }
  const json = readJson(text);
  if (!json.ok)
    return { ok: false, errors: [{ code: 'json', message: json.message, position: json.position }] };
  const out = new Collector();
  const policy = parseDocument(json.value, out);
  if (!policy) return { ok: false, errors: out.errors };
  return { ok: true, policy: deepFreeze(policy) };
}

const ORIGIN: SourcePosition = { offset: 0, line: 1, column: 1 };
