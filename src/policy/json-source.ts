// Owns reading JSON text into nodes that remember where they came from (offsets, lines, columns).
// Never throws: malformed text yields an error with the offset where reading stopped. Like IAM, it refuses
// strings holding an escaped NUL (`\u0000`) or an unpaired surrogate, escaped or not.

export interface SourcePosition {
  /** 0-based UTF-16 offset into the text. */
  readonly offset: number;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column (UTF-16 units). */
  readonly column: number;
}

export interface SourceSpan {
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

interface NodeBase {
  readonly span: SourceSpan;
}
export interface JsonString extends NodeBase {
  readonly type: 'string';
  readonly value: string;
}
export interface JsonNumber extends NodeBase {
  readonly type: 'number';
  /** The number exactly as written, so that `10.0` stays `10.0`. */
  readonly raw: string;
}
export interface JsonBoolean extends NodeBase {
  readonly type: 'boolean';
  readonly value: boolean;
}
export interface JsonNull extends NodeBase {
  readonly type: 'null';
}
export interface JsonArray extends NodeBase {
  readonly type: 'array';
  readonly items: readonly JsonNode[];
}
export interface JsonMember {
  readonly key: string;
  readonly keySpan: SourceSpan;
  readonly value: JsonNode;
}
export interface JsonObject extends NodeBase {
  readonly type: 'object';
  /** Members in source order; a repeated key appears once, holding its last value (as JSON.parse does). */
  readonly members: readonly JsonMember[];
}
export type JsonNode = JsonString | JsonNumber | JsonBoolean | JsonNull | JsonArray | JsonObject;

export type JsonReadResult =
  | { readonly ok: true; readonly value: JsonNode }
  | { readonly ok: false; readonly message: string; readonly position: SourcePosition };

const MAX_DEPTH = 64;

/** Maps offsets to line/column through a table of line starts. Immutable once built. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }
  position(offset: number): SourcePosition {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return Object.freeze({ offset, line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 });
  }
}

/** A span that keeps two offsets and computes line and column when asked (one small object per node). */
class OffsetSpan implements SourceSpan {
  constructor(
    private readonly lines: LineIndex,
    private readonly from: number,
    private readonly to: number,
  ) {
    Object.freeze(this);
  }
  get start(): SourcePosition {
    return this.lines.position(this.from);
  }
  get end(): SourcePosition {
    return this.lines.position(this.to);
  }
  toJSON(): { start: SourcePosition; end: SourcePosition } {
    return { start: this.start, end: this.end };
  }
}

class JsonSyntaxError {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

class Reader {
  private pos = 0;
  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {}

  readDocument(): JsonNode {
    this.skipWhitespace();
    const value = this.readValue(0);
    this.skipWhitespace();
    if (this.pos < this.text.length) this.fail('unexpected text after the JSON value');
    return value;
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(message, this.pos);
  }

  private span(start: number, end: number): SourceSpan {
    return new OffsetSpan(this.lines, start, end);
  }

  private skipWhitespace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else break;
    }
  }

  private readValue(depth: number): JsonNode {
    if (depth > MAX_DEPTH) this.fail('nesting is too deep');
    const c = this.text[this.pos];
    switch (c) {
      case '{':
        return this.readObject(depth);
      case '[':
        return this.readArray(depth);
      case '"': {
        const start = this.pos;
        const value = this.readString();
        return { type: 'string', value, span: this.span(start, this.pos) };
      }
      case 't':
        return this.readLiteral('true', { type: 'boolean', value: true });
      case 'f':
        return this.readLiteral('false', { type: 'boolean', value: false });
      case 'n':
        return this.readLiteral('null', { type: 'null' });
      default:
        if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.readNumber();
        return this.fail(
          c === undefined ? 'unexpected end of text' : `unexpected character ${JSON.stringify(c)}`,
        );
    }
  }

  private readLiteral<T extends object>(word: string, node: T): T & { span: SourceSpan } {
    const start = this.pos;
    if (!this.text.startsWith(word, this.pos)) this.fail(`expected ${word}`);
    this.pos += word.length;
    return { ...node, span: this.span(start, this.pos) };
  }

  private readNumber(): JsonNumber {
    const t = this.text;
    const start = this.pos;
    if (t[this.pos] === '-') this.pos++;
    if (t[this.pos] === '0') this.pos++;
    else if (this.isDigit()) while (this.isDigit()) this.pos++;
    else this.fail('malformed number');
    if (t[this.pos] === '.') {
      this.pos++;
      if (!this.isDigit()) this.fail('malformed number');
      while (this.isDigit()) this.pos++;
    }
    if (t[this.pos] === 'e' || t[this.pos] === 'E') {
      this.pos++;
      if (t[this.pos] === '+' || t[this.pos] === '-') this.pos++;
      if (!this.isDigit()) this.fail('malformed number');
      while (this.isDigit()) this.pos++;
    }
    return { type: 'number', raw: t.slice(start, this.pos), span: this.span(start, this.pos) };
  }

  private isDigit(): boolean {
    const c = this.text.charCodeAt(this.pos);
    return c >= 48 && c <= 57;
  }

  private readString(): string {
    const t = this.text;
    this.pos++; // opening quote
    let out = '';
    let chunk = this.pos;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 34) {
        out += t.slice(chunk, this.pos);
        this.pos++;
        return out;
      }
      if (c < 32) this.fail('control character in string');
      if (c === 92) {
        out += t.slice(chunk, this.pos);
        this.pos++;
        const e = t[this.pos];
        const simple = e === undefined ? undefined : ESCAPES[e];
        if (simple !== undefined) {
          out += simple;
          this.pos++;
        } else if (e === 'u') {
          const unit = this.readUnicodeEscape();
          if (unit === 0) this.fail('escaped NUL character in string');
          out += String.fromCodePoint(unit);
        } else this.fail('malformed escape');
        chunk = this.pos;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const low = t.charCodeAt(this.pos + 1);
        if (c > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) this.fail('lone surrogate in string');
        this.pos++;
      }
      this.pos++;
    }
    return this.fail('unterminated string');
  }

  /** Reads `uXXXX` after a backslash; a high surrogate must be followed at once by an escaped low one. */
  private readUnicodeEscape(): number {
    const unit = this.hexUnit(this.pos + 1);
    this.pos += 5;
    if (unit >= 0xdc00 && unit <= 0xdfff) this.fail('lone surrogate in string');
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const low = this.text.startsWith('\\u', this.pos) ? this.hexUnit(this.pos + 2) : -1;
      if (low < 0xdc00 || low > 0xdfff) this.fail('lone surrogate in string');
      this.pos += 6;
      return ((unit - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
    }
    return unit;
  }

  private hexUnit(at: number): number {
    const hex = this.text.slice(at, at + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('malformed \\u escape');
    return parseInt(hex, 16);
  }

  private readArray(depth: number): JsonArray {
    const start = this.pos;
    this.pos++;
    const items: JsonNode[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return { type: 'array', items, span: this.span(start, this.pos) };
    }
    for (;;) {
      this.skipWhitespace();
      items.push(this.readValue(depth + 1));
      this.skipWhitespace();
      const c = this.text[this.pos];
      if (c === ',') this.pos++;
      else if (c === ']') {
        this.pos++;
        return { type: 'array', items, span: this.span(start, this.pos) };
      } else this.fail("expected ',' or ']'");
    }
  }

  private readObject(depth: number): JsonObject {
    const start = this.pos;
    this.pos++;
    const members: JsonMember[] = [];
    const index = new Map<string, number>();
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return { type: 'object', members, span: this.span(start, this.pos) };
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') this.fail('expected a quoted member name');
      const keyStart = this.pos;
      const key = this.readString();
      const keySpan = this.span(keyStart, this.pos);
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail("expected ':'");
      this.pos++;
      this.skipWhitespace();
      const value = this.readValue(depth + 1);
      const member: JsonMember = { key, keySpan, value };
      const seen = index.get(key);
      if (seen === undefined) {
        index.set(key, members.length);
        members.push(member);
      } else members[seen] = member;
      this.skipWhitespace();
      const c = this.text[this.pos];
      if (c === ',') this.pos++;
      else if (c === '}') {
        this.pos++;
        return { type: 'object', members, span: this.span(start, this.pos) };
      } else this.fail("expected ',' or '}'");
    }
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Reads one JSON document. Never throws. */
export function readJson(text: string): JsonReadResult {
  const lines = new LineIndex(text);
  try {
    return { ok: true, value: new Reader(text, lines).readDocument() };
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      return { ok: false, message: error.message, position: lines.position(error.offset) };
    }
    return { ok: false, message: 'unreadable JSON', position: lines.position(0) };
  }
}
