// Outbound web identity federation over HTTP with the real AWS SDK v3 on each backend: IAM's
// Enable/Disable/GetOutboundWebIdentityFederationInfo, STS's GetWebIdentityToken, and the token
// verified as an external service verifies it — the issuer's discovery document fetched over HTTP,
// its JWKS through jose's createRemoteJWKSet — before and after a key rotation and a disable.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_outbound_getting_started.html
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DisableOutboundWebIdentityFederationCommand,
  EnableOutboundWebIdentityFederationCommand,
  GetOutboundWebIdentityFederationInfoCommand,
  IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  TagUserCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetWebIdentityTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateWebIdentityKeys } from '../../src/sts/index.ts';
import {
  awsError,
  BACKENDS,
  startTestServer,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const NS = 'https://sts.amazonaws.com/';
const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

interface Discovery {
  issuer: string;
  jwks_uri: string;
  id_token_signing_alg_values_supported: string[];
}

describe.each(BACKENDS)('outbound web identity federation on %s', (backend) => {
  let t: TestServer;
  let alice: Credentials;
  let bob: Credentials;
  let issuer: string;
  const opts = (creds: Credentials) => ({
    endpoint: t.url,
    region: 'us-east-1',
    credentials: creds,
    maxAttempts: 1,
  });
  const iam = (creds: Credentials = t.root) => new IAMClient(opts(creds));
  const sts = (creds: Credentials) => new STSClient(opts(creds));

  /** Verifies a token as an external service does: discovery over HTTP, then the JWKS it names. */
  const verifyAsExternalService = async (token: string, audience: string) => {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const discovery = (await res.json()) as Discovery;
    expect(discovery.issuer).toBe(issuer);
    const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri));
    return jwtVerify(token, jwks, {
      issuer: discovery.issuer,
      audience,
      algorithms: discovery.id_token_signing_alg_values_supported,
    });
  };

  const userWithKey = async (name: string, policy: string): Promise<Credentials> => {
    await t.iam().send(new CreateUserCommand({ UserName: name }));
    await t.iam().send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policy }));
    const key = await t.iam().send(new CreateAccessKeyCommand({ UserName: name }));
    return { accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! };
  };

  beforeAll(async () => {
    t = await startTestServer(backend);
    alice = await userWithKey(
      'alice',
      doc([
        { Effect: 'Allow', Action: ['sts:GetWebIdentityToken', 'sts:TagGetWebIdentityToken'], Resource: '*' },
        { Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: '*' },
      ]),
    );
    await t.iam().send(new TagUserCommand({ UserName: 'alice', Tags: [{ Key: 'team', Value: 'data' }] }));
    // bob may ask only for tokens meant for one audience, at most five minutes long
    bob = await userWithKey(
      'bob',
      doc([
        {
          Effect: 'Allow',
          Action: 'sts:GetWebIdentityToken',
          Resource: '*',
          Condition: {
            'ForAllValues:StringEquals': { 'sts:IdentityTokenAudience': 'https://api.example.com' },
            NumericLessThanEquals: { 'sts:DurationSeconds': 300 },
          },
        },
      ]),
    );
    await t.iam().send(
      new CreateRoleCommand({
        RoleName: 'DataProcessingRole',
        AssumeRolePolicyDocument: doc([
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: ['sts:AssumeRole', 'sts:TagSession'],
          },
        ]),
      }),
    );
    await t.iam().send(
      new PutRolePolicyCommand({
        RoleName: 'DataProcessingRole',
        PolicyName: 'tokens',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:GetWebIdentityToken', Resource: '*' }]),
      }),
    );
  });
  afterAll(() => t.destroy());

  it('refuses tokens, info and disabling while the account has not enabled the feature', async () => {
    const token = await awsError(() =>
      sts(alice).send(
        new GetWebIdentityTokenCommand({ Audience: ['https://api.example.com'], SigningAlgorithm: 'RS256' }),
      ),
    );
    expect(token).toMatchObject({ code: 'OutboundWebIdentityFederationDisabledException', status: 403 });
    expect(
      await awsError(() => iam().send(new GetOutboundWebIdentityFederationInfoCommand({}))),
    ).toMatchObject({
      code: 'FeatureDisabled',
      status: 404,
    });
    expect(
      await awsError(() => iam().send(new DisableOutboundWebIdentityFederationCommand({}))),
    ).toMatchObject({
      code: 'FeatureDisabled',
      status: 404,
    });
  });

  it('enables once, answering an issuer URL Tessera serves, and reports it', async () => {
    const enabled = await iam().send(new EnableOutboundWebIdentityFederationCommand({}));
    issuer = enabled.IssuerIdentifier!;
    expect(issuer).toMatch(new RegExp(`^${t.url}/outbound-oidc/[0-9a-f-]{36}$`));
    expect(
      await awsError(() => iam().send(new EnableOutboundWebIdentityFederationCommand({}))),
    ).toMatchObject({
      code: 'FeatureEnabled',
      status: 409,
    });
    const info = await iam().send(new GetOutboundWebIdentityFederationInfoCommand({}));
    expect(info).toMatchObject({ IssuerIdentifier: issuer, JwtVendingEnabled: true });
    // the discovery documents need no signature; an unknown issuer is not found
    const jwks = (await (await fetch(`${issuer}/.well-known/jwks.json`)).json()) as { keys: unknown[] };
    expect(Array.isArray(jwks.keys)).toBe(true);
    const unknown = await fetch(
      `${t.url}/outbound-oidc/00000000-0000-0000-0000-000000000000/.well-known/jwks.json`,
    );
    expect(unknown.status).toBe(404);
  });

  it('signs an RS256 token for the caller that an external service verifies through discovery', async () => {
    const before = Math.floor(Date.now() / 1000);
    const out = await sts(alice).send(
      new GetWebIdentityTokenCommand({
        Audience: ['https://api.example.com'],
        SigningAlgorithm: 'RS256',
        Tags: [{ Key: 'job-id', Value: 'job-2024-001' }],
      }),
    );
    const token = out.WebIdentityToken!;
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    const { payload } = await verifyAsExternalService(token, 'https://api.example.com');
    expect(payload).toMatchObject({
      iss: issuer,
      aud: 'https://api.example.com',
      sub: `arn:aws:iam::${ACCOUNT}:user/alice`,
      [NS]: {
        aws_account: ACCOUNT,
        source_region: 'us-east-1',
        principal_tags: { team: 'data' },
        request_tags: { 'job-id': 'job-2024-001' },
      },
    });
    expect(typeof payload.jti).toBe('string');
    // five minutes by default
    expect(payload.exp! - payload.iat!).toBe(300);
    expect(payload.iat!).toBeGreaterThanOrEqual(before);
    expect(out.Expiration!.getTime()).toBe(payload.exp! * 1000);
  });

  it('signs ES384 for several audiences, for up to an hour', async () => {
    const out = await sts(alice).send(
      new GetWebIdentityTokenCommand({
        Audience: ['https://a.example.com', 'https://b.example.com'],
        SigningAlgorithm: 'ES384',
        DurationSeconds: 3600,
      }),
    );
    const token = out.WebIdentityToken!;
    expect(decodeProtectedHeader(token).alg).toBe('ES384');
    const { payload } = await verifyAsExternalService(token, 'https://b.example.com');
    expect(payload.aud).toEqual(['https://a.example.com', 'https://b.example.com']);
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect((payload[NS] as Record<string, unknown>).request_tags).toBeUndefined();
  });

  it('refuses durations outside 60 to 3600 seconds and algorithms other than RS256 and ES384', async () => {
    for (const DurationSeconds of [59, 3601]) {
      const e = await awsError(() =>
        sts(alice).send(
          new GetWebIdentityTokenCommand({
            Audience: ['https://api.example.com'],
            SigningAlgorithm: 'RS256',
            DurationSeconds,
          }),
        ),
      );
      expect(e).toMatchObject({ code: 'ValidationError', status: 400 });
    }
    const e = await awsError(() =>
      sts(alice).send(
        new GetWebIdentityTokenCommand({ Audience: ['https://api.example.com'], SigningAlgorithm: 'HS256' }),
      ),
    );
    expect(e).toMatchObject({ code: 'ValidationError', status: 400 });
    expect(e.message).toContain('[RS256, ES384]');
  });

  it('decides by sts:IdentityTokenAudience and sts:DurationSeconds', async () => {
    const ok = await sts(bob).send(
      new GetWebIdentityTokenCommand({ Audience: ['https://api.example.com'], SigningAlgorithm: 'RS256' }),
    );
    expect(ok.WebIdentityToken).toBeDefined();
    const otherAudience = await awsError(() =>
      sts(bob).send(
        new GetWebIdentityTokenCommand({
          Audience: ['https://other.example.com'],
          SigningAlgorithm: 'RS256',
        }),
      ),
    );
    expect(otherAudience).toMatchObject({ code: 'AccessDenied', status: 403 });
    expect(otherAudience.message).toContain('sts:GetWebIdentityToken');
    const tooLong = await awsError(() =>
      sts(bob).send(
        new GetWebIdentityTokenCommand({
          Audience: ['https://api.example.com'],
          SigningAlgorithm: 'RS256',
          DurationSeconds: 600,
        }),
      ),
    );
    expect(tooLong).toMatchObject({ code: 'AccessDenied', status: 403 });
    // tags are claims the caller chooses: they need sts:TagGetWebIdentityToken as well
    const tagged = await awsError(() =>
      sts(bob).send(
        new GetWebIdentityTokenCommand({
          Audience: ['https://api.example.com'],
          SigningAlgorithm: 'RS256',
          Tags: [{ Key: 'job', Value: 'nightly' }],
        }),
      ),
    );
    expect(tagged).toMatchObject({ code: 'AccessDenied', status: 403 });
    expect(tagged.message).toContain('sts:TagGetWebIdentityToken');
  });

  it("names a role session's role, and refuses a token that would outlive the session", async () => {
    const assumed = await sts(alice).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/DataProcessingRole`,
        RoleSessionName: 'etl',
        DurationSeconds: 900,
        Tags: [{ Key: 'stage', Value: 'prod' }],
      }),
    );
    const session = {
      accessKeyId: assumed.Credentials!.AccessKeyId!,
      secretAccessKey: assumed.Credentials!.SecretAccessKey!,
      sessionToken: assumed.Credentials!.SessionToken!,
    };
    const out = await sts(session).send(
      new GetWebIdentityTokenCommand({ Audience: ['https://api.example.com'], SigningAlgorithm: 'RS256' }),
    );
    const { payload } = await verifyAsExternalService(out.WebIdentityToken!, 'https://api.example.com');
    expect(payload.sub).toBe(`arn:aws:iam::${ACCOUNT}:role/DataProcessingRole`);
    expect((payload[NS] as { principal_tags?: Record<string, string> }).principal_tags).toEqual({
      stage: 'prod',
    });
    const escalated = await awsError(() =>
      sts(session).send(
        new GetWebIdentityTokenCommand({
          Audience: ['https://api.example.com'],
          SigningAlgorithm: 'RS256',
          DurationSeconds: 3600,
        }),
      ),
    );
    expect(escalated).toMatchObject({ code: 'SessionDurationEscalationException', status: 403 });
  });

  it('keeps verifying unexpired tokens after the signing keys rotate', async () => {
    const ask = async (SigningAlgorithm: string) =>
      (
        await sts(alice).send(
          new GetWebIdentityTokenCommand({
            Audience: ['https://api.example.com'],
            SigningAlgorithm,
            DurationSeconds: 900,
          }),
        )
      ).WebIdentityToken!;
    const oldRsa = await ask('RS256');
    const oldEc = await ask('ES384');
    const newKeys = await rotateWebIdentityKeys(t.server.store, t.server.services.sealer, new Date());
    expect(newKeys).toHaveLength(2);
    const newRsa = await ask('RS256');
    const newEc = await ask('ES384');
    expect(decodeProtectedHeader(newRsa).kid).not.toBe(decodeProtectedHeader(oldRsa).kid);
    expect(newKeys).toContain(decodeProtectedHeader(newRsa).kid);
    expect(newKeys).toContain(decodeProtectedHeader(newEc).kid);
    const jwks = (await (await fetch(`${issuer}/.well-known/jwks.json`)).json()) as {
      keys: { kid: string }[];
    };
    for (const token of [oldRsa, oldEc, newRsa, newEc]) {
      expect(jwks.keys.map((k) => k.kid)).toContain(decodeProtectedHeader(token).kid);
      const { payload } = await verifyAsExternalService(token, 'https://api.example.com');
      expect(payload.sub).toBe(`arn:aws:iam::${ACCOUNT}:user/alice`);
    }
  });

  it('keeps the private halves of the signing keys sealed at rest', async () => {
    const rows = await t.server.store.rawRows('web_identity_signing_keys');
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) {
      expect(String(row.private_key_sealed)).toMatch(/^v1\./);
      expect(JSON.stringify(row)).not.toContain('PRIVATE KEY');
      expect(JSON.parse(String(row.public_jwk))).not.toHaveProperty('d');
    }
  });

  it('disables: new tokens are refused, tokens issued before still verify, re-enabling keeps the issuer', async () => {
    const issued = (
      await sts(alice).send(
        new GetWebIdentityTokenCommand({ Audience: ['https://api.example.com'], SigningAlgorithm: 'RS256' }),
      )
    ).WebIdentityToken!;
    await iam().send(new DisableOutboundWebIdentityFederationCommand({}));
    expect(
      await awsError(() =>
        sts(alice).send(
          new GetWebIdentityTokenCommand({
            Audience: ['https://api.example.com'],
            SigningAlgorithm: 'RS256',
          }),
        ),
      ),
    ).toMatchObject({ code: 'OutboundWebIdentityFederationDisabledException', status: 403 });
    expect(
      await awsError(() => iam().send(new DisableOutboundWebIdentityFederationCommand({}))),
    ).toMatchObject({
      code: 'FeatureDisabled',
    });
    expect(
      await awsError(() => iam().send(new GetOutboundWebIdentityFederationInfoCommand({}))),
    ).toMatchObject({
      code: 'FeatureDisabled',
    });
    const { payload }: { payload: JWTPayload } = await verifyAsExternalService(
      issued,
      'https://api.example.com',
    );
    expect(payload.iss).toBe(issuer);
    const again = await iam().send(new EnableOutboundWebIdentityFederationCommand({}));
    expect(again.IssuerIdentifier).toBe(issuer);
  });

  it('needs iam:EnableOutboundWebIdentityFederation to enable', async () => {
    const e = await awsError(() => iam(bob).send(new EnableOutboundWebIdentityFederationCommand({})));
    expect(e).toMatchObject({ code: 'AccessDenied', status: 403 });
    expect(e.message).toContain('iam:EnableOutboundWebIdentityFederation');
  });
});
