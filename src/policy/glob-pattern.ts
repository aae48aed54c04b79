// Owns wildcard matching for `*` (any run of characters) and `?` (exactly one character).
// No regular expressions are built from policy text and nothing backtracks: the pattern is split at its
// stars once; the first piece must match at the start, the last at the end, and each middle piece is found
// at its leftmost place after the previous one (greedy-leftmost is exact for star-separated pieces).
// Cost: O(text) for pieces without `?` (indexOf), O(text × piece) at worst for pieces with `?`.

/** Pattern text plus, optionally, which characters are literal even if they are `*` or `?`. */
export interface PatternText {
  readonly text: string;
  /** literal[i] === 1: character i stands for itself (it came from a resolved policy variable). */
  readonly literal?: Uint8Array | undefined;
}

interface Piece {
  readonly text: string;
  /** Positions of `?` in the piece, ascending; undefined when it has none. */
  readonly any: readonly number[] | undefined;
}

export type Matcher = (value: string) => boolean;

const ALWAYS: Matcher = () => true;

function pieceAt(p: Piece, s: string, at: number): boolean {
  const t = p.text;
  const any = p.any;
  if (!any) return s.startsWith(t, at);
  if (at + t.length > s.length) return false;
  let next = 0;
  for (let i = 0; i < t.length; i++) {
    if (any[next] === i) {
      next++;
      continue;
    }
    if (s.charCodeAt(at + i) !== t.charCodeAt(i)) return false;
  }
  return true;
}

function findPiece(p: Piece, s: string, from: number): number {
  if (!p.any) return s.indexOf(p.text, from);
  const last = s.length - p.text.length;
  for (let at = from; at <= last; at++) if (pieceAt(p, s, at)) return at;
  return -1;
}

function split(pattern: PatternText): { pieces: Piece[]; stars: number } {
  const { text, literal } = pattern;
  const pieces: Piece[] = [];
  let current = '';
  let any: number[] = [];
  let stars = 0;
  const flush = (): void => {
    pieces.push({ text: current, any: any.length > 0 ? any : undefined });
    current = '';
    any = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const isLiteral = literal !== undefined && literal[i] === 1;
    if (ch === '*' && !isLiteral) {
      stars++;
      flush();
    } else {
      if (ch === '?' && !isLiteral) any.push(current.length);
      current += ch;
    }
  }
  flush();
  return { pieces, stars };
}

/** Compiles a wildcard pattern into a matcher. With `ignoreCase`, the caller must pass lower-cased values. */
export function compileGlob(pattern: PatternText | string, ignoreCase = false): Matcher {
  let p: PatternText = typeof pattern === 'string' ? { text: pattern } : pattern;
  if (ignoreCase) p = { text: p.text.toLowerCase(), literal: p.literal };
  const { pieces, stars } = split(p);
  if (stars === 0) {
    const only = pieces[0] as Piece;
    if (!only.any) {
      const exact = only.text;
      return (s) => s === exact;
    }
    return (s) => s.length === only.text.length && pieceAt(only, s, 0);
  }
  const first = pieces[0] as Piece;
  const last = pieces[pieces.length - 1] as Piece;
  const middle = pieces.slice(1, -1).filter((x) => x.text.length > 0);
  if (first.text === '' && last.text === '' && middle.length === 0) return ALWAYS;
  const minLength = pieces.reduce((n, x) => n + x.text.length, 0);
  return (s) => {
    if (s.length < minLength) return false;
    if (!pieceAt(first, s, 0)) return false;
    const end = s.length - last.text.length;
    if (!pieceAt(last, s, end)) return false;
    let pos = first.text.length;
    for (const m of middle) {
      const at = findPiece(m, s, pos);
      if (at < 0 || at + m.text.length > end) return false;
      pos = at + m.text.length;
    }
    return pos <= end;
  };
}

/** Whether text contains a wildcard character that is not marked literal. */
export function hasWildcard(pattern: PatternText): boolean {
  const { text, literal } = pattern;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ((c === '*' || c === '?') && !(literal && literal[i] === 1)) return true;
  }
  return false;
}

/** Matches once without keeping the compiled form (for one-off checks). */
export function globMatches(pattern: string, value: string, ignoreCase = false): boolean {
  return compileGlob(pattern, ignoreCase)(ignoreCase ? value.toLowerCase() : value);
}
