// Malformed web identity tokens, without a server: every token that is not a well-formed, signed JWT
// is refused with InvalidIdentityToken (400), whatever its provider's state; IDPCommunicationError is
// kept for a provider whose keys cannot be fetched.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { exportJWK, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OidcKeySource } from '../../src/federation/oidc/key-source.ts';
import {
  MAX_TOKEN_CHARS,
  NOT_A_JWT,
  verifyWebIdentityToken,
  type TrustedProvider,
} from '../../src/federation/oidc/verify-web-identity-token.ts';
import { AwsError } from '../../src/errors.ts';

const NOW = new Date('2030-01-15T12:00:00Z');
const NOW_S = Math.floor(NOW.getTime() / 1000);
const AUD = 'sts.amazonaws.com';
const ISSUER = 'https://idp.example.com/realm';
const IDP_UNREACHABLE =
  "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements";

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

const providerFor = (url: string): TrustedProvider => ({
  arn: `arn:aws:iam::123456789012:oidc-provider/${url.replace(/^https?:\/\//, '')}`,
  url,
  hostAndPath: url.replace(/^https?:\/\//, ''),
  clientIds: [AUD],
});

/** A compact JWS of any header and payload (even ones a JWT library would refuse to make), RS256-signed. */
function signed(key: KeyObject, header: unknown, payload: unknown): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(key).toString('base64url')}`;
}

async function refusal(token: string, keys: OidcKeySource, providers: string[]): Promise<AwsError> {
  try {
    await verifyWebIdentityToken(token, {
      keys,
      now: NOW,
      findProvider: async (iss) => (providers.includes(iss) ? providerFor(iss) : undefined),
    });
  } catch (err) {
    if (err instanceof AwsError) return err;
    throw err;
  }
  throw new Error('expected the token to be refused');
}

describe('malformed web identity tokens', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const second = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let jwks: JWK[];
  let keys: OidcKeySource;
  /** A provider that is registered but whose discovery document cannot be fetched. */
  let deadIssuer: string;
  const claims = { iss: ISSUER, aud: AUD, sub: 'svc', iat: NOW_S, exp: NOW_S + 300 };
  const header = { alg: 'RS256', kid: 'k1', typ: 'JWT' };

  beforeAll(async () => {
    jwks = [
      { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' },
      { ...(await exportJWK(second.publicKey)), kid: 'k2', alg: 'RS256' },
    ];
    keys = new OidcKeySource({ dev: true, configured: { [ISSUER]: { keys: jwks } }, timeoutMs: 1000 });
    // a port that was free a moment ago: nothing answers there
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    deadIssuer = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise<void>((r) => probe.close(() => r()));
  });

  it('accepts the well-formed token the cases below are made from', async () => {
    const out = await verifyWebIdentityToken(signed(privateKey, header, claims), {
      keys,
      now: NOW,
      findProvider: async (iss) => (iss === ISSUER ? providerFor(iss) : undefined),
    });
    expect(out.subject).toBe('svc');
  });

  const good = () => signed(privateKey, header, claims);
  const cases: [string, () => string, string | RegExp][] = [
    ['not three parts (two)', () => good().split('.').slice(0, 2).join('.'), NOT_A_JWT],
    ['not three parts (four)', () => `${good()}.AAAA`, NOT_A_JWT],
    ['a valid token with a space appended (found by fuzzing)', () => `${good()} `, NOT_A_JWT],
    ['a valid token with a tab inside its signature', () => good().replace(/(.{4})$/, '\t$1'), NOT_A_JWT],
    ['a header that is not base64url', () => `%%%.${b64(claims)}.AAAA`, NOT_A_JWT],
    ['a payload that is not base64url', () => `${b64(header)}.%%%.AAAA`, NOT_A_JWT],
    ['a header that is not JSON', () => `${b64('{not json')}.${b64(claims)}.AAAA`, NOT_A_JWT],
    ['a header that is a JSON array', () => signed(privateKey, [header], claims), NOT_A_JWT],
    ['a header that is JSON null', () => signed(privateKey, null, claims), NOT_A_JWT],
    ['a payload that is a JSON array', () => signed(privateKey, header, [claims]), NOT_A_JWT],
    ['a payload that is a JSON string', () => signed(privateKey, header, 'claims'), NOT_A_JWT],
    ['a payload that is a JSON number', () => signed(privateKey, header, 42), NOT_A_JWT],
    ['a payload that is not JSON', () => `${b64(header)}.${b64('{"iss":')}.AAAA`, NOT_A_JWT],
    ['no iss', () => signed(privateKey, header, { ...claims, iss: undefined }), NOT_A_JWT],
    ['an iss that is a number', () => signed(privateKey, header, { ...claims, iss: 42 }), NOT_A_JWT],
    [
      'an iss that is an object',
      () => signed(privateKey, header, { ...claims, iss: { u: ISSUER } }),
      NOT_A_JWT,
    ],
    [
      'an iss that is not a URL',
      () => signed(privateKey, header, { ...claims, iss: 'not a url' }),
      'No OpenIDConnect provider found in your account for not a url',
    ],
    ['a header with no alg', () => signed(privateKey, { kid: 'k1' }, claims), /algorithm \(none\)/],
    [
      'a header whose alg is not a string',
      () => signed(privateKey, { alg: 7, kid: 'k1' }, claims),
      /not allowed/,
    ],
    [
      'a header with no kid, when the issuer has several keys',
      () => signed(privateKey, { alg: 'RS256' }, claims),
      IDP_UNREACHABLE,
    ],
    ['a kid that is not a string', () => signed(privateKey, { alg: 'RS256', kid: 7 }, claims), NOT_A_JWT],
    [
      'an unknown critical header extension',
      () => signed(privateKey, { ...header, crit: ['x-ext'], 'x-ext': 1 }, claims),
      'The web identity token names critical header parameters (crit), which are not supported.',
    ],
    ['a crit that is not a list', () => signed(privateKey, { ...header, crit: 'x' }, claims), /crit/],
    [
      'an unencoded payload (b64 false)',
      () => signed(privateKey, { ...header, b64: false, crit: ['b64'] }, claims),
      /crit/,
    ],
    ['an exp that is not a number', () => signed(privateKey, header, { ...claims, exp: 'later' }), /exp/],
    ['no exp', () => signed(privateKey, header, { ...claims, exp: undefined }), /exp/],
    ['an empty signature', () => `${b64(header)}.${b64(claims)}.`, /signature/],
    [
      'a signature that is not base64url',
      () => `${b64(header)}.${b64(claims)}.!!!`,
      /signature|not a valid JWT/,
    ],
    [
      'a token longer than AWS accepts',
      () => signed(privateKey, header, { ...claims, pad: 'x'.repeat(MAX_TOKEN_CHARS) }),
      NOT_A_JWT,
    ],
  ];

  it.each(cases)('refuses %s with InvalidIdentityToken (400)', async (_name, make, message) => {
    const err = await refusal(make(), keys, [ISSUER]);
    expect(err.code).toBe('InvalidIdentityToken');
    expect(err.status).toBe(400);
    if (typeof message === 'string') expect(err.message).toBe(message);
    else expect(err.message).toMatch(message);
  });

  // the same malformed tokens, naming a registered provider that cannot be reached: the token is
  // refused for what it is before any key is fetched
  const beforeFetch = cases.filter(([name]) =>
    [
      'no iss',
      'a header with no alg',
      'an unknown critical header extension',
      'a crit that is not a list',
      'a kid that is not a string',
      'an exp that is not a number',
      'no exp',
      'a payload that is a JSON array',
    ].includes(name),
  );
  it.each(beforeFetch)(
    'refuses %s with InvalidIdentityToken even when its provider cannot be reached',
    async (_name, make) => {
      const token = make().split('.');
      // re-issue the same malformed token for the unreachable issuer
      const payload = JSON.parse(Buffer.from(token[1] ?? '', 'base64url').toString('utf8')) as unknown;
      const moved =
        typeof payload === 'object' && payload !== null && !Array.isArray(payload)
          ? { ...payload, ...('iss' in payload ? { iss: deadIssuer } : {}) }
          : payload;
      const headerJson = JSON.parse(Buffer.from(token[0] ?? '', 'base64url').toString('utf8')) as unknown;
      const err = await refusal(signed(privateKey, headerJson, moved), keys, [deadIssuer]);
      expect(err.code).toBe('InvalidIdentityToken');
      expect(err.status).toBe(400);
    },
  );

  describe('a provider that cannot be reached', () => {
    let jwksDown: Server;
    let jwksDownUrl: string;
    beforeAll(async () => {
      // discovery answers, but the key set it names fails
      jwksDown = createServer((req, res) => {
        if (req.url === '/.well-known/openid-configuration') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ issuer: jwksDownUrl, jwks_uri: `${jwksDownUrl}/jwks` }));
        } else {
          res.writeHead(500);
          res.end();
        }
      });
      await new Promise<void>((r) => jwksDown.listen(0, '127.0.0.1', r));
      jwksDownUrl = `http://127.0.0.1:${(jwksDown.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => jwksDown.close(() => r())));

    it('answers IDPCommunicationError for a well-formed token when discovery fails', async () => {
      const err = await refusal(signed(privateKey, header, { ...claims, iss: deadIssuer }), keys, [
        deadIssuer,
      ]);
      expect({ code: err.code, status: err.status, message: err.message }).toEqual({
        code: 'IDPCommunicationError',
        status: 400,
        message: IDP_UNREACHABLE,
      });
    });

    it('answers IDPCommunicationError for a well-formed token when the key set cannot be fetched', async () => {
      const fresh = new OidcKeySource({ dev: true, timeoutMs: 1000 });
      const err = await refusal(signed(privateKey, header, { ...claims, iss: jwksDownUrl }), fresh, [
        jwksDownUrl,
      ]);
      expect({ code: err.code, status: err.status }).toEqual({ code: 'IDPCommunicationError', status: 400 });
    });
  });
});
