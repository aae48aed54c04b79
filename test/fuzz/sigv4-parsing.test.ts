// Fuzzing SigV4 parsing and verification: requests signed by AWS's signer, each with one or two
// parts corrupted (headers, Authorization parameters, X-Amz-* query parameters, query, path, method,
// body, signature) or a random Authorization header, are answered only with SigV4Error in AWS's code
// and status; a changed signature, body or method is never accepted.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSigV4, sigv4Inputs, type SigV4Input } from './support/sigv4-target.ts';

let inputs: fc.Arbitrary<SigV4Input>;
beforeAll(async () => {
  inputs = await sigv4Inputs();
});

describe('SigV4 verification under fuzzing', () => {
  it('answers any corrupted signed request with a verified signature or a SigV4Error in AWS shape', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(inputs, async (input) => {
        const outcome = await runSigV4(input);
        seen.add(outcome.accepted ? 'accepted' : outcome.code!);
      }),
      { numRuns: 4000 },
    );
    expect(seen).toContain('SignatureDoesNotMatch');
    expect(seen).toContain('IncompleteSignature');
  });

  it('never accepts a request whose signature, body or method was changed', async () => {
    await fc.assert(
      fc.asyncProperty(
        inputs.filter((i) => i.mustRefuse),
        async (input) => {
          expect((await runSigV4(input)).accepted).toBe(false);
        },
      ),
      { numRuns: 1500 },
    );
  });
});
