// Owns wildcard matching for `*` (any run of characters) and `?` (exactly one character).
// No regular expressions are built from policy text and nothing backtracks: the pattern is split at its
// stars once; the first piece must match at the start, the last at the end, and each middle piece is found
// at its leftmost place after the previous one (greedy-leftmost is exact for star-separated pieces).
// Cost: linear in the value for a given pattern. A middle piece is found with `indexOf` when it is a
// literal of at most 32 characters (at worst O(text × 32)), with Knuth–Morris–Pratt when it is a longer
// literal (O(text + piece)), else with a bit-parallel shift-and automaton (one 32-bit word of state per 32
// characters of the piece: O(text × ceil(piece / 32))). Successive middle pieces resume where the previous
// one ended and stop where the last piece begins, so the value is scanned once in all; the anchored first
// and last pieces cost their length. In steps (one value character against up to 32 pattern characters):
// at most (ceil(pattern / 32) + 1) × (value + 1), the estimate evaluation-work.ts budgets with. Linear in
// pattern + value whenever the pieces holding `?` are at most 32 characters; a longer `?` piece costs
// ceil(piece / 32) per value character (matching with one-character wildcards has no known linear-time
// algorithm), and a piece is never searched in a value shorter than the pattern's fixed characters.
// `countMatchingWork` counts those steps, in the production code path, for tests.

/** Pattern text plus, optionally, which characters are literal even if they are `*` or `?`. */
export interface PatternText {
  readonly text: string;
  /** literal[i] === 1: character i stands for itself (it came from a resolved policy variable). */
  readonly literal?: Uint8Array | undefined;
}

/** Finds a piece's leftmost occurrence starting at or after `from` and ending by `to`; -1 when there is none. */
type Finder = (s: string, from: number, to: number) => number;

interface Piece {
  readonly text: string;
  /** Positions of `?` in the piece, ascending; undefined when it has none. */
  readonly any: readonly number[] | undefined;
}

export type Matcher = (value: string) => boolean;

/** Pieces up to this length fit one 32-bit word of automaton state. */
const WORD = 32;
/** Mask rows kept dense (one row of words per distinct character) up to this many words (64 KB). */
const DENSE_WORDS = 16_384;

const ALWAYS: Matcher = () => true;

/** Matching work done while counting, for tests; see `countMatchingWork`. */
export interface MatchingWork {
  /** Value characters compared, each against up to 32 pattern characters (one word of automaton state). */
  steps: number;
  /** Past this many steps the match under way throws MatchingWorkExceeded (a runaway test stops at once). */
  readonly limit: number;
}

/** Thrown, while counting with a limit, by the match that goes past it. */
export class MatchingWorkExceeded extends Error {
  constructor(readonly limit: number) {
    super(`Wildcard matching went past ${limit} steps`);
    this.name = 'MatchingWorkExceeded';
  }
}

/** The meter of the count under way, or undefined: then counting costs one test per piece searched. */
let meter: MatchingWork | undefined;

function charge(m: MatchingWork, steps: number): void {
  m.steps += steps;
  if (m.steps > m.limit) throw new MatchingWorkExceeded(m.limit);
}

/**
 * Counts, process-wide, the steps of every match from now until `stopCountingMatchingWork()`: the
 * production matchers report what they did (characters scanned, times automaton words per character,
 * Knuth–Morris–Pratt fallbacks), so a test can bound matching by its work rather than by a clock.
 */
export function countMatchingWork(limit = Infinity): MatchingWork {
  meter = { steps: 0, limit };
  return meter;
}

/** Ends the count `countMatchingWork` began. */
export function stopCountingMatchingWork(): void {
  meter = undefined;
}

/**
 * Compiles `pattern` and matches `value` once with the production matcher, counting its steps (throwing
 * MatchingWorkExceeded past `limit`). A count already under way gets these steps too.
 */
export function matchSteps(
  pattern: PatternText | string,
  value: string,
  options: { ignoreCase?: boolean; tuning?: GlobTuning; limit?: number } = {},
): { matched: boolean; steps: number } {
  const match = compileGlob(pattern, options.ignoreCase ?? false, options.tuning);
  const outer = meter;
  const work = countMatchingWork(options.limit);
  try {
    const matched = match(value);
    return { matched, steps: work.steps };
  } finally {
    meter = outer;
    if (outer) outer.steps += work.steps;
  }
}

function pieceAt(p: Piece, s: string, at: number): boolean {
  const t = p.text;
  const any = p.any;
  if (meter !== undefined) charge(meter, t.length);
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

/** Shift-and for a piece of at most 32 characters: one state word, one mask lookup per character. */
function shortFinder(p: Piece): Finder {
  const m = p.text.length;
  const anyAt = new Uint8Array(m);
  let anyMask = 0;
  for (const i of p.any ?? []) {
    anyAt[i] = 1;
    anyMask |= 1 << i;
  }
  const ascii = new Int32Array(128).fill(anyMask);
  const other = new Map<number, number>();
  for (let i = 0; i < m; i++) {
    if (anyAt[i] === 1) continue;
    const c = p.text.charCodeAt(i);
    if (c < 128) ascii[c] = (ascii[c] as number) | (1 << i);
    else other.set(c, (other.get(c) ?? anyMask) | (1 << i));
  }
  const final = 1 << (m - 1);
  return (s, from, to) => {
    let d = 0;
    let j = from;
    for (; j < to; j++) {
      const c = s.charCodeAt(j);
      d = ((d << 1) | 1) & (c < 128 ? (ascii[c] as number) : (other.get(c) ?? anyMask));
      if ((d & final) !== 0) break;
    }
    if (meter !== undefined) charge(meter, j - from + (j < to ? 1 : 0));
    return j < to ? j - m + 1 : -1;
  };
}

/**
 * Shift-and for a piece longer than 32 characters: the state is ceil(m / 32) words. Masks are kept
 * sparsely, by character class: each distinct character of the piece has the (word, bits) pairs where it
 * occurs, and every other character matches only the `?` positions. Per value character the cost is one
 * pass over the live words plus that character's pairs (at most one per word): O(ceil(m / 32)).
 * Memory is O(m) whatever the piece's alphabet.
 */
function longFinder(p: Piece, denseWords: number): Finder {
  const m = p.text.length;
  const words = Math.ceil(m / WORD);
  const anyAt = new Uint8Array(m);
  const anyMask = new Int32Array(words);
  for (const i of p.any ?? []) {
    anyAt[i] = 1;
    anyMask[i >>> 5] = (anyMask[i >>> 5] as number) | (1 << (i & 31));
  }
  const asciiClass = new Int32Array(128).fill(-1);
  const otherClass = new Map<number, number>();
  const pairs: Map<number, number>[] = []; // per class: word → bits
  for (let i = 0; i < m; i++) {
    if (anyAt[i] === 1) continue;
    const c = p.text.charCodeAt(i);
    let cls = c < 128 ? (asciiClass[c] as number) : (otherClass.get(c) ?? -1);
    if (cls < 0) {
      cls = pairs.length;
      pairs.push(new Map());
      if (c < 128) asciiClass[c] = cls;
      else otherClass.set(c, cls);
    }
    const byWord = pairs[cls] as Map<number, number>;
    byWord.set(i >>> 5, (byWord.get(i >>> 5) ?? 0) | (1 << (i & 31)));
  }
  // Flattened, by class then ascending word: start[cls] .. start[cls + 1] index pairWord / pairBits.
  const start = new Int32Array(pairs.length + 1);
  const pairWord = new Int32Array(pairs.reduce((n, x) => n + x.size, 0));
  const pairBits = new Int32Array(pairWord.length);
  let k = 0;
  pairs.forEach((byWord, cls) => {
    start[cls] = k;
    for (const [w, bits] of [...byWord].sort((a, b) => a[0] - b[0])) {
      pairWord[k] = w;
      pairBits[k++] = bits;
    }
  });
  start[pairs.length] = k;
  const last = words - 1;
  const final = 1 << ((m - 1) & 31);
  if ((pairs.length + 1) * words <= denseWords) {
    // Few distinct characters: one full mask row per class (row 0 for characters not in the piece).
    const rows = new Int32Array((pairs.length + 1) * words);
    for (let cls = -1; cls < pairs.length; cls++) {
      const base = (cls + 1) * words;
      rows.set(anyMask, base);
      if (cls >= 0)
        for (let q = start[cls] as number; q < (start[cls + 1] as number); q++) {
          const at = base + (pairWord[q] as number);
          rows[at] = (rows[at] as number) | (pairBits[q] as number);
        }
    }
    return (s, from, to) => {
      const d = new Int32Array(words);
      let high = 0; // words above `high` are all zero
      let work = words; // the state's words, cleared
      let at = -1;
      for (let j = from; j < to; j++) {
        const c = s.charCodeAt(j);
        const base = ((c < 128 ? (asciiClass[c] as number) : (otherClass.get(c) ?? -1)) + 1) * words;
        const live = high < last ? high + 1 : last;
        work += live + 1;
        let carry = 1;
        high = 0;
        for (let w = 0; w <= live; w++) {
          const v = d[w] as number;
          const next = ((v << 1) | carry) & (rows[base + w] as number);
          carry = v >>> 31;
          d[w] = next;
          if (next !== 0) high = w;
        }
        if (live === last && ((d[last] as number) & final) !== 0) {
          at = j - m + 1;
          break;
        }
      }
      if (meter !== undefined) charge(meter, work);
      return at;
    };
  }
  return (s, from, to) => {
    const d = new Int32Array(words);
    let high = 0; // words above `high` are all zero
    let work = words; // the state's words, cleared
    let at = -1;
    for (let j = from; j < to; j++) {
      const c = s.charCodeAt(j);
      const cls = c < 128 ? (asciiClass[c] as number) : (otherClass.get(c) ?? -1);
      const live = high < last ? high + 1 : last;
      work += live + 1;
      // this character's (word, bits) pairs, walked alongside the words
      let q = cls >= 0 ? (start[cls] as number) : 0;
      const qEnd = cls >= 0 ? (start[cls + 1] as number) : 0;
      let pairAt = q < qEnd ? (pairWord[q] as number) : -1;
      let carry = 1;
      high = 0;
      for (let w = 0; w <= live; w++) {
        const v = d[w] as number;
        let mask = anyMask[w] as number;
        if (w === pairAt) {
          mask |= pairBits[q++] as number;
          pairAt = q < qEnd ? (pairWord[q] as number) : -1;
        }
        const next = ((v << 1) | carry) & mask;
        carry = v >>> 31;
        d[w] = next;
        if (next !== 0) high = w;
      }
      if (live === last && ((d[last] as number) & final) !== 0) {
        at = j - m + 1;
        break;
      }
    }
    if (meter !== undefined) charge(meter, work);
    return at;
  };
}

function literalFinder(t: string): Finder {
  const m = t.length;
  const fail = new Int32Array(m); // fail[i]: length of the longest proper border of t[0..i]
  for (let i = 1, k = 0; i < m; i++) {
    while (k > 0 && t.charCodeAt(i) !== t.charCodeAt(k)) k = fail[k - 1] as number;
    if (t.charCodeAt(i) === t.charCodeAt(k)) k++;
    fail[i] = k;
  }
  return (s, from, to) => {
    let work = 0; // characters read plus fallbacks (at most as many): at most 2 × (to - from)
    let at = -1;
    for (let j = from, k = 0; j < to; j++) {
      const c = s.charCodeAt(j);
      work++;
      while (k > 0 && c !== t.charCodeAt(k)) {
        k = fail[k - 1] as number;
        work++;
      }
      if (c === t.charCodeAt(k)) k++;
      if (k === m) {
        at = j - m + 1;
        break;
      }
    }
    if (meter !== undefined) charge(meter, work);
    return at;
  };
}

/**
 * `indexOf` for a literal of at most 32 characters, counted as the characters it moves over (it cannot stop
 * at `to`: a failed search may read the last piece's characters too, once per match).
 */
function shortLiteralFinder(t: string): Finder {
  const m = t.length;
  return (s, from, to) => {
    const at = s.indexOf(t, from);
    if (meter !== undefined) charge(meter, (at >= 0 ? at + m : s.length) - from);
    return at >= 0 && at + m <= to ? at : -1;
  };
}

function finderFor(p: Piece, denseWords: number): Finder {
  if (!p.any) {
    const t = p.text;
    return t.length <= WORD ? shortLiteralFinder(t) : literalFinder(t);
  }
  return p.text.length <= WORD ? shortFinder(p) : longFinder(p, denseWords);
}

/** Internal choices of the matcher, for tests (`denseWords: 0` forces the sparse automaton). */
export interface GlobTuning {
  readonly denseWords: number;
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
export function compileGlob(
  pattern: PatternText | string,
  ignoreCase = false,
  tuning: GlobTuning = { denseWords: DENSE_WORDS },
): Matcher {
  let p: PatternText = typeof pattern === 'string' ? { text: pattern } : pattern;
  if (ignoreCase) p = { text: p.text.toLowerCase(), literal: p.literal };
  const { pieces, stars } = split(p);
  if (stars === 0) {
    const only = pieces[0] as Piece;
    if (!only.any) {
      const exact = only.text;
      return (s) => {
        if (meter !== undefined) charge(meter, s.length === exact.length ? exact.length : 1);
        return s === exact;
      };
    }
    return (s) => s.length === only.text.length && pieceAt(only, s, 0);
  }
  const first = pieces[0] as Piece;
  const last = pieces[pieces.length - 1] as Piece;
  const middle = pieces
    .slice(1, -1)
    .filter((x) => x.text.length > 0)
    .map((x) => ({ length: x.text.length, find: finderFor(x, tuning.denseWords) }));
  if (first.text === '' && last.text === '' && middle.length === 0) return ALWAYS;
  const minLength = pieces.reduce((n, x) => n + x.text.length, 0);
  return (s) => {
    if (s.length < minLength) return false;
    if (!pieceAt(first, s, 0)) return false;
    const end = s.length - last.text.length;
    if (!pieceAt(last, s, end)) return false;
    let pos = first.text.length;
    for (const m of middle) {
      const at = m.find(s, pos, end);
      if (at < 0) return false;
      pos = at + m.length;
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
