// AssumeRoleWithWebIdentity over HTTP with the real AWS SDK v3 STS client and the SDK's web identity
// credential provider, against a local OIDC test issuer, on each storage backend: the CI-pipeline
// trust policy, the response, and every JWT attack refused with AWS's error and no session issued.
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateOpenIDConnectProviderCommand, CreateRoleCommand, GetRoleCommand } from '@aws-sdk/client-iam';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromTokenFile } from '@aws-sdk/credential-provider-web-identity';
import { SignJWT, importJWK, type CryptoKey, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OidcKeySource, useKeySource } from '../../src/federation/oidc/key-source.ts';
import { startTestIssuer, type TestIssuer } from '../../src/federation/oidc/test-issuer.ts';
import { awsError, BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const MAIN = 'repo:ORG/REPO:ref:refs/heads/main';
const AUD = 'sts.amazonaws.com';
const NOT_AUTHORIZED = 'Not authorized to perform sts:AssumeRoleWithWebIdentity';

class TestClock {
  constructor(private t: number) {}
  now = () => new Date(this.t);
  advance(seconds: number) {
    this.t += seconds * 1000;
  }
}

const b64url = (v: unknown) =>
  Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const hostAndPath = (url: string) => url.replace(/^https?:\/\//, '');

/** The trust policy the README shows for a GitHub-Actions-style issuer, for any provider. */
function ciTrustPolicy(providerArn: string, host: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: providerArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${host}:aud`]: AUD, [`${host}:sub`]: MAIN } },
      },
    ],
  });
}

describe.each(BACKENDS)('AssumeRoleWithWebIdentity on %s', (backend) => {
  const clock = new TestClock(Math.floor(Date.now() / 1000) * 1000);
  let t: TestServer;
  let issuer: TestIssuer;
  let other: TestIssuer;
  let providerArn: string;
  let sts: STSClient;
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/ci-deploy`;
  const targetArn = `arn:aws:iam::${ACCOUNT}:role/attack-target`;

  beforeAll(async () => {
    issuer = await startTestIssuer({ clock, path: '/ci' });
    other = await startTestIssuer({ clock });
    t = await startTestServer(backend, { dev: true, clock });
    // no cooldown here, so a rotated key is fetched at once; the floor is tested on its own
    useKeySource(t.server.services, new OidcKeySource({ dev: true, cooldownMs: 0 }));
    sts = new STSClient({ endpoint: t.url, region: 'us-east-1', maxAttempts: 1 });
    const iam = t.iam();
    providerArn = (
      await iam.send(new CreateOpenIDConnectProviderCommand({ Url: issuer.url, ClientIDList: [AUD] }))
    ).OpenIDConnectProviderArn!;
    const otherArn = (
      await iam.send(new CreateOpenIDConnectProviderCommand({ Url: other.url, ClientIDList: [AUD] }))
    ).OpenIDConnectProviderArn!;
    expect(providerArn).toBe(`arn:aws:iam::${ACCOUNT}:oidc-provider/${hostAndPath(issuer.url)}`);
    expect(otherArn).not.toBe(providerArn);
    for (const RoleName of ['ci-deploy', 'attack-target'])
      await iam.send(
        new CreateRoleCommand({
          RoleName,
          AssumeRolePolicyDocument: ciTrustPolicy(providerArn, hostAndPath(issuer.url)),
          MaxSessionDuration: 7200,
        }),
      );
  });
  afterAll(async () => {
    await t.destroy();
    await issuer.close();
    await other.close();
  });

  const assume = (WebIdentityToken: string, RoleArn = roleArn, extra: Record<string, unknown> = {}) =>
    sts.send(
      new AssumeRoleWithWebIdentityCommand({ RoleArn, RoleSessionName: 'gha', WebIdentityToken, ...extra }),
    );
  const mainToken = (claims: JWTPayload = {}) => issuer.mint({ sub: MAIN, aud: AUD, ...claims });

  it('issues a session to a token for the trusted repository and branch, unsigned', async () => {
    const token = await mainToken();
    const out = await assume(token, roleArn, { DurationSeconds: 7200 });
    expect(out.SubjectFromWebIdentityToken).toBe(MAIN);
    expect(out.Audience).toBe(AUD);
    expect(out.Provider).toBe(providerArn);
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/ci-deploy/gha`);
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:gha$/);
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(out.Credentials?.Expiration?.getTime()).toBe(clock.now().getTime() + 7200_000);
    const me = await t
      .sts({
        accessKeyId: out.Credentials!.AccessKeyId!,
        secretAccessKey: out.Credentials!.SecretAccessKey!,
        sessionToken: out.Credentials!.SessionToken!,
      })
      .send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/ci-deploy/gha`);
  });

  it('refuses a token for another branch or another repository', async () => {
    for (const sub of [
      'repo:ORG/REPO:ref:refs/heads/feature',
      'repo:ORG/OTHER:ref:refs/heads/main',
      'repo:ORG/REPO:*',
    ]) {
      const e = await awsError(() => issuer.mint({ sub, aud: AUD }).then((tok) => assume(tok)));
      expect(e).toMatchObject({ code: 'AccessDenied', status: 403, message: NOT_AUTHORIZED });
    }
  });

  it('refuses a missing role and a role ARN with the wrong path like a forbidden one', async () => {
    const token = await mainToken();
    for (const arn of [`arn:aws:iam::${ACCOUNT}:role/nope`, `arn:aws:iam::${ACCOUNT}:role/x/ci-deploy`]) {
      const e = await awsError(() => assume(token, arn));
      expect(e).toMatchObject({ code: 'AccessDenied', status: 403, message: NOT_AUTHORIZED });
    }
  });

  it('refuses a duration above the role maximum', async () => {
    const e = await awsError(async () => assume(await mainToken(), roleArn, { DurationSeconds: 7201 }));
    expect(e).toMatchObject({
      code: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    });
  });

  it('applies an inline session policy and reports its packed size', async () => {
    const Policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
    });
    const out = await assume(await mainToken(), roleArn, { Policy });
    expect(out.PackedPolicySize).toBeGreaterThan(0);
    const bad = await awsError(async () => assume(await mainToken(), roleArn, { Policy: '{"Statement":' }));
    expect(bad.code).toBe('MalformedPolicyDocument');
  });

  it('takes session tags and source identity from the token when the trust policy allows them', async () => {
    const host = hostAndPath(issuer.url);
    await t.iam().send(
      new CreateRoleCommand({
        RoleName: 'tagged',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: providerArn },
              Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession', 'sts:SetSourceIdentity'],
              Condition: { StringEquals: { [`${host}:sub`]: MAIN, 'aws:RequestTag/team': 'ci' } },
            },
          ],
        }),
      }),
    );
    const token = await mainToken({
      'https://aws.amazon.com/tags': { principal_tags: { team: ['ci'] }, transitive_tag_keys: ['team'] },
      'https://aws.amazon.com/source_identity': 'octocat',
    });
    const out = await assume(token, `arn:aws:iam::${ACCOUNT}:role/tagged`);
    expect(out.SourceIdentity).toBe('octocat');
    expect(out.PackedPolicySize).toBeGreaterThan(0);
    // the ci-deploy trust policy does not allow sts:TagSession
    const e = await awsError(() => assume(token));
    expect(e).toMatchObject({ code: 'AccessDenied', message: NOT_AUTHORIZED });
  });

  it('follows a key rotation: a token signed by a new key is verified after a refetch', async () => {
    const kid = await issuer.rotate();
    const out = await assume(await issuer.mint({ sub: MAIN, aud: AUD }, { kid }));
    expect(out.SubjectFromWebIdentityToken).toBe(MAIN);
  });

  describe('attacks, each refused with no session', () => {
    const refuse = async (token: string | Promise<string>) =>
      awsError(async () => assume(await token, targetArn));

    it('alg none', async () => {
      const now = Math.floor(clock.now().getTime() / 1000);
      const token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ iss: issuer.url, sub: MAIN, aud: AUD, iat: now, exp: now + 300 })}.`;
      expect(await refuse(token)).toMatchObject({ code: 'InvalidIdentityToken', status: 400 });
    });

    it('HS256 signed with the RSA public key as the HMAC secret', async () => {
      const jwk = issuer.jwks().keys[0]!;
      const publicPem = (await importJWK(jwk, 'RS256', { extractable: true })) as CryptoKey;
      const spki = Buffer.from(await crypto.subtle.exportKey('spki', publicPem)).toString('base64');
      const pem = `-----BEGIN PUBLIC KEY-----\n${spki.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`;
      const now = Math.floor(clock.now().getTime() / 1000);
      for (const secret of [pem, JSON.stringify(jwk)]) {
        const input = `${b64url({ alg: 'HS256', typ: 'JWT', kid: jwk.kid })}.${b64url({ iss: issuer.url, sub: MAIN, aud: AUD, iat: now, exp: now + 300 })}`;
        const sig = createHmac('sha256', secret).update(input).digest('base64url');
        expect(await refuse(`${input}.${sig}`)).toMatchObject({ code: 'InvalidIdentityToken', status: 400 });
      }
    });

    it('a key id the issuer never published', async () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const now = Math.floor(clock.now().getTime() / 1000);
      const token = await new SignJWT({ iss: issuer.url, sub: MAIN, aud: AUD, iat: now, exp: now + 300 })
        .setProtectedHeader({ alg: 'RS256', kid: 'not-published' })
        .sign(privateKey);
      expect(await refuse(token)).toMatchObject({
        code: 'InvalidIdentityToken',
        status: 400,
        message:
          "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
      });
    });

    it('an expired token', async () => {
      const issued = new Date(clock.now().getTime() - 3600_000);
      const token = await issuer.mint({ sub: MAIN, aud: AUD }, { now: issued, expiresIn: 600 });
      const exp = Math.floor(issued.getTime() / 1000) + 600;
      const e = await refuse(token);
      expect(e).toMatchObject({
        code: 'ExpiredTokenException',
        status: 400,
        message: `Token expired: current date/time ${Math.floor(clock.now().getTime() / 1000)} must be before the expiration date/time${exp}`,
      });
    });

    it('a token that is not valid yet (nbf in the future)', async () => {
      const nbf = Math.floor(clock.now().getTime() / 1000) + 600;
      expect(await refuse(mainToken({ nbf, exp: nbf + 600 }))).toMatchObject({
        code: 'InvalidIdentityToken',
      });
    });

    it('a token for another audience', async () => {
      expect(await refuse(mainToken({ aud: 'some-other-client' }))).toMatchObject({
        code: 'InvalidIdentityToken',
        message: 'Incorrect token audience',
      });
    });

    it('a token naming an issuer that is not a provider, or the provider URL spelled differently', async () => {
      expect(await refuse(mainToken({ iss: 'https://evil.example.com' }))).toMatchObject({
        code: 'InvalidIdentityToken',
        message: 'No OpenIDConnect provider found in your account for https://evil.example.com',
      });
      expect(await refuse(mainToken({ iss: `${issuer.url}/` }))).toMatchObject({
        code: 'InvalidIdentityToken',
        message: `No OpenIDConnect provider found in your account for ${issuer.url}/`,
      });
    });

    it('a payload changed after signing', async () => {
      const [header, , signature] = (
        await issuer.mint({ sub: 'repo:ORG/REPO:ref:refs/heads/feature', aud: AUD })
      ).split('.');
      const now = Math.floor(clock.now().getTime() / 1000);
      const forged = `${header}.${b64url({ iss: issuer.url, sub: MAIN, aud: AUD, iat: now, exp: now + 300 })}.${signature}`;
      expect(await refuse(forged)).toMatchObject({ code: 'InvalidIdentityToken', status: 400 });
    });

    it("a token from another provider's issuer", async () => {
      // signed by the other issuer but claiming to come from the trusted one: no key of it verifies
      expect(await refuse(other.mint({ iss: issuer.url, sub: MAIN, aud: AUD }))).toMatchObject({
        code: 'InvalidIdentityToken',
      });
      // honestly from the other (registered) provider: the trust policy names another provider
      expect(await refuse(other.mint({ sub: MAIN, aud: AUD }))).toMatchObject({
        code: 'AccessDenied',
        status: 403,
        message: NOT_AUTHORIZED,
      });
    });

    it('an oversized token', async () => {
      const big = await mainToken({ pad: 'x'.repeat(20_000) });
      expect(await refuse(big)).toMatchObject({ code: 'ValidationError', status: 400 });
    });

    it('a string that is not a JWT', async () => {
      expect(await refuse('not-a-real-jwt-token')).toMatchObject({
        code: 'InvalidIdentityToken',
        message:
          'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)',
      });
    });

    it('malformed tokens get InvalidIdentityToken, even from a provider that cannot be reached', async () => {
      // a registered provider nobody answers for (port 9, discard, is closed on the test host)
      const dead = 'http://127.0.0.1:9/dead';
      await t.iam().send(new CreateOpenIDConnectProviderCommand({ Url: dead, ClientIDList: [AUD] }));
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const now = Math.floor(clock.now().getTime() / 1000);
      const claims = { sub: MAIN, aud: AUD, iat: now, exp: now + 300 };
      const raw = (header: unknown, payload: unknown) =>
        `${b64url(header)}.${b64url(payload)}.${b64url('not-a-signature')}`;
      for (const iss of [issuer.url, dead]) {
        const malformed = [
          raw({ alg: 'RS256', kid: 'k', crit: ['x-ext'], 'x-ext': 1 }, { ...claims, iss }),
          raw({ alg: 'RS256', kid: 7 }, { ...claims, iss }),
          raw({ kid: 'k' }, { ...claims, iss }),
          raw({ alg: 'RS256', kid: 'k' }, { ...claims, iss, exp: 'later' }),
          raw({ alg: 'RS256', kid: 'k' }, [{ ...claims, iss }]),
          raw({ alg: 'RS256', kid: 'k' }, { ...claims, iss: 42 }),
          `${b64url({ alg: 'RS256' })}.%%%.AAAA`,
        ];
        for (const token of malformed)
          expect(await refuse(token), token).toMatchObject({ code: 'InvalidIdentityToken', status: 400 });
      }
      // a well-formed token of the unreachable provider: its keys cannot be had
      const wellFormed = await new SignJWT({ ...claims, iss: dead })
        .setProtectedHeader({ alg: 'RS256', kid: 'k' })
        .sign(privateKey);
      expect(await refuse(wellFormed)).toMatchObject({
        code: 'IDPCommunicationError',
        status: 400,
        message:
          "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
      });
    });

    it('left the target role unused: no session was ever issued for it', async () => {
      const role = await t.iam().send(new GetRoleCommand({ RoleName: 'attack-target' }));
      expect(role.Role?.RoleLastUsed?.LastUsedDate).toBeUndefined();
    });
  });

  it('lets the SDK web identity provider get credentials from a token file, by init and by environment', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tessera-wid-'));
    const file = path.join(dir, 'token');
    writeFileSync(file, await mainToken());
    const saved = { ...process.env };
    try {
      const provider = fromTokenFile({
        webIdentityTokenFile: file,
        roleArn,
        roleSessionName: 'sdk-file',
        clientConfig: { endpoint: t.url, region: 'us-east-1' },
      });
      const creds = await provider();
      expect(creds.accessKeyId).toMatch(/^ASIA/);
      const me = await t.sts(creds).send(new GetCallerIdentityCommand({}));
      expect(me.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/ci-deploy/sdk-file`);

      // the default chain of a client, configured only by the environment
      for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'])
        delete process.env[k];
      process.env.AWS_WEB_IDENTITY_TOKEN_FILE = file;
      process.env.AWS_ROLE_ARN = roleArn;
      process.env.AWS_ROLE_SESSION_NAME = 'sdk-env';
      process.env.AWS_ENDPOINT_URL_STS = t.url;
      process.env.AWS_CONFIG_FILE = path.join(dir, 'none');
      process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'none');
      const client = new STSClient({ region: 'us-east-1', maxAttempts: 1 });
      const viaEnv = await client.send(new GetCallerIdentityCommand({}));
      expect(viaEnv.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/ci-deploy/sdk-env`);
    } finally {
      process.env = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
