// Fuzzing JWT handling: ID tokens with text edits, header or payload edits (signed again or not) and
// random bytes are refused only with AWS's token errors — never IDPCommunicationError while the
// issuer's keys are at hand — a token changed after signing is never accepted, and an accepted one
// always has the provider's issuer, a client id audience, a subject and a live expiry.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { jwtFixture, jwtInputs, runJwt, type JwtFixture } from './support/jwt-target.ts';

let fixture: JwtFixture;
beforeAll(async () => {
  fixture = await jwtFixture();
});

describe('Web identity token verification under fuzzing', () => {
  it('refuses any edited or random token with an AWS token error and never accepts a tampered one', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(jwtInputs(fixture), async (input) => {
        const outcome = await runJwt(fixture, input);
        seen.add(outcome.accepted ? 'accepted' : outcome.code!);
      }),
      { numRuns: 3000 },
    );
    expect(seen).toContain('accepted');
    expect(seen).toContain('InvalidIdentityToken');
  });

  it('accepts the unedited tokens (the fuzzer starts from valid input)', async () => {
    for (const token of fixture.tokens)
      expect(await runJwt(fixture, { token, mutation: 'none', tampered: false })).toEqual({ accepted: true });
  });
});
