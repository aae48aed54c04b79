// The README's CI-pipeline flow with the real AWS CLI (v1 and v2): create the OIDC provider and the
// role, then assume-role-with-web-identity (unsigned) with a token of the local test issuer.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestIssuer, type TestIssuer } from '../../src/federation/oidc/test-issuer.ts';
import { awsCli, CLI_VERSIONS, describeEachCli, type AwsCli } from '../support/aws-cli.ts';
import { BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const MAIN = 'repo:ORG/REPO:ref:refs/heads/main';

describeEachCli(CLI_VERSIONS.flatMap((v) => BACKENDS.map((b) => [v, b] as const)))(
  'OIDC with AWS CLI %s on %s',
  { timeout: 120_000 },
  (version, backend) => {
    let t: TestServer;
    let issuer: TestIssuer;
    let aws: AwsCli;
    let dir: string;
    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'tessera-oidc-cli-'));
      issuer = await startTestIssuer({ path: '/ci' });
      t = await startTestServer(backend, { dev: true });
      aws = await awsCli(version, t.url, t.root);
    });
    afterAll(async () => {
      rmSync(dir, { recursive: true, force: true });
      await t?.destroy();
      await issuer?.close();
    });

    it('trusts a pipeline token for main and refuses one for another branch', async () => {
      const host = issuer.url.replace(/^http:\/\//, '');
      const created = await aws.json<{ OpenIDConnectProviderArn: string }>([
        'iam',
        'create-open-id-connect-provider',
        '--url',
        issuer.url,
        '--client-id-list',
        'sts.amazonaws.com',
        // AWS CLI v2 before 2.13 still requires a thumbprint list
        '--thumbprint-list',
        '6938fd4d98bab03faadb97b34396831e3780aea1',
      ]);
      expect(created.OpenIDConnectProviderArn).toBe(`arn:aws:iam::123456789012:oidc-provider/${host}`);
      const trust = path.join(dir, 'trust.json');
      writeFileSync(
        trust,
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: created.OpenIDConnectProviderArn },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: { StringEquals: { [`${host}:aud`]: 'sts.amazonaws.com', [`${host}:sub`]: MAIN } },
            },
          ],
        }),
      );
      await aws.json([
        'iam',
        'create-role',
        '--role-name',
        'ci-deploy',
        '--assume-role-policy-document',
        `file://${trust}`,
      ]);
      const assume = async (sub: string) =>
        aws.run([
          'sts',
          'assume-role-with-web-identity',
          '--role-arn',
          'arn:aws:iam::123456789012:role/ci-deploy',
          '--role-session-name',
          'gha',
          '--web-identity-token',
          await issuer.mint({ sub, aud: 'sts.amazonaws.com' }),
        ]);
      const ok = await assume(MAIN);
      expect(ok.status).toBe(0);
      expect(ok.json).toMatchObject({
        SubjectFromWebIdentityToken: MAIN,
        Audience: 'sts.amazonaws.com',
        Provider: created.OpenIDConnectProviderArn,
        AssumedRoleUser: { Arn: 'arn:aws:sts::123456789012:assumed-role/ci-deploy/gha' },
      });
      const refused = await assume('repo:ORG/REPO:ref:refs/heads/feature');
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain(
        'An error occurred (AccessDenied) when calling the AssumeRoleWithWebIdentity operation: Not authorized to perform sts:AssumeRoleWithWebIdentity',
      );
    });
  },
);
