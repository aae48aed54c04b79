// Outbound web identity federation with the real AWS CLI v1 on each backend (Debian's CLI v2, 2.9,
// predates these operations): enable-outbound-web-identity-federation, get-web-identity-token, the
// token verified through the issuer's discovery document, then disable and AWS's error lines. (The
// audience is no URL: CLI v1 would fetch a parameter that starts with https://.)
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { awsCli, describeEachCli, type CliVersion } from '../support/aws-cli.ts';
import { BACKENDS, startTestServer, type Backend, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const CASES: [CliVersion, Backend][] = BACKENDS.map((b): [CliVersion, Backend] => ['v1', b]);

describeEachCli(CASES)(
  'aws %s outbound web identity federation on %s',
  { timeout: 120_000 },
  (version, backend) => {
    let t: TestServer;
    let worker: { accessKeyId: string; secretAccessKey: string };
    beforeAll(async () => {
      t = await startTestServer(backend);
      await t.iam().send(new CreateUserCommand({ UserName: 'worker' }));
      await t.iam().send(
        new PutUserPolicyCommand({
          UserName: 'worker',
          PolicyName: 'tokens',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['sts:GetWebIdentityToken', 'sts:TagGetWebIdentityToken'],
                Resource: '*',
              },
            ],
          }),
        }),
      );
      const key = await t.iam().send(new CreateAccessKeyCommand({ UserName: 'worker' }));
      worker = { accessKeyId: key.AccessKey!.AccessKeyId!, secretAccessKey: key.AccessKey!.SecretAccessKey! };
    });
    afterAll(() => t.destroy());

    it('enables, issues a token that verifies through discovery, and disables', async () => {
      const admin = await awsCli(version, t.url, t.root);
      const cli = await awsCli(version, t.url, worker);
      const tokenArgs = [
        'sts',
        'get-web-identity-token',
        '--audience',
        'api.example.com',
        '--signing-algorithm',
        'ES384',
        '--duration-seconds',
        '120',
        '--tags',
        'Key=job,Value=nightly',
      ];
      const refused = await cli.run(tokenArgs);
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain('(OutboundWebIdentityFederationDisabledException)');

      const enabled = await admin.json<{ IssuerIdentifier: string }>([
        'iam',
        'enable-outbound-web-identity-federation',
      ]);
      const issuer = enabled.IssuerIdentifier;
      expect(issuer.startsWith(`${t.url}/outbound-oidc/`)).toBe(true);
      const info = await admin.json(['iam', 'get-outbound-web-identity-federation-info']);
      expect(info).toEqual({ IssuerIdentifier: issuer, JwtVendingEnabled: true });
      const again = await admin.run(['iam', 'enable-outbound-web-identity-federation']);
      expect(again.stderr).toContain('(FeatureEnabled)');

      const out = await cli.json<{ WebIdentityToken: string; Expiration: string }>(tokenArgs);
      const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
        issuer: string;
        jwks_uri: string;
      };
      const { payload, protectedHeader } = await jwtVerify(
        out.WebIdentityToken,
        createRemoteJWKSet(new URL(discovery.jwks_uri)),
        { issuer: discovery.issuer, audience: 'api.example.com' },
      );
      expect(protectedHeader.alg).toBe('ES384');
      expect(payload.sub).toBe(`arn:aws:iam::${ACCOUNT}:user/worker`);
      expect(payload.exp! - payload.iat!).toBe(120);
      expect(payload['https://sts.amazonaws.com/']).toMatchObject({
        aws_account: ACCOUNT,
        request_tags: { job: 'nightly' },
      });
      expect(Date.parse(out.Expiration)).toBe(payload.exp! * 1000);

      const tooShort = await cli.run([...tokenArgs.slice(0, 6), '--duration-seconds', '30']);
      expect(tooShort.status).not.toBe(0);

      await admin.run(['iam', 'disable-outbound-web-identity-federation']);
      const disabled = await admin.run(['iam', 'disable-outbound-web-identity-federation']);
      expect(disabled.stderr).toContain('(FeatureDisabled)');
      expect((await cli.run(tokenArgs)).stderr).toContain('(OutboundWebIdentityFederationDisabledException)');
    });
  },
);
