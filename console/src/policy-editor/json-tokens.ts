// JSON split into tokens for the policy editor's highlighting: keys, strings, numbers, literals,
// punctuation and the rest (whitespace, stray text), each a [start, end) range of the text. Never
// fails: text that is not JSON yet (the user is typing) still tokenizes, unknown text as 'text'.

export type TokenKind = 'key' | 'string' | 'number' | 'literal' | 'punctuation' | 'text';

export interface Token {
  start: number;
  end: number;
  kind: TokenKind;
}

const PATTERN =
  /("(?:[^"\\\n]|\\.)*"?)|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b|([{}[\]:,])/g;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const match of text.matchAll(PATTERN)) {
    const start = match.index;
    const end = start + match[0].length;
    if (start > last) tokens.push({ start: last, end: start, kind: 'text' });
    tokens.push({ start, end, kind: kindOf(match, text, end) });
    last = end;
  }
  if (last < text.length) tokens.push({ start: last, end: text.length, kind: 'text' });
  return tokens;
}

function kindOf(match: RegExpMatchArray, text: string, end: number): TokenKind {
  if (match[1] !== undefined) return /^\s*:/.test(text.slice(end, end + 64)) ? 'key' : 'string';
  if (match[2] !== undefined) return 'number';
  if (match[3] !== undefined) return 'literal';
  return 'punctuation';
}
