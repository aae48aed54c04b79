// Fuzzing the policy parser: the corpus's policies with random JSON edits, text edits of their JSON,
// deep nesting and random bytes never make parsePolicy, checkPolicyDocument or validatePolicy throw;
// every refusal is a one-line message or a finding that points inside the document.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { policyInputs, runPolicy } from './support/policy-target.ts';

describe('Policy parser under fuzzing', () => {
  it('parses, checks and validates any edited or random document without throwing', () => {
    let refused = 0;
    fc.assert(
      fc.property(policyInputs(), (input) => {
        if (!runPolicy(input).accepted) refused++;
      }),
      { numRuns: 3000 },
    );
    expect(refused).toBeGreaterThan(0);
  });
});
