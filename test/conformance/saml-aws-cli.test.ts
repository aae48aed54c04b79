// SAML federation with the real AWS CLI (v1 and v2) and `tessera saml idp`: the dev IdP prints its
// metadata and a signed assertion, the CLI creates the provider and the role, then
// assume-role-with-saml (unsigned) gets a session; an assertion altered after signing does not.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { awsCli, CLI_VERSIONS, describeEachCli, type AwsCli } from '../support/aws-cli.ts';
import { BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const run = promisify(execFile);
const TESSERA = path.resolve(import.meta.dirname, '../../bin/tessera.js');
const ACCOUNT = '123456789012';

describeEachCli(CLI_VERSIONS.flatMap((v) => BACKENDS.map((b) => [v, b] as const)))(
  'SAML with AWS CLI %s on %s',
  { timeout: 120_000 },
  (version, backend) => {
    let t: TestServer;
    let aws: AwsCli;
    let dir: string;
    const idp = async (...args: string[]) =>
      (await run('node', [TESSERA, 'saml', 'idp', '--dir', path.join(dir, 'idp'), ...args])).stdout.trim();

    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'tessera-saml-cli-'));
      t = await startTestServer(backend);
      aws = await awsCli(version, t.url, t.root);
    });
    afterAll(async () => {
      rmSync(dir, { recursive: true, force: true });
      await t?.destroy();
    });

    it('assumes a role with an assertion from `tessera saml idp`, and refuses it once altered', async () => {
      const metadataFile = path.join(dir, 'metadata.xml');
      writeFileSync(metadataFile, await idp('metadata'));
      const created = await aws.json<{ SAMLProviderArn: string }>([
        'iam',
        'create-saml-provider',
        '--name',
        'DevIdp',
        '--saml-metadata-document',
        `file://${metadataFile}`,
      ]);
      const providerArn = `arn:aws:iam::${ACCOUNT}:saml-provider/DevIdp`;
      expect(created.SAMLProviderArn).toBe(providerArn);
      const trustFile = path.join(dir, 'trust.json');
      writeFileSync(
        trustFile,
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: providerArn },
              Action: 'sts:AssumeRoleWithSAML',
              Condition: { StringEquals: { 'saml:aud': 'https://signin.aws.amazon.com/saml' } },
            },
          ],
        }),
      );
      await aws.json([
        'iam',
        'create-role',
        '--role-name',
        'Sso',
        '--assume-role-policy-document',
        `file://${trustFile}`,
      ]);
      const roleArn = `arn:aws:iam::${ACCOUNT}:role/Sso`;

      const assertion = await idp(
        'assertion',
        '--role',
        `${roleArn},${providerArn}`,
        '--subject',
        'carol@corp.example',
        '--session-name',
        'carol',
      );
      const out = await aws.json<{
        Credentials: { AccessKeyId: string };
        AssumedRoleUser: { Arn: string };
        Subject: string;
        SubjectType: string;
        Issuer: string;
        Audience: string;
        NameQualifier: string;
      }>([
        'sts',
        'assume-role-with-saml',
        '--role-arn',
        roleArn,
        '--principal-arn',
        providerArn,
        '--saml-assertion',
        assertion,
      ]);
      expect(out.AssumedRoleUser.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Sso/carol`);
      expect(out.Credentials.AccessKeyId).toMatch(/^ASIA/);
      expect(out.Subject).toBe('carol@corp.example');
      expect(out.SubjectType).toBe('persistent');
      expect(out.Audience).toBe('https://signin.aws.amazon.com/saml');

      const altered = Buffer.from(
        Buffer.from(assertion, 'base64')
          .toString('utf8')
          .replace('carol@corp.example<', 'admin@corp.example<'),
      ).toString('base64');
      const refused = await aws.run([
        'sts',
        'assume-role-with-saml',
        '--role-arn',
        roleArn,
        '--principal-arn',
        providerArn,
        '--saml-assertion',
        altered,
      ]);
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain(
        'An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithSAML operation: Response signature invalid',
      );
    });
  },
);
