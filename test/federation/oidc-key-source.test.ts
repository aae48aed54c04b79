// The OIDC key source and token verifier without a server: keys from a configured JWKS (offline),
// the refetch floor on unknown key ids, https-only fetching outside dev mode, and AWS's errors.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONFIGURED_JWKS_FILE,
  OidcKeySource,
  readConfiguredJwks,
} from '../../src/federation/oidc/key-source.ts';
import { startTestIssuer, type TestIssuer } from '../../src/federation/oidc/test-issuer.ts';
import {
  verifyWebIdentityToken,
  type TrustedProvider,
} from '../../src/federation/oidc/verify-web-identity-token.ts';
import { AwsError } from '../../src/errors.ts';

const NOW = new Date('2030-01-15T12:00:00Z');
const AUD = 'sts.amazonaws.com';

const providerFor = (url: string, clientIds = [AUD]): TrustedProvider => ({
  arn: `arn:aws:iam::123456789012:oidc-provider/${url.replace(/^https?:\/\//, '')}`,
  url,
  hostAndPath: url.replace(/^https?:\/\//, ''),
  clientIds,
});

async function failure(p: Promise<unknown>): Promise<AwsError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AwsError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('configured JWKS (offline)', () => {
  it('verifies a token with keys from the data directory, never fetching the issuer', async () => {
    const issuer = 'https://offline.invalid/realm';
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' };
    const dir = mkdtempSync(path.join(tmpdir(), 'tessera-jwks-'));
    try {
      writeFileSync(path.join(dir, CONFIGURED_JWKS_FILE), JSON.stringify({ [issuer]: { keys: [jwk] } }));
      const configured = readConfiguredJwks(dir);
      expect(Object.keys(configured ?? {})).toEqual([issuer]);
      const keys = new OidcKeySource({ dev: false, ...(configured ? { configured } : {}) });
      const iat = Math.floor(NOW.getTime() / 1000);
      const token = await new SignJWT({
        iss: issuer,
        sub: 'svc',
        aud: [AUD, 'other'],
        azp: 'cli',
        iat,
        exp: iat + 60,
      })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .sign(privateKey);
      const verified = await verifyWebIdentityToken(token, {
        keys,
        now: NOW,
        findProvider: async (iss) => (iss === issuer ? providerFor(issuer) : undefined),
      });
      expect(verified.subject).toBe('svc');
      expect(verified.conditionKeys).toEqual({
        'offline.invalid/realm:sub': 'svc',
        'offline.invalid/realm:aud': AUD,
        'offline.invalid/realm:oaud': ['other'],
        'offline.invalid/realm:azp': 'cli',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has no configured keys when the file is absent', () => {
    expect(readConfiguredJwks(path.join(tmpdir(), 'tessera-no-such-dir'))).toBeUndefined();
  });
});

describe('remote JWKS', () => {
  let issuer: TestIssuer;
  beforeAll(async () => {
    issuer = await startTestIssuer({ clock: { now: () => NOW } });
  });
  afterAll(() => issuer.close());

  const verify = (token: string, keys: OidcKeySource) =>
    verifyWebIdentityToken(token, { keys, now: NOW, findProvider: async () => providerFor(issuer.url) });

  it('refetches on unknown key ids no more often than the cooldown floor', async () => {
    const keys = new OidcKeySource({ dev: true, cooldownMs: 60_000 });
    await verify(await issuer.mint({ sub: 's', aud: AUD }), keys);
    const fetched = issuer.jwksFetches;
    const { privateKey } = await generateKeyPair('RS256');
    const iat = Math.floor(NOW.getTime() / 1000);
    for (let i = 0; i < 5; i++) {
      const forged = await new SignJWT({ iss: issuer.url, sub: 's', aud: AUD, iat, exp: iat + 60 })
        .setProtectedHeader({ alg: 'RS256', kid: `unknown-${i}` })
        .sign(privateKey);
      expect((await failure(verify(forged, keys))).code).toBe('InvalidIdentityToken');
    }
    expect(issuer.jwksFetches).toBe(fetched);
  });

  it('fetches again for a rotated key once the floor allows it', async () => {
    const keys = new OidcKeySource({ dev: true, cooldownMs: 0 });
    await verify(await issuer.mint({ sub: 's', aud: AUD }), keys);
    const kid = await issuer.rotate({ retire: true });
    const verified = await verify(await issuer.mint({ sub: 'rotated', aud: AUD }, { kid }), keys);
    expect(verified.subject).toBe('rotated');
  });

  it('does not fetch a plain-http issuer outside dev mode', async () => {
    const keys = new OidcKeySource({ dev: false });
    const e = await failure(verify(await issuer.mint({ sub: 's', aud: AUD }), keys));
    expect(e.code).toBe('IDPCommunicationError');
  });

  it('reports an unreachable issuer as IDPCommunicationError', async () => {
    const gone = await startTestIssuer();
    const token = await gone.mint({ sub: 's', aud: AUD });
    const url = gone.url;
    await gone.close();
    const e = await failure(
      verifyWebIdentityToken(token, {
        keys: new OidcKeySource({ dev: true, timeoutMs: 1000 }),
        now: new Date(),
        findProvider: async () => providerFor(url),
      }),
    );
    expect(e).toMatchObject({ code: 'IDPCommunicationError', status: 400 });
  });

  it('refuses a token without a subject with IDPRejectedClaim', async () => {
    const keys = new OidcKeySource({ dev: true, cooldownMs: 0 });
    const e = await failure(verify(await issuer.mint({ aud: AUD }), keys));
    expect(e).toMatchObject({ code: 'IDPRejectedClaim', status: 403 });
  });

  it('refuses malformed session tags in the token with IDPRejectedClaim', async () => {
    const keys = new OidcKeySource({ dev: true, cooldownMs: 0 });
    const token = await issuer.mint({
      sub: 's',
      aud: AUD,
      'https://aws.amazon.com/tags': { principal_tags: { team: ['a', 'b'] } },
    });
    expect((await failure(verify(token, keys))).code).toBe('IDPRejectedClaim');
  });

  it('accepts a token signed within the clock skew but refuses one issued in the future', async () => {
    const keys = new OidcKeySource({ dev: true, cooldownMs: 0 });
    const soon = new Date(NOW.getTime() + 30_000);
    expect((await verify(await issuer.mint({ sub: 's', aud: AUD }, { now: soon }), keys)).subject).toBe('s');
    const later = new Date(NOW.getTime() + 600_000);
    const e = await failure(verify(await issuer.mint({ sub: 's', aud: AUD }, { now: later }), keys));
    expect(e.code).toBe('InvalidIdentityToken');
  });
});
