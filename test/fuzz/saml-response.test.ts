// Fuzzing SAML handling: signed SAML Responses with random XML edits (tags, comments, CDATA, entities,
// DOCTYPEs, duplicated and moved elements), random bytes, and edited IdP metadata are refused only with
// AWS's errors (or MetadataError), and an accepted response always reads exactly what the IdP signed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSaml, samlFixture, samlInputs } from './support/saml-target.ts';

const fixture = samlFixture();

describe('SAML handling under fuzzing', () => {
  it('verifies any edited response or metadata, refusing only with AWS errors, and reads only signed values', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(samlInputs(fixture), (input) => {
        const outcome = runSaml(fixture, input);
        seen.add(outcome.accepted ? 'accepted' : outcome.code!);
      }),
      { numRuns: 3000 },
    );
    expect(seen).toContain('InvalidIdentityToken');
    expect(seen).toContain('MetadataError');
  });

  it('accepts the unedited responses (the fuzzer starts from valid input)', () => {
    for (const xml of fixture.responses)
      expect(runSaml(fixture, { xml, metadata: false })).toEqual({ accepted: true });
  });
});
