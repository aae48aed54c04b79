// Structured mutations for fuzzing: edits of a valid text (insert, delete, replace, duplicate, truncate)
// drawn from a dictionary of tokens that matter to the format, random JSON values, and hostile strings.
import fc from 'fast-check';

/** One edit of a text, at a position given as a fraction of its length (so it fits any text). */
export type TextEdit =
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'replace'; at: number; length: number; text: string }
  | { op: 'duplicate'; at: number; length: number; to: number }
  | { op: 'truncate'; at: number };

const position = fc.double({ min: 0, max: 1, noNaN: true });

/** Strings that break parsers: control characters, lone surrogates, escapes, long runs. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    '\u0000',
    '\ud800',
    '\udc00x',
    '\uffff',
    '\u2028',
    '%',
    '%zz',
    '%00',
    '%ff',
    '%ED%A0%80',
    '+',
    '&',
    '=',
    '\\',
    '"',
    "'",
    '\r\n',
    '\t',
    '*',
    '?',
    '$',
    '${aws:username}',
    '../',
    '__proto__',
    'constructor',
    'NaN',
    '-1',
    '1e309',
    '99999999999999999999',
    '0x10',
  ),
  fc
    .tuple(
      fc.constantFrom('a', '=', '/', '.', '*', '?', ',', ' ', '\u00e9'),
      fc.integer({ min: 100, max: 5000 }),
    )
    .map(([c, n]) => c.repeat(n)),
);

/** An edit whose inserted text comes from `tokens` (the format's own syntax) or is hostile. */
export function textEdit(tokens: readonly string[]): fc.Arbitrary<TextEdit> {
  const text = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...tokens) },
    { weight: 1, arbitrary: hostileString },
  );
  const length = fc.integer({ min: 0, max: 64 });
  return fc.oneof(
    fc.record({ op: fc.constant('insert' as const), at: position, text }),
    fc.record({ op: fc.constant('delete' as const), at: position, length }),
    fc.record({ op: fc.constant('replace' as const), at: position, length, text }),
    fc.record({
      op: fc.constant('duplicate' as const),
      at: position,
      length: fc.integer({ min: 1, max: 400 }),
      to: position,
    }),
    fc.record({ op: fc.constant('truncate' as const), at: position }),
  );
}

function indexIn(text: string, at: number): number {
  return Math.min(text.length, Math.floor(at * (text.length + 1)));
}

/** Applies one edit. */
export function applyEdit(text: string, edit: TextEdit): string {
  const i = indexIn(text, edit.at);
  switch (edit.op) {
    case 'insert':
      return text.slice(0, i) + edit.text + text.slice(i);
    case 'delete':
      return text.slice(0, i) + text.slice(i + edit.length);
    case 'replace':
      return text.slice(0, i) + edit.text + text.slice(i + edit.length);
    case 'duplicate': {
      const piece = text.slice(i, i + edit.length);
      const j = indexIn(text, edit.to);
      return text.slice(0, j) + piece + text.slice(j);
    }
    case 'truncate':
      return text.slice(0, i);
  }
}

/** `base` with one to four edits applied. */
export function mutatedText(base: fc.Arbitrary<string>, tokens: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(base, fc.array(textEdit(tokens), { minLength: 1, maxLength: 4 }))
    .map(([text, edits]) => edits.reduce(applyEdit, text));
}

/** Random bytes read as UTF-8 (invalid sequences become U+FFFD), as a server would read a body. */
export const randomUtf8: fc.Arbitrary<string> = fc
  .uint8Array({ maxLength: 2048 })
  .map((bytes) => Buffer.from(bytes).toString('utf8'));

/** Any JSON value, with hostile strings and deep nesting among them. */
export const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: hostileString },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 200 }).map((depth) => {
      let v: unknown = 'x';
      for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
      return v;
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(null, true, false, 0, -1, 1e308, 0.5, [], {}, ['*'], { '*': '*' }),
  },
);

/** One edit of a JSON value: set, delete or wrap what is at a path chosen by fractions. */
export interface JsonEdit {
  path: number[];
  op: 'set' | 'delete' | 'wrap-in-array' | 'duplicate-into-array';
  value: unknown;
}

export const jsonEdit: fc.Arbitrary<JsonEdit> = fc.record({
  path: fc.array(fc.nat(), { maxLength: 5 }),
  op: fc.constantFrom('set', 'delete', 'wrap-in-array', 'duplicate-into-array'),
  value: jsonValue,
});

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null;
}

/** Applies a JSON edit to a deep copy of `doc`; the path's numbers pick a key or index at each level. */
export function applyJsonEdit(doc: unknown, edit: JsonEdit): unknown {
  const root: unknown = structuredClone(doc);
  const holder = { root };
  let parent: Record<string, unknown> | unknown[] = holder;
  let key: string | number = 'root';
  for (const step of edit.path) {
    const here: unknown = (parent as Record<string | number, unknown>)[key];
    if (!isContainer(here)) break;
    const keys = Array.isArray(here) ? here.map((_, i) => i) : Object.keys(here);
    if (keys.length === 0) break;
    parent = here;
    key = keys[step % keys.length]!;
  }
  const target = parent as Record<string | number, unknown>;
  switch (edit.op) {
    case 'set':
      target[key] = edit.value;
      break;
    case 'delete':
      if (Array.isArray(target)) target.splice(Number(key), 1);
      else delete target[key];
      break;
    case 'wrap-in-array':
      target[key] = [target[key]];
      break;
    case 'duplicate-into-array':
      target[key] = [target[key], target[key]];
      break;
  }
  return holder.root;
}

/** A JSON document with one to three edits applied. */
export function mutatedJson(base: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(base, fc.array(jsonEdit, { minLength: 1, maxLength: 3 }))
    .map(([doc, edits]) => edits.reduce(applyJsonEdit, doc));
}
