// Owns ARN matching, segment by segment: `arn:partition:service:region:account:resource`. A wildcard in one of
// the first five segments never spans a colon; the resource segment is the rest of the ARN, colons included.
// Used by Resource/NotResource and by the ArnEquals/ArnLike family, per
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
import { compileGlob } from './glob-pattern.ts';
import type { Matcher, PatternText } from './glob-pattern.ts';

/** An ARN split once into its six segments (fewer when the text has fewer colons). */
export type ArnSegments = readonly string[];

/** Splits on the first five colons. */
export function splitArn(text: string): ArnSegments {
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < 5; i++) {
    const c = text.indexOf(':', from);
    if (c < 0) break;
    out.push(text.slice(from, c));
    from = c + 1;
  }
  out.push(text.slice(from));
  return out;
}

function slicePattern(p: PatternText, a: number, b: number): PatternText {
  return p.literal
    ? { text: p.text.slice(a, b), literal: p.literal.subarray(a, b) }
    : { text: p.text.slice(a, b) };
}

export type ArnMatcher = (segments: ArnSegments, whole: string) => boolean;

/**
 * Compiles an ARN pattern. `*` alone matches everything. A pattern with fewer than six segments lets its
 * last segment match the rest of the ARN (AWS accepts e.g. `arn:aws:ec2:*`).
 */
export function compileArnPattern(pattern: PatternText): ArnMatcher {
  if (pattern.text === '*' && !(pattern.literal && pattern.literal[0] === 1)) return () => true;
  const bounds: [number, number][] = [];
  let from = 0;
  for (let i = 0; i < 5; i++) {
    const c = pattern.text.indexOf(':', from);
    if (c < 0) break;
    bounds.push([from, c]);
    from = c + 1;
  }
  bounds.push([from, pattern.text.length]);
  const matchers: Matcher[] = bounds.map(([a, b]) => compileGlob(slicePattern(pattern, a, b)));
  const n = matchers.length;
  if (n === 6) {
    return (segments) => {
      if (segments.length !== 6) return false;
      for (let i = 0; i < 6; i++) if (!(matchers[i] as Matcher)(segments[i] as string)) return false;
      return true;
    };
  }
  return (segments) => {
    if (segments.length < n) return false;
    for (let i = 0; i < n - 1; i++) if (!(matchers[i] as Matcher)(segments[i] as string)) return false;
    const rest = segments.slice(n - 1).join(':');
    return (matchers[n - 1] as Matcher)(rest);
  };
}
