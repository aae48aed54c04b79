// The userIdentity element for each kind of caller CloudTrail names, read back through the store: a
// federated user (GetFederationToken) and its issuing IAM user, an IAM user's GetSessionToken session,
// the callers of the unsigned federation calls (WebIdentityUser, SAMLUser) and the role sessions they
// get (webIdFederationData naming the provider), as CloudTrail's userIdentity reference shows them.
import {
  CreateAccessKeyCommand,
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  CreateUserCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  AssumeRoleWithSAMLCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OidcKeySource, useKeySource } from '../../src/federation/oidc/key-source.ts';
import { startTestIssuer, type TestIssuer } from '../../src/federation/oidc/test-issuer.ts';
import { generateDevIdp, idpMetadataXml, signedSamlResponse } from '../../src/federation/saml/dev-idp.ts';
import { BACKENDS, startTestServer, type Credentials, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
type Json = Record<string, unknown>;

describe.each(BACKENDS)('userIdentity of each kind of caller on %s', (backend) => {
  let t: TestServer;
  let issuer: TestIssuer;
  let judy: Credentials;
  let judyId: string;
  let providerArn: string;
  let samlArn: string;
  const sts = (creds?: Credentials) =>
    new STSClient({
      endpoint: t.url,
      region: 'us-east-1',
      maxAttempts: 1,
      ...(creds ? { credentials: creds } : {}),
    });
  const asCreds = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }) => ({
    accessKeyId: c.AccessKeyId!,
    secretAccessKey: c.SecretAccessKey!,
    sessionToken: c.SessionToken!,
  });
  /** The identity of the newest event of `name` signed with `accessKeyId` (or of any, when not given). */
  const identityOf = async (name: string, accessKeyId?: string) => {
    await t.server.services.audit!.flush();
    const rows = await t.server.store.read((r) =>
      r.auditEvents.lookup({ accountId: ACCOUNT, attribute: { key: 'EventName', value: name }, limit: 50 }),
    );
    const records = rows.map(
      (r) => JSON.parse(r.record) as { userIdentity: Json; requestParameters: Json | null },
    );
    const found = records.find(
      (e) => accessKeyId === undefined || e.userIdentity.accessKeyId === accessKeyId,
    );
    expect(found, `${name} by ${accessKeyId ?? 'anyone'}`).toBeDefined();
    return found!;
  };

  beforeAll(async () => {
    issuer = await startTestIssuer();
    t = await startTestServer(backend, { dev: true });
    useKeySource(t.server.services, new OidcKeySource({ dev: true, cooldownMs: 0 }));
    const iam = t.iam();
    judyId = (await iam.send(new CreateUserCommand({ UserName: 'judy' }))).User!.UserId!;
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'judy',
        PolicyName: 'sts',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:*', Resource: '*' }]),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'judy' }))).AccessKey!;
    judy = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    providerArn = (
      await iam.send(
        new CreateOpenIDConnectProviderCommand({ Url: issuer.url, ClientIDList: ['sts.amazonaws.com'] }),
      )
    ).OpenIDConnectProviderArn!;
    const idp = generateDevIdp('https://idp.identities.example/saml');
    samlArn = (
      await iam.send(
        new CreateSAMLProviderCommand({ Name: 'Corp', SAMLMetadataDocument: idpMetadataXml(idp) }),
      )
    ).SAMLProviderArn!;
    for (const [RoleName, principal, action] of [
      ['ci', { Federated: providerArn }, 'sts:AssumeRoleWithWebIdentity'],
      ['saml', { Federated: samlArn }, 'sts:AssumeRoleWithSAML'],
    ] as const)
      await iam.send(
        new CreateRoleCommand({
          RoleName,
          AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: principal, Action: action }]),
        }),
      );
    // the calls whose events the tests read
    const fed = await sts(judy).send(new GetFederationTokenCommand({ Name: 'judy-fed' }));
    await sts(asCreds(fed.Credentials!)).send(new GetCallerIdentityCommand({}));
    const session = await sts(judy).send(new GetSessionTokenCommand({}));
    await sts(asCreds(session.Credentials!)).send(new GetCallerIdentityCommand({}));
    const web = await sts().send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/ci`,
        RoleSessionName: 'pipeline',
        WebIdentityToken: await issuer.mint({ sub: 'repo:org/app', aud: 'sts.amazonaws.com' }),
      }),
    );
    await sts(asCreds(web.Credentials!)).send(new GetCallerIdentityCommand({}));
    await sts().send(
      new AssumeRoleWithSAMLCommand({
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/saml`,
        PrincipalArn: samlArn,
        SAMLAssertion: signedSamlResponse(idp, {
          roles: [{ roleArn: `arn:aws:iam::${ACCOUNT}:role/saml`, providerArn: samlArn }],
          subject: 'judy@corp.example',
          roleSessionName: 'judy',
        }),
      }),
    );
    federated = asCreds(fed.Credentials!);
    userSession = asCreds(session.Credentials!);
    webSession = asCreds(web.Credentials!);
  });
  let federated: Credentials;
  let userSession: Credentials;
  let webSession: Credentials;
  afterAll(async () => {
    await t.destroy();
    await issuer.close();
  });

  it('names a federated user with the IAM user who asked for its token as the session issuer', async () => {
    const { userIdentity } = await identityOf('GetCallerIdentity', federated.accessKeyId);
    expect(userIdentity).toEqual({
      type: 'FederatedUser',
      principalId: `${ACCOUNT}:judy-fed`,
      arn: `arn:aws:sts::${ACCOUNT}:federated-user/judy-fed`,
      accountId: ACCOUNT,
      accessKeyId: federated.accessKeyId,
      sessionContext: {
        sessionIssuer: {
          type: 'IAMUser',
          principalId: judyId,
          arn: `arn:aws:iam::${ACCOUNT}:user/judy`,
          accountId: ACCOUNT,
          userName: 'judy',
        },
        attributes: { creationDate: expect.stringMatching(/Z$/) as string, mfaAuthenticated: 'false' },
      },
    });
  });

  it("names a GetSessionToken session as the IAM user, with the session's attributes", async () => {
    const { userIdentity } = await identityOf('GetCallerIdentity', userSession.accessKeyId);
    expect(userIdentity).toEqual({
      type: 'IAMUser',
      principalId: judyId,
      arn: `arn:aws:iam::${ACCOUNT}:user/judy`,
      accountId: ACCOUNT,
      accessKeyId: userSession.accessKeyId,
      userName: 'judy',
      sessionContext: {
        attributes: { creationDate: expect.stringMatching(/Z$/) as string, mfaAuthenticated: 'false' },
      },
    });
  });

  it('names the caller of AssumeRoleWithWebIdentity by its provider and subject, and its session by the provider', async () => {
    const host = issuer.url.replace(/^https?:\/\//, '');
    const call = await identityOf('AssumeRoleWithWebIdentity');
    expect(call.userIdentity).toEqual({
      type: 'WebIdentityUser',
      principalId: `${host}:repo:org/app`,
      userName: 'repo:org/app',
      identityProvider: host,
    });
    expect(JSON.stringify(call.requestParameters)).not.toContain('webIdentityToken');
    const { userIdentity } = await identityOf('GetCallerIdentity', webSession.accessKeyId);
    expect(userIdentity).toMatchObject({
      type: 'AssumedRole',
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ci/pipeline`,
      sessionContext: { webIdFederationData: { federatedProvider: providerArn, attributes: {} } },
    });
  });

  it("names the caller of AssumeRoleWithSAML by the assertion's name qualifier and subject", async () => {
    const call = await identityOf('AssumeRoleWithSAML');
    expect(call.userIdentity).toMatchObject({
      type: 'SAMLUser',
      userName: 'judy@corp.example',
      principalId: expect.stringMatching(/^[A-Za-z0-9+/=]+:judy@corp\.example$/) as string,
    });
    expect(call.requestParameters).toMatchObject({
      sAMLAssertionID: expect.any(String) as string,
      principalArn: samlArn,
    });
    expect(call.requestParameters).not.toHaveProperty('sAMLAssertion');
  });
});
