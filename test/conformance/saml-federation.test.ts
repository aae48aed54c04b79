// SAML providers and AssumeRoleWithSAML over HTTP with the real AWS SDK v3 IAM and STS clients, on
// each storage backend: the provider API with AWS's errors, a session for a signed assertion with
// AWS's response fields, the saml:* keys in the trust policy, and every assertion attack refused
// with AWS's error and no session issued.
import { createHash } from 'node:crypto';
import {
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  DeleteSAMLProviderCommand,
  GetRoleCommand,
  GetSAMLProviderCommand,
  ListSAMLProviderTagsCommand,
  ListSAMLProvidersCommand,
  TagSAMLProviderCommand,
  UntagSAMLProviderCommand,
  UpdateSAMLProviderCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { AssumeRoleWithSAMLCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateDevIdp,
  idOf,
  idpMetadataXml,
  samlResponseXml,
  signElement,
  type AssertionOptions,
  type DevIdp,
} from '../../src/federation/saml/dev-idp.ts';
import { awsError, BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const NOT_AUTHORIZED = 'Not authorized to perform sts:AssumeRoleWithSAML';
const providerArnOf = (name: string) => `arn:aws:iam::${ACCOUNT}:saml-provider/${name}`;
const roleArnOf = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

class TestClock {
  constructor(private t: number) {}
  now = () => new Date(this.t);
  advance(seconds: number) {
    this.t += seconds * 1000;
  }
}

function samlTrust(providerArn: string, condition?: Record<string, Record<string, string>>): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: providerArn },
        Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession', 'sts:SetSourceIdentity'],
        Condition: { StringEquals: { 'saml:aud': 'https://signin.aws.amazon.com/saml' }, ...condition },
      },
    ],
  });
}

const b64 = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');

describe.each(BACKENDS)('SAML federation on %s', (backend) => {
  const clock = new TestClock(Math.floor(Date.now() / 1000) * 1000);
  let t: TestServer;
  let iam: IAMClient;
  let sts: STSClient;
  let idp: DevIdp;
  let otherIdp: DevIdp;
  const providerArn = providerArnOf('Corp');
  const otherArn = providerArnOf('Other');

  const options = (o: Partial<AssertionOptions> = {}): AssertionOptions => ({
    roles: [{ roleArn: roleArnOf('Dev'), providerArn }],
    roleSessionName: 'alice',
    subject: 'alice@corp.example',
    now: clock.now(),
    ...o,
  });
  const signed = (
    o: Partial<AssertionOptions> = {},
    by: DevIdp = idp,
    what: 'Assertion' | 'Response' = 'Assertion',
  ) => {
    const xml = samlResponseXml(idp, options(o));
    return signElement(xml, by, idOf(xml, what));
  };
  const assume = (xml: string, roleArn = roleArnOf('Dev'), principalArn = providerArn) =>
    sts.send(
      new AssumeRoleWithSAMLCommand({
        RoleArn: roleArn,
        PrincipalArn: principalArn,
        SAMLAssertion: b64(xml),
      }),
    );

  beforeAll(async () => {
    idp = generateDevIdp('https://idp.corp.example/saml');
    otherIdp = generateDevIdp('https://idp.other.example/saml', { commonName: 'other' });
    t = await startTestServer(backend, { clock });
    iam = t.iam();
    // no credentials at all: AssumeRoleWithSAML is an unsigned call
    sts = new STSClient({ endpoint: t.url, region: 'us-east-1', maxAttempts: 1 });
    await iam.send(
      new CreateSAMLProviderCommand({ Name: 'Corp', SAMLMetadataDocument: idpMetadataXml(idp) }),
    );
    await iam.send(
      new CreateSAMLProviderCommand({ Name: 'Other', SAMLMetadataDocument: idpMetadataXml(otherIdp) }),
    );
    await iam.send(
      new CreateRoleCommand({ RoleName: 'Dev', AssumeRolePolicyDocument: samlTrust(providerArn) }),
    );
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'Admins',
        AssumeRolePolicyDocument: samlTrust(providerArn, { StringEquals: { 'saml:sub': 'admin' } }),
      }),
    );
  });
  afterAll(async () => {
    await t?.destroy();
  });

  describe('SAML provider API', () => {
    it('creates a provider with tags and returns its ARN', async () => {
      const out = await iam.send(
        new CreateSAMLProviderCommand({
          Name: 'Tagged',
          SAMLMetadataDocument: idpMetadataXml(idp),
          Tags: [{ Key: 'team', Value: 'sec' }],
        }),
      );
      expect(out.SAMLProviderArn).toBe(providerArnOf('Tagged'));
      expect(out.Tags).toEqual([{ Key: 'team', Value: 'sec' }]);
    });

    it('gets the metadata document, dates and tags', async () => {
      const got = await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: providerArnOf('Tagged') }));
      expect(got.SAMLMetadataDocument).toBe(idpMetadataXml(idp));
      expect(got.SAMLProviderUUID).toMatch(/^[0-9a-f-]{36}$/);
      expect(got.CreateDate).toBeInstanceOf(Date);
      expect(got.ValidUntil!.getTime()).toBeGreaterThan(got.CreateDate!.getTime());
      expect(got.Tags).toEqual([{ Key: 'team', Value: 'sec' }]);
    });

    it('lists the account providers with their ARN and dates', async () => {
      const list = await iam.send(new ListSAMLProvidersCommand({}));
      expect(list.SAMLProviderList!.map((p) => p.Arn)).toEqual([
        providerArnOf('Corp'),
        providerArnOf('Other'),
        providerArnOf('Tagged'),
      ]);
    });

    it('takes ValidUntil from the metadata when it sets one', async () => {
      const until = new Date(Date.UTC(2031, 0, 2, 3, 4, 5));
      await iam.send(
        new UpdateSAMLProviderCommand({
          SAMLProviderArn: providerArnOf('Tagged'),
          SAMLMetadataDocument: idpMetadataXml(idp, { validUntil: until }),
        }),
      );
      const got = await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: providerArnOf('Tagged') }));
      expect(got.ValidUntil).toEqual(until);
    });

    it('tags, lists tags and untags a provider', async () => {
      const arn = providerArnOf('Tagged');
      await iam.send(
        new TagSAMLProviderCommand({ SAMLProviderArn: arn, Tags: [{ Key: 'env', Value: 'dev' }] }),
      );
      const tags = await iam.send(new ListSAMLProviderTagsCommand({ SAMLProviderArn: arn }));
      expect(tags.Tags).toEqual([
        { Key: 'env', Value: 'dev' },
        { Key: 'team', Value: 'sec' },
      ]);
      await iam.send(new UntagSAMLProviderCommand({ SAMLProviderArn: arn, TagKeys: ['team'] }));
      expect((await iam.send(new ListSAMLProviderTagsCommand({ SAMLProviderArn: arn }))).Tags).toEqual([
        { Key: 'env', Value: 'dev' },
      ]);
    });

    it('refuses metadata that cannot be parsed, with InvalidInput', async () => {
      const bad = idpMetadataXml(idp, {
        extraCertificates: ['-----BEGIN CERTIFICATE-----AAAA-----END CERTIFICATE-----'],
      });
      const e = await awsError(() =>
        iam.send(new CreateSAMLProviderCommand({ Name: 'Bad', SAMLMetadataDocument: bad })),
      );
      expect(e).toMatchObject({ code: 'InvalidInput', status: 400, message: 'Could not parse metadata' });
    });

    it('refuses metadata with a DTD', async () => {
      const doc = `<!DOCTYPE md [<!ENTITY x "y">]>${idpMetadataXml(idp).replace(/^<\?xml[^>]*>/, '')}`;
      const e = await awsError(() =>
        iam.send(new CreateSAMLProviderCommand({ Name: 'Dtd', SAMLMetadataDocument: doc })),
      );
      expect(e).toMatchObject({ code: 'InvalidInput', message: 'Could not parse metadata' });
    });

    it('refuses a metadata document shorter than 1000 characters with a ValidationError', async () => {
      const e = await awsError(() =>
        iam.send(new CreateSAMLProviderCommand({ Name: 'Short', SAMLMetadataDocument: '<x/>' })),
      );
      expect(e).toMatchObject({ code: 'ValidationError', status: 400 });
      expect(e.message).toContain(
        "at 'sAMLMetadataDocument' failed to satisfy constraint: Member must have length greater than or equal to 1000",
      );
    });

    it('refuses a second provider of the same name', async () => {
      const e = await awsError(() =>
        iam.send(new CreateSAMLProviderCommand({ Name: 'corp', SAMLMetadataDocument: idpMetadataXml(idp) })),
      );
      expect(e).toMatchObject({ code: 'EntityAlreadyExists', status: 409 });
    });

    it('deletes a provider, after which it is not found', async () => {
      const arn = providerArnOf('Tagged');
      await iam.send(new DeleteSAMLProviderCommand({ SAMLProviderArn: arn }));
      const e = await awsError(() => iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn })));
      expect(e).toMatchObject({
        code: 'NoSuchEntity',
        status: 404,
        message: `Manifest not found for arn ${arn}`,
      });
    });
  });

  describe('AssumeRoleWithSAML', () => {
    it('issues a role session for an assertion signed by the provider, with AWS response fields', async () => {
      const out = await assume(signed({ sourceIdentity: 'alice', principalTags: { team: 'dev' } }));
      expect(out.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Dev/alice`);
      expect(out.Subject).toBe('alice@corp.example');
      expect(out.SubjectType).toBe('persistent');
      expect(out.Issuer).toBe('https://idp.corp.example/saml');
      expect(out.Audience).toBe('https://signin.aws.amazon.com/saml');
      expect(out.NameQualifier).toBe(
        createHash('sha1').update(`https://idp.corp.example/saml${ACCOUNT}/Corp`).digest('base64'),
      );
      expect(out.SourceIdentity).toBe('alice');
      expect(out.PackedPolicySize).toBeGreaterThan(0);
      const creds = out.Credentials!;
      expect(creds.AccessKeyId).toMatch(/^ASIA/);
      const me = await t
        .sts({
          accessKeyId: creds.AccessKeyId!,
          secretAccessKey: creds.SecretAccessKey!,
          sessionToken: creds.SessionToken!,
        })
        .send(new GetCallerIdentityCommand({}));
      expect(me.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Dev/alice`);
    });

    it('accepts a signature over the whole Response', async () => {
      const out = await assume(signed({}, idp, 'Response'));
      expect(out.Subject).toBe('alice@corp.example');
    });

    it('accepts the Role pair written provider first', async () => {
      const xml = samlResponseXml(idp, options()).replace(
        `${roleArnOf('Dev')},${providerArn}`,
        `${providerArn},${roleArnOf('Dev')}`,
      );
      const out = await assume(signElement(xml, idp, idOf(xml, 'Assertion')));
      expect(out.AssumedRoleUser!.Arn).toContain('assumed-role/Dev/alice');
    });

    it('caps the session at the assertion SessionDuration when no DurationSeconds is asked', async () => {
      const out = await assume(signed({ sessionDuration: 900 }));
      expect(out.Credentials!.Expiration!.getTime() - clock.now().getTime()).toBe(900_000);
    });

    it('lets the trust policy test saml:sub (a matching subject gets a session)', async () => {
      const xml = signed({ subject: 'admin', roles: [{ roleArn: roleArnOf('Admins'), providerArn }] });
      const out = await assume(xml, roleArnOf('Admins'));
      expect(out.Subject).toBe('admin');
    });

    it('refuses a RoleSessionName that AWS would refuse', async () => {
      const e = await awsError(() => assume(signed({ roleSessionName: 'a' })));
      expect(e).toMatchObject({
        code: 'InvalidIdentityToken',
        status: 400,
        message: 'RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}',
      });
    });

    it('refuses a provider that does not exist', async () => {
      const e = await awsError(() => assume(signed(), roleArnOf('Dev'), providerArnOf('Nope')));
      expect(e).toMatchObject({ code: 'InvalidIdentityToken', message: "Specified provider doesn't exist" });
    });

    it('refuses a session policy that is not valid JSON with MalformedPolicyDocument', async () => {
      const e = await awsError(() =>
        sts.send(
          new AssumeRoleWithSAMLCommand({
            RoleArn: roleArnOf('Dev'),
            PrincipalArn: providerArn,
            SAMLAssertion: b64(signed()),
            Policy: '{not json',
          }),
        ),
      );
      expect(e).toMatchObject({ code: 'MalformedPolicyDocument', status: 400 });
    });
  });

  describe('redeeming an assertion once, within five minutes of issuance', () => {
    it('redeems an assertion once: the same assertion again is refused', async () => {
      const xml = signed({});
      expect((await assume(xml)).Credentials).toBeDefined();
      const e = await awsError(() => assume(xml));
      expect(e).toMatchObject({
        code: 'InvalidIdentityToken',
        status: 400,
        message: 'Invalid SAML response: this assertion has already been used',
      });
    });

    it('refuses an assertion issued more than five minutes ago, however long it claims to be valid', async () => {
      const xml = signed({ lifetimeSeconds: 3600 });
      clock.advance(6 * 60 + 61);
      try {
        const e = await awsError(() => assume(xml));
        expect(e).toMatchObject({
          code: 'ExpiredTokenException',
          status: 400,
          message: 'Token must be redeemed within 5 minutes of issuance',
        });
      } finally {
        clock.advance(-(6 * 60 + 61));
      }
    });

    it('refuses an assertion issued in the future beyond the allowed clock skew', async () => {
      const e = await awsError(() => assume(signed({ now: new Date(clock.now().getTime() + 5 * 60_000) })));
      expect(e).toMatchObject({ code: 'InvalidIdentityToken', status: 400 });
      expect(e.message).toMatch(/IssueInstant/);
    });

    it('refuses an assertion replayed to another node sharing the store', async () => {
      const xml = signed({});
      expect((await assume(xml)).Credentials).toBeDefined();
      const node2 = await startTestServer(backend, { reuse: t.config, clock });
      try {
        const sts2 = new STSClient({ endpoint: node2.url, region: 'us-east-1', maxAttempts: 1 });
        const e = await awsError(() =>
          sts2.send(
            new AssumeRoleWithSAMLCommand({
              RoleArn: roleArnOf('Dev'),
              PrincipalArn: providerArn,
              SAMLAssertion: b64(xml),
            }),
          ),
        );
        expect(e).toMatchObject({ code: 'InvalidIdentityToken' });
      } finally {
        await node2.stop();
      }
    });
  });

  describe('attacks refused, with no session', () => {
    const target = roleArnOf('Admins');
    const adminAssertion = (o: Partial<AssertionOptions> = {}) =>
      options({ subject: 'admin', roles: [{ roleArn: target, providerArn }], ...o });
    const signedFor = (o: Partial<AssertionOptions>, by: DevIdp = idp) => {
      const xml = samlResponseXml(idp, adminAssertion(o));
      return signElement(xml, by, idOf(xml, 'Assertion'));
    };
    let lastUsedBefore: Date | undefined;

    beforeAll(async () => {
      lastUsedBefore = (await iam.send(new GetRoleCommand({ RoleName: 'Admins' }))).Role!.RoleLastUsed
        ?.LastUsedDate;
    });

    afterAll(async () => {
      // none of the refused assertions produced a session of the target role
      const after = (await iam.send(new GetRoleCommand({ RoleName: 'Admins' }))).Role!.RoleLastUsed
        ?.LastUsedDate;
      expect(after).toEqual(lastUsedBefore);
    });

    it('refuses an unsigned response', async () => {
      const e = await awsError(() => assume(samlResponseXml(idp, adminAssertion()), target));
      expect(e).toMatchObject({
        code: 'InvalidIdentityToken',
        status: 400,
        message: 'Response signature invalid',
      });
    });

    it('refuses a response signed by a certificate that is not the provider’s', async () => {
      const e = await awsError(() => assume(signedFor({}, otherIdp), target));
      expect(e).toMatchObject({ code: 'InvalidIdentityToken', message: 'Response signature invalid' });
    });

    it('refuses a signed response with an unsigned admin assertion inserted before the signed one', async () => {
      const good = signed();
      const evil = /<saml:Assertion\b[\s\S]*<\/saml:Assertion>/.exec(
        samlResponseXml(idp, adminAssertion()),
      )![0];
      const e = await awsError(() =>
        assume(good.replace('<saml:Assertion ', `${evil}<saml:Assertion `), target),
      );
      expect(e).toMatchObject({ code: 'InvalidIdentityToken', status: 400 });
    });

    it('refuses a signed assertion moved under Extensions with an unsigned admin assertion in its place', async () => {
      const good = signed();
      const signedAssertion = /<saml:Assertion\b[\s\S]*<\/saml:Assertion>/.exec(good)![0];
      const evil = /<saml:Assertion\b[\s\S]*<\/saml:Assertion>/.exec(
        samlResponseXml(idp, adminAssertion()),
      )![0];
      const xml = good
        .replace(signedAssertion, evil)
        .replace('<samlp:Status>', `<samlp:Extensions>${signedAssertion}</samlp:Extensions><samlp:Status>`);
      const e = await awsError(() => assume(xml, target));
      expect(e).toMatchObject({ code: 'InvalidIdentityToken', status: 400 });
    });

    it('refuses an unsigned admin assertion carrying the signed assertion’s ID', async () => {
      const good = signed();
      const evil = /<saml:Assertion\b[\s\S]*<\/saml:Assertion>/.exec(
        samlResponseXml(idp, adminAssertion({ assertionId: idOf(good, 'Assertion') })),
      )![0];
      const e = await awsError(() =>
        assume(good.replace('</samlp:Response>', `${evil}</samlp:Response>`), target),
      );
      expect(e).toMatchObject({ code: 'InvalidIdentityToken', status: 400 });
    });

    it('reads a NameID split by a comment as its whole text, so admin<!-- -->@evil is not admin', async () => {
      const xml = signedFor({ subject: 'admin@evil.example' }).replace(
        '>admin@evil.example<',
        '>admin<!-- -->@evil.example<',
      );
      const e = await awsError(() => assume(xml, target));
      expect(e).toMatchObject({ code: 'AccessDenied', status: 403, message: NOT_AUTHORIZED });
    });

    it('refuses an expired assertion with ExpiredTokenException', async () => {
      const xml = signedFor({});
      clock.advance(3600);
      try {
        const e = await awsError(() => assume(xml, target));
        expect(e).toMatchObject({ code: 'ExpiredTokenException', status: 400 });
      } finally {
        clock.advance(-3600);
      }
    });

    it('refuses an assertion for another audience', async () => {
      const e = await awsError(() => assume(signedFor({ audience: 'https://sp.example.com/saml' }), target));
      expect(e).toMatchObject({ code: 'InvalidIdentityToken', status: 400 });
      expect(e.message).toContain('Audience');
    });

    it('refuses an assertion for another recipient', async () => {
      const e = await awsError(() => assume(signedFor({ recipient: 'https://sp.example.com/acs' }), target));
      expect(e).toMatchObject({ code: 'InvalidIdentityToken', status: 400 });
      expect(e.message).toContain('Recipient');
    });

    it('refuses a Role attribute that pairs the role with a provider other than the signer', async () => {
      const xml = signedFor({ roles: [{ roleArn: target, providerArn: otherArn }] });
      const e = await awsError(() => assume(xml, target));
      expect(e).toMatchObject({ code: 'AccessDenied', status: 403, message: NOT_AUTHORIZED });
      // and naming that other provider as PrincipalArn fails its signature check
      const e2 = await awsError(() => assume(xml, target, otherArn));
      expect(e2).toMatchObject({ code: 'InvalidIdentityToken', message: 'Response signature invalid' });
    });

    it('refuses an assertion whose Role attribute does not name the requested role', async () => {
      const e = await awsError(() => assume(signed({ subject: 'admin' }), target));
      expect(e).toMatchObject({ code: 'AccessDenied', status: 403, message: NOT_AUTHORIZED });
    });
  });
});
