// Owns the work bound of wildcard matching: counted in steps by the production matcher itself
// (countMatchingWork / matchSteps in src/policy/glob-pattern.ts), never by a clock. A step is one value
// character compared with up to 32 pattern characters (one word of the `?` automaton's state).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileArnPattern, splitArn } from '../../src/policy/arn-pattern.ts';
import { wordsOf } from '../../src/policy/evaluation-work.ts';
import {
  compileGlob,
  countMatchingWork,
  matchSteps,
  MatchingWorkExceeded,
  stopCountingMatchingWork,
  type PatternText,
} from '../../src/policy/glob-pattern.ts';

/** The input sizes each family is measured at: every one doubles the one before. */
const SIZES = [1024, 2048, 4096, 8192, 16_384];

/**
 * The steps a match may take whatever the pattern: the estimate the engine's work budget uses for a pattern
 * against a value (src/policy/evaluation-work.ts), so the budget is an upper bound of the real work.
 */
const budget = (pattern: string, value: string) => wordsOf(pattern) * (value.length + 1);

/**
 * Steps per character of pattern plus value for a pattern whose pieces holding `?` are at most 32
 * characters: the value read once by the piece searches (twice at worst for Knuth–Morris–Pratt's
 * fallbacks), the anchored pieces compared once, and a failed `indexOf` reading the last piece again.
 */
const LINEAR = 3;

interface Family {
  name: string;
  /** The pattern and the value at size n (about n characters of value); each match fails at the end. */
  at: (n: number) => { pattern: string; value: string };
  /**
   * How the steps grow: `linear` in pattern + value (every `?` piece within 32 characters); `fixed piece`,
   * a `?` piece longer than 32 characters that stays the same while the value grows (linear in the value,
   * ceil(piece / 32) steps per character); `growing piece`, a `?` piece that grows with the value (the
   * steps are value × piece / 32: quadratic over 32, the one case that is not linear).
   */
  growth: 'linear' | 'fixed piece' | 'growing piece';
}

/** Inputs that make backtracking, quadratic or naive matchers explode, each grown with n. */
const FAMILIES: Family[] = [
  {
    name: 'many stars, growing with the value (*a*a…*a*b* against aaa…)',
    at: (n) => ({ pattern: `${'*a'.repeat(n / 8)}*b*`, value: 'a'.repeat(n) }),
    growth: 'linear',
  },
  {
    name: 'an S3 ARN with many stars (arn:aws:s3:::*a*a*a*a*a*a*a*a*b*) against a long resource',
    at: (n) => ({ pattern: 'arn:aws:s3:::*a*a*a*a*a*a*a*a*b*', value: `arn:aws:s3:::${'a'.repeat(n)}` }),
    growth: 'linear',
  },
  {
    name: 'an S3 ARN ending in a literal against a resource with few of its pieces (…*a*a*b)',
    at: (n) => ({ pattern: 'arn:aws:s3:::*a*a*a*a*a*a*a*a*b', value: `arn:aws:s3:::${'x'.repeat(n)}ab` }),
    growth: 'linear',
  },
  {
    name: 'a run of 30 ? before a literal (*??…?b*)',
    at: (n) => ({ pattern: `*${'?'.repeat(30)}b*`, value: 'a'.repeat(n) }),
    growth: 'linear',
  },
  {
    name: 'many short ? pieces growing with the value (*a?*a?…*c*)',
    at: (n) => ({ pattern: `${'*a?'.repeat(n / 16)}*c*`, value: 'ab'.repeat(n / 2) }),
    growth: 'linear',
  },
  {
    name: 'a 31-character literal piece that defeats indexOf (*aaa…ab*)',
    at: (n) => ({ pattern: `*${'a'.repeat(30)}b*`, value: 'a'.repeat(n) }),
    growth: 'linear',
  },
  {
    name: 'long literal pieces growing with the value (x*aaa…baaa…*y, Knuth–Morris–Pratt)',
    at: (n) => ({
      pattern: `x*${'a'.repeat(n / 4)}b${'a'.repeat(n / 4)}*y`,
      value: `x${'a'.repeat(n)}y`,
    }),
    growth: 'linear',
  },
  {
    name: 'anchored pieces with ? at both ends (a?a?…*…a?a?)',
    at: (n) => ({ pattern: `${'a?'.repeat(n / 8)}*${'?a'.repeat(n / 8)}`, value: `${'a'.repeat(n - 1)}b` }),
    growth: 'linear',
  },
  {
    name: 'a 2,000-character piece of a? against a long value (the simulator attack)',
    at: (n) => ({ pattern: `*${'a?'.repeat(1000)}b*`, value: 'a'.repeat(2 * n) }),
    growth: 'fixed piece',
  },
  {
    name: 'a ? piece a quarter of the value long (*a?a?…b*)',
    at: (n) => ({ pattern: `*${'a?'.repeat(n / 8)}b*`, value: 'a'.repeat(n) }),
    growth: 'growing piece',
  },
];

/** The largest `?`-holding piece of a pattern (its characters between stars). */
const longestQuestionPiece = (pattern: string) =>
  Math.max(0, ...pattern.split('*').map((piece) => (piece.includes('?') ? piece.length : 0)));

describe('wildcard matching work', () => {
  describe.each(FAMILIES)('$name', ({ at, growth }) => {
    // measured inside the tests, so that a regression to backtracking fails them by name (it throws
    // MatchingWorkExceeded past ten times the budget rather than running for hours)
    let measured: { pattern: string; value: string; piece: number; matched: boolean; steps: number }[] = [];
    const runs = () => {
      if (measured.length === 0)
        measured = SIZES.map((n) => {
          const { pattern, value } = at(n);
          const counted = matchSteps(pattern, value, { limit: 10 * budget(pattern, value) });
          return { pattern, value, piece: longestQuestionPiece(pattern), ...counted };
        });
      return measured;
    };

    it('fails, as built, after reading the value', () => {
      for (const { value, matched, steps } of runs()) {
        expect(matched).toBe(false);
        expect(steps).toBeGreaterThanOrEqual(value.length / 4);
      }
    });

    it('stays within the work budget the engine estimates: (pattern / 32 + 1) × (value + 1) steps', () => {
      for (const { pattern, value, steps } of runs())
        expect(steps).toBeLessThanOrEqual(budget(pattern, value));
    });

    it(
      growth === 'linear'
        ? 'takes at most 3 steps per character of pattern plus value'
        : 'takes at most ceil(piece / 32) + 1 steps per value character, for its longest ? piece',
      () => {
        for (const { pattern, value, piece, steps } of runs()) {
          if (growth === 'linear')
            expect(steps).toBeLessThanOrEqual(LINEAR * (pattern.length + value.length));
          else expect(steps).toBeLessThanOrEqual((Math.ceil(piece / 32) + 1) * (value.length + 1));
        }
      },
    );

    it(
      growth === 'growing piece'
        ? 'at most quadruples its steps when value and ? piece both double'
        : 'at most about doubles its steps when its input doubles',
      () => {
        for (let i = 1; i < runs().length; i++) {
          const before = runs()[i - 1]!;
          const after = runs()[i]!;
          if (growth === 'growing piece') expect(after.steps).toBeLessThanOrEqual(4.2 * before.steps);
          else {
            // what does not double with the value: the automaton filling up over the piece's first
            // characters (piece × piece / 32 steps at most), the words cleared, the anchored pieces
            const fixed = growth === 'fixed piece' ? after.piece * Math.ceil(after.piece / 32) : 64;
            expect(after.steps).toBeLessThanOrEqual(2.1 * before.steps + fixed);
          }
        }
      },
    );
  });

  it('counts what every matcher kind does and agrees with its answer', () => {
    const cases: [string, string, boolean][] = [
      ['abc', 'abc', true],
      ['a?c', 'abc', true],
      ['*', 'anything', true],
      ['a*', 'ab', true],
      ['*b*', 'abc', true],
      [`*${'a'.repeat(40)}*`, 'a'.repeat(40), true],
      [`*${'a?'.repeat(40)}*`, 'ab'.repeat(40), true],
      [`*${'a?'.repeat(40)}*`, 'a'.repeat(79), false],
    ];
    for (const [pattern, value, expected] of cases) {
      const { matched, steps } = matchSteps(pattern, value);
      expect(matched).toBe(expected);
      expect(matched).toBe(compileGlob(pattern)(value));
      expect(steps).toBeLessThanOrEqual(budget(pattern, value));
    }
    // the dense and the sparse automaton count the same work on the same input
    const pattern = `*${'a?b'.repeat(50)}c*`;
    const value = 'ab'.repeat(2000);
    expect(matchSteps(pattern, value, { tuning: { denseWords: 0 } }).steps).toBe(
      matchSteps(pattern, value).steps,
    );
  });

  it('counts process-wide while asked to, and nothing once stopped', () => {
    const match = compileGlob(`*${'a?'.repeat(100)}b*`);
    const work = countMatchingWork();
    try {
      match('a'.repeat(4000));
    } finally {
      stopCountingMatchingWork();
    }
    expect(work.steps).toBeGreaterThanOrEqual(4000);
    const counted = work.steps;
    match('a'.repeat(4000));
    expect(work.steps).toBe(counted);
    // with a limit, the match that goes past it stops there
    expect(() => matchSteps(`*${'a?'.repeat(100)}b*`, 'a'.repeat(4000), { limit: 1000 })).toThrow(
      MatchingWorkExceeded,
    );
  });

  it('stays within the budget on random patterns and values (ignoreCase too)', () => {
    const pattern = fc.array(fc.constantFrom(...'aaabbé??**'), { maxLength: 300 }).map((cs) => cs.join(''));
    const value = fc.array(fc.constantFrom(...'aaabé'), { maxLength: 600 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(pattern, value, fc.boolean(), (p, v, ignoreCase) => {
        const { steps } = matchSteps(p, ignoreCase ? v.toLowerCase() : v, { ignoreCase });
        expect(steps).toBeLessThanOrEqual(budget(p, v));
        if (longestQuestionPiece(p) <= 32)
          expect(steps).toBeLessThanOrEqual(LINEAR * (p.length + v.length) + 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('counts characters marked literal as themselves, within the budget', () => {
    const text = `*${'a*'.repeat(500)}b`;
    const pattern: PatternText = {
      text,
      literal: Uint8Array.from(text, (_, i) => (i % 4 === 2 ? 1 : 0)),
    };
    const value = `${'a*'.repeat(2000)}c`;
    const { matched, steps } = matchSteps(pattern, value);
    expect(matched).toBe(false);
    expect(steps).toBeLessThanOrEqual(LINEAR * (text.length + value.length));
  });

  it('matches ARN patterns against resources up to the 2,048-character ARN limit within the budget', () => {
    const patterns = [
      'arn:aws:s3:::*a*a*a*a*a*a*a*a*b',
      `arn:aws:s3:::${'?'.repeat(30)}*b`,
      `arn:*:*:*:*:${'*a?'.repeat(100)}*b`,
      'arn:aws:logs:*:111122223333:log-group:*:*',
    ];
    const resources = [
      `arn:aws:s3:::${'a'.repeat(2048 - 13)}`,
      `arn:aws:logs:eu-west-1:111122223333:log-group:${'a:'.repeat(995)}x`,
    ];
    for (const pattern of patterns)
      for (const resource of resources) {
        expect(resource.length).toBeLessThanOrEqual(2048);
        const match = compileArnPattern({ text: pattern });
        const work = countMatchingWork();
        try {
          match(splitArn(resource), resource);
        } finally {
          stopCountingMatchingWork();
        }
        expect(work.steps).toBeLessThanOrEqual(budget(pattern, resource));
      }
  });
});
