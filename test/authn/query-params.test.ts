// The verifier's query decoder (src/authn/sigv4/query-params.ts) reads a query exactly as
// URLSearchParams does: checked on generated queries built from the characters that matter
// (`&`, `=`, `+`, `%`, hex digits, escapes of UTF-8 that is valid and that is not, non-ASCII text and
// lone surrogates), and on the cases where a faster reading could differ.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstParam, parseQuery } from '../../src/authn/sigv4/query-params.ts';

/** What URLSearchParams makes of a query, in the decoder's shape. */
function reference(query: string): Record<string, string | string[]> {
  const params = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of new URLSearchParams(query)) {
    const seen = params[name];
    if (seen === undefined) params[name] = value;
    else if (typeof seen === 'string') params[name] = [seen, value];
    else seen.push(value);
  }
  return { ...params };
}

const decoded = (query: string) => Object.fromEntries(parseQuery(query));

const piece = fc.oneof(
  fc.constantFrom(
    '&',
    '=',
    '+',
    '?',
    '%',
    '%2',
    '%zz',
    '%2B',
    '%26',
    '%3D',
    '%20',
    '%25',
    'a',
    'B',
    '9',
    'f',
  ),
  fc.constantFrom('X-Amz-Date', 'X-Amz-Credential', '__proto__', 'constructor', 'toString'),
  // UTF-8 escapes: valid, overlong, a surrogate, truncated
  fc.constantFrom('%C3%A9', '%E2%82%AC', '%F0%9F%98%80', '%C0%AF', '%ED%A0%80', '%E2%82', '%FF'),
  fc.constantFrom('é', '€', '😀', '\ud800', '\udc00', '\u0080'),
  fc.string({ maxLength: 6 }),
);

describe('parseQuery', () => {
  it('reads generated queries exactly as URLSearchParams does', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const query = pieces.join('');
        expect(decoded(query)).toEqual(reference(query));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads a presigned URL query, repeated names in order, and names without `=`', () => {
    const query =
      'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fiam%2Faws4_request' +
      '&a=1&a=2&flag&&=only&b=x+y%2Bz';
    expect(decoded(query)).toEqual({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': 'AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request',
      a: ['1', '2'],
      flag: '',
      '': 'only',
      b: 'x y+z',
    });
    expect(decoded(query)).toEqual(reference(query));
  });

  it('keeps malformed escapes and replaces bytes that are not UTF-8, as URLSearchParams does', () => {
    for (const query of ['a=%zz&b=%E9', 'a=100%&b=%C0%AF', 'x=%ED%A0%80', 'k=%', 'é=%C3%A9', '\ud800=1']) {
      expect(decoded(query)).toEqual(reference(query));
    }
    expect(firstParam(parseQuery('a=%zz&a=2'), 'a')).toBe('%zz');
    expect(firstParam(parseQuery('a=%E9'), 'a')).toBe('\ufffd');
  });

  it('finds no inherited value for any parameter name', () => {
    const params = parseQuery('a=1');
    expect(firstParam(params, 'constructor')).toBeUndefined();
    expect(firstParam(params, 'toString')).toBeUndefined();
    expect(firstParam(parseQuery('__proto__=x'), '__proto__')).toBe('x');
    expect(parseQuery('').size).toBe(0);
  });
});
