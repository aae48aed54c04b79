// Fuzzing the Query decoder: thousands of form bodies and query strings built from IAM's and STS's own
// parameter names, edited and random, are decoded and validated without any throw but AWS's
// ValidationError, counted and worded as AWS words it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queryDecodeInputs, runQueryDecode } from './support/query-decode-target.ts';

describe('Query decoder under fuzzing', () => {
  it('decodes and validates any form body or query string, refusing only with a ValidationError in AWS words', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(queryDecodeInputs, (input) => {
        const outcome = runQueryDecode(input);
        seen.add(outcome.accepted ? 'accepted' : outcome.code!);
      }),
      { numRuns: 4000 },
    );
    // the inputs reach both ends: some validate, some are refused
    expect([...seen].sort()).toEqual(['ValidationError', 'accepted']);
  });
});
