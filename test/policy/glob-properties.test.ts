// Property tests for wildcard matching: the linear matcher agrees with an obvious quadratic one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob, type PatternText } from '../../src/policy/glob-pattern.ts';

/** The obvious matcher: dynamic programming over pattern and value, O(pattern × value). */
function referenceMatch(pattern: PatternText, value: string): boolean {
  const { text, literal } = pattern;
  const n = value.length;
  // row[j]: pattern[0..i) matches value[0..j)
  let row = new Array<boolean>(n + 1).fill(false);
  row[0] = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const wild = !(literal && literal[i] === 1);
    const next = new Array<boolean>(n + 1).fill(false);
    for (let j = 0; j <= n; j++) {
      if (ch === '*' && wild) next[j] = row[j] === true || (j > 0 && next[j - 1] === true);
      else if (j > 0 && row[j - 1] === true) next[j] = (ch === '?' && wild) || value[j - 1] === ch;
    }
    row = next;
  }
  return row[n] === true;
}

// Stars are rare so that many pieces are longer than one 32-bit word of automaton state; the second
// alphabet has no `?`, so long literal pieces (found with Knuth–Morris–Pratt) are common too.
const patternOf = (alphabet: string[]) =>
  fc
    .array(fc.record({ ch: fc.constantFrom(...alphabet), literal: fc.nat(9) }), {
      maxLength: 140,
      size: 'max',
    })
    .map((cs): PatternText => ({
      text: cs.map((c) => c.ch).join(''),
      literal: Uint8Array.from(cs.map((c) => (c.literal < 2 ? 1 : 0))),
    }));
const pattern = fc.oneof(
  patternOf([...'aaaaabbbbéé??????', '*']),
  patternOf([...'aaaaaaaaabbbbbbbbbbé', '*']),
);
const value = fc
  .array(fc.constantFrom('a', 'b', 'é', '*', '?'), { maxLength: 200, size: 'max' })
  .map((cs) => cs.join(''));

/** A value that matches `p` by construction (then perturbed by the caller), so matches are common. */
function instance(p: PatternText, fill: string[]): string {
  let out = '';
  let k = 0;
  for (let i = 0; i < p.text.length; i++) {
    const ch = p.text[i] as string;
    const wild = !(p.literal && p.literal[i] === 1);
    if (wild && ch === '*') out += (fill[k++ % Math.max(fill.length, 1)] ?? '').repeat(k % 3);
    else if (wild && ch === '?') out += fill[k++ % Math.max(fill.length, 1)] ?? 'a';
    else out += ch;
  }
  return out;
}

describe('wildcard matching agrees with a simple reference matcher', () => {
  it('on random patterns and values', () => {
    fc.assert(
      fc.property(pattern, value, (p, v) => {
        expect(compileGlob(p)(v)).toBe(referenceMatch(p, v));
      }),
      { numRuns: 3000 },
    );
  });

  it('with the sparse automaton that very varied long pieces use', () => {
    fc.assert(
      fc.property(pattern, value, (p, v) => {
        expect(compileGlob(p, false, { denseWords: 0 })(v)).toBe(referenceMatch(p, v));
      }),
      { numRuns: 2000 },
    );
  });

  it('on values built to match, and on those values with one character changed', () => {
    fc.assert(
      fc.property(
        pattern,
        fc.array(fc.constantFrom('a', 'b', 'é'), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        (p, fill, at) => {
          const v = instance(p, fill);
          expect(compileGlob(p)(v)).toBe(true);
          expect(compileGlob(p, false, { denseWords: 0 })(v)).toBe(true);
          expect(referenceMatch(p, v)).toBe(true);
          if (v.length > 0) {
            const i = at % v.length;
            const changed = `${v.slice(0, i)}${v[i] === 'a' ? 'b' : 'a'}${v.slice(i + 1)}`;
            expect(compileGlob(p)(changed)).toBe(referenceMatch(p, changed));
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('with ignoreCase, on lower-cased values', () => {
    const mixed = fc
      .array(fc.constantFrom('a', 'A', 'b', 'B', '*', '?'), { maxLength: 80 })
      .map((cs) => cs.join(''));
    const mixedValue = fc
      .array(fc.constantFrom('a', 'A', 'b', 'B'), { maxLength: 100 })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(mixed, mixedValue, (p, v) => {
        expect(compileGlob(p, true)(v.toLowerCase())).toBe(
          referenceMatch({ text: p.toLowerCase() }, v.toLowerCase()),
        );
      }),
      { numRuns: 2000 },
    );
  });
});
