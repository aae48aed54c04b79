// JWT handling as a fuzz target: ID tokens signed by a test issuer (RS256 and ES256) with random edits —
// to the compact text, to the header or payload JSON without signing again, or signed again with the
// issuer's key — and random bytes, verified as AssumeRoleWithWebIdentity verifies them against keys
// given in configuration. Only AwsError may come out, with a code a malformed or refused token gets
// (never IDPCommunicationError: the keys are at hand); a token edited without its key is never
// accepted, and an accepted one always has the provider's issuer, a client id audience and a subject.
import fc from 'fast-check';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { OidcKeySource } from '../../../src/federation/oidc/key-source.ts';
import {
  type TrustedProvider,
  verifyWebIdentityToken,
} from '../../../src/federation/oidc/verify-web-identity-token.ts';
import { AwsError } from '../../../src/errors.ts';
import {
  describeThrown,
  expectShape,
  type FuzzTarget,
  type Outcome,
  UnexpectedFailure,
} from './fuzz-target.ts';
import { jsonEdit, applyJsonEdit, mutatedText, randomUtf8, type JsonEdit } from './mutations.ts';

export const JWT_NOW = new Date('2026-03-01T12:00:00Z');
const NOW_S = Math.floor(JWT_NOW.getTime() / 1000);
const ISSUER = 'https://idp.example.com';
const PROVIDER: TrustedProvider = {
  arn: 'arn:aws:iam::123456789012:oidc-provider/idp.example.com',
  url: ISSUER,
  hostAndPath: 'idp.example.com',
  clientIds: ['client-1'],
};
/** The codes a token can be refused with when the issuer's keys are at hand. */
const TOKEN_CODES = new Set(['InvalidIdentityToken', 'ExpiredTokenException', 'IDPRejectedClaim']);

export interface JwtInput {
  token: string;
  /** How it was made, for reports. */
  mutation: string;
  /** True when the token was changed after signing (and not signed again): it must be refused. */
  tampered: boolean;
  /** Header and payload to sign with the issuer's key before verifying (then `token` is unused). */
  resign?: { header: Record<string, unknown>; payload: Record<string, unknown> };
}

type Signer = (header: Record<string, unknown>, payload: Record<string, unknown>) => Promise<string>;

export interface JwtFixture {
  tokens: string[];
  sign: Signer;
  keys: OidcKeySource;
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v) ?? 'null', 'utf8').toString('base64url');

/** Two issuer keys (RS256, ES256), a key source holding their JWKS, and valid tokens signed by each. */
export async function jwtFixture(): Promise<JwtFixture> {
  const rsa = await generateKeyPair('RS256', { extractable: true });
  const ec = await generateKeyPair('ES256', { extractable: true });
  const jwks = { keys: [] as JWK[] };
  jwks.keys.push({ ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' });
  jwks.keys.push({ ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' });
  const keys = new OidcKeySource({ dev: false, configured: { [ISSUER]: jwks } });
  const sign: Signer = async (header, payload) => {
    const key = header.alg === 'ES256' ? ec.privateKey : rsa.privateKey;
    // jose signs what it is given; the header is set as the edit left it (alg may be anything)
    const alg =
      typeof header.alg === 'string' && ['RS256', 'ES256'].includes(header.alg) ? header.alg : 'RS256';
    return new SignJWT(payload).setProtectedHeader({ ...header, alg } as { alg: string }).sign(key);
  };
  const claims = {
    iss: ISSUER,
    aud: ['client-1', 'other'],
    sub: 'user-123',
    azp: 'client-1',
    amr: ['pwd'],
    iat: NOW_S - 60,
    nbf: NOW_S - 60,
    exp: NOW_S + 3600,
    'https://aws.amazon.com/tags': { principal_tags: { team: ['blue'] }, transitive_tag_keys: ['team'] },
  };
  const tokens = [
    await sign({ alg: 'RS256', kid: 'rsa-1', typ: 'JWT' }, claims),
    await sign({ alg: 'ES256', kid: 'ec-1' }, claims),
  ];
  return { tokens, sign, keys };
}

function decodePart(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/**
 * Whether `token` carries exactly the signing input and signature bytes of one of `originals`: the
 * last base64url character of a signature has bits no decoder reads, and jose's decoder skips white
 * space in it (a trailing space or tab is accepted: reported, as AWS may refuse it), so such an edit
 * changes nothing that was signed.
 */
function sameSignedToken(token: string, originals: readonly string[]): boolean {
  const parts = token.split('.');
  return originals.some((o) => {
    const [h, p, sig] = o.split('.');
    return (
      parts.length === 3 &&
      parts[0] === h &&
      parts[1] === p &&
      /^[A-Za-z0-9_\s-]*$/.test(parts[2]!) &&
      Buffer.from(parts[2]!, 'base64url').equals(Buffer.from(sig!, 'base64url'))
    );
  });
}

const JWT_TOKENS = ['.', '..', '=', '-', '_', '+', '/', 'eyJ', 'e30', 'eyJhbGciOiJub25lIn0', 'A', ' '];

type Made =
  | { kind: 'text'; token: string }
  | { kind: 'json'; part: 0 | 1; edits: JsonEdit[]; resign: boolean; token: string };

export function jwtInputs(fixture: JwtFixture): fc.Arbitrary<JwtInput> {
  const token = fc.constantFrom(...fixture.tokens);
  const made: fc.Arbitrary<Made> = fc.oneof(
    {
      weight: 3,
      arbitrary: mutatedText(token, JWT_TOKENS).map((t) => ({ kind: 'text' as const, token: t })),
    },
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant('json' as const),
        part: fc.constantFrom(0 as const, 1 as const),
        edits: fc.array(jsonEdit, { minLength: 1, maxLength: 3 }),
        resign: fc.boolean(),
        token,
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          randomUtf8,
          fc.array(fc.base64String(), { minLength: 1, maxLength: 4 }).map((p) => p.join('.')),
        )
        .map((t) => ({ kind: 'text' as const, token: t })),
    },
  );
  const field = fc.tuple(
    fc.constantFrom(
      'alg',
      'kid',
      'typ',
      'crit',
      'b64',
      'jku',
      'iss',
      'aud',
      'sub',
      'exp',
      'nbf',
      'iat',
      'azp',
      'amr',
      'https://aws.amazon.com/tags',
      'https://aws.amazon.com/source_identity',
    ),
    fc.oneof(
      fc.constantFrom<unknown>(
        'none',
        'HS256',
        'RS256',
        'ES256',
        'PS256',
        ISSUER,
        `${ISSUER}/`,
        'client-1',
        ['client-1'],
        [],
        '',
        NOW_S - 7200,
        NOW_S + 7200,
        '1',
        1e308,
        -1,
        null,
        true,
        {},
        ['exp'],
        { principal_tags: { a: ['b', 'c'] } },
        { principal_tags: [] },
      ),
      fc.jsonValue({ maxDepth: 2 }),
    ),
  );
  return fc.tuple(made, fc.array(field, { maxLength: 2 })).map(([m, fields]): JwtInput => {
    if (m.kind === 'text')
      return { token: m.token, mutation: 'text edits', tampered: !sameSignedToken(m.token, fixture.tokens) };
    const parts = m.token.split('.');
    const header = decodePart(parts[0]);
    const payload = decodePart(parts[1]);
    const doc = m.edits.reduce(applyJsonEdit, m.part === 0 ? header : payload);
    const edited: Record<string, unknown> =
      typeof doc === 'object' && doc !== null && !Array.isArray(doc)
        ? (doc as Record<string, unknown>)
        : { value: doc };
    for (const [k, v] of fields) edited[k] = v;
    const newHeader = m.part === 0 ? edited : header;
    const newPayload = m.part === 1 ? edited : payload;
    const mutation = `${m.part === 0 ? 'header' : 'payload'} edited${m.resign ? ', signed again' : ''}`;
    if (m.resign)
      return { token: '', mutation, tampered: false, resign: { header: newHeader, payload: newPayload } };
    const unchanged =
      JSON.stringify(newHeader) === JSON.stringify(header) &&
      JSON.stringify(newPayload) === JSON.stringify(payload);
    return { token: `${b64(newHeader)}.${b64(newPayload)}.${parts[2]}`, mutation, tampered: !unchanged };
  });
}

/** Verifies one token (signing it first when the input asks for it); only AWS's token errors may come out. */
export async function runJwt(fixture: JwtFixture, input: JwtInput): Promise<Outcome> {
  let token = input.token;
  if (input.resign) {
    try {
      token = await fixture.sign(input.resign.header, input.resign.payload);
    } catch {
      return { accepted: false, code: 'unsignable' }; // jose refuses to sign such a header: nothing to verify
    }
  }
  let verified;
  try {
    verified = await verifyWebIdentityToken(token, {
      findProvider: async (issuer) => (issuer === ISSUER ? PROVIDER : undefined),
      keys: fixture.keys,
      now: JWT_NOW,
    });
  } catch (err) {
    if (!(err instanceof AwsError))
      throw new UnexpectedFailure(`threw ${describeThrown(err)}`, { ...input, token }, { cause: err });
    expectShape(TOKEN_CODES.has(err.code), `refused with ${err.code} (${err.message})`, { ...input, token });
    expectShape(err.status < 500 && err.message.length > 0, `error ${err.code}/${err.status}`, {
      ...input,
      token,
    });
    return { accepted: false, code: err.code };
  }
  if (input.tampered) throw new UnexpectedFailure(`accepted after ${input.mutation}`, { ...input, token });
  const c = verified.claims;
  const audiences = Array.isArray(c.aud) ? c.aud : [c.aud];
  expectShape(
    c.iss === ISSUER &&
      audiences.includes('client-1') &&
      typeof c.sub === 'string' &&
      c.sub !== '' &&
      typeof c.exp === 'number' &&
      c.exp + 60 > NOW_S,
    `accepted with claims ${JSON.stringify(c).slice(0, 300)}`,
    { ...input, token },
  );
  return { accepted: true };
}

export async function jwtTarget(): Promise<FuzzTarget<JwtInput>> {
  const fixture = await jwtFixture();
  return { name: 'JWT (verifyWebIdentityToken)', inputs: jwtInputs(fixture), run: (i) => runJwt(fixture, i) };
}
