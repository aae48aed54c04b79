// Access Analyzer's custom policy checks through @aws-sdk/client-accessanalyzer: decided by the policy
// engine, so a wildcard, a NotAction, a Deny or a condition count as they would in a real decision,
// not as text.
import {
  AccessAnalyzerClient,
  CheckAccessNotGrantedCommand,
  CheckNoNewAccessCommand,
  CheckNoPublicAccessCommand,
} from '@aws-sdk/client-accessanalyzer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, CLI_VERSIONS, describeEachCli, type CliVersion } from '../support/aws-cli.ts';
import {
  awsError,
  BACKENDS,
  startTestServer,
  type Backend,
  type TestServer,
} from '../support/test-server.ts';

const doc = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });

describe.each(BACKENDS)('Access Analyzer policy checks on %s', (backend) => {
  let t: TestServer;
  let aa: AccessAnalyzerClient;
  beforeAll(async () => {
    t = await startTestServer(backend);
    aa = new AccessAnalyzerClient({
      endpoint: t.url,
      region: 'us-east-1',
      credentials: t.root,
      maxAttempts: 1,
    });
  });
  afterAll(() => t.destroy());

  describe('CheckAccessNotGranted', () => {
    const notGranted = (policy: string, actions: string[], resources?: string[]) =>
      aa.send(
        new CheckAccessNotGrantedCommand({
          policyDocument: policy,
          access: [{ actions, ...(resources ? { resources } : {}) }],
          policyType: 'IDENTITY_POLICY',
        }),
      );

    it('fails when a wildcard grants a listed action, naming the statement', async () => {
      const r = await notGranted(doc({ Sid: 'Reads', Effect: 'Allow', Action: 's3:Get*', Resource: '*' }), [
        's3:GetObject',
      ]);
      expect(r.result).toBe('FAIL');
      expect(r.reasons).toEqual([expect.objectContaining({ statementIndex: 0, statementId: 'Reads' })]);
    });

    it('passes when a Deny in the same policy takes the action away, or NotAction leaves it out', async () => {
      const denied = doc(
        { Effect: 'Allow', Action: 's3:*', Resource: '*' },
        { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' },
      );
      expect((await notGranted(denied, ['s3:DeleteBucket'])).result).toBe('PASS');
      expect((await notGranted(denied, ['s3:DeleteObject'])).result).toBe('FAIL');
      const notAction = doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' });
      expect((await notGranted(notAction, ['iam:CreateUser'])).result).toBe('PASS');
      expect((await notGranted(notAction, ['s3:PutObject'])).result).toBe('FAIL');
    });

    it('fails only for the resources the policy reaches', async () => {
      const reports = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' });
      expect((await notGranted(reports, ['s3:GetObject'], ['arn:aws:s3:::payroll/2026.csv'])).result).toBe(
        'PASS',
      );
      expect((await notGranted(reports, ['s3:GetObject'], ['arn:aws:s3:::reports/q1.csv'])).result).toBe(
        'FAIL',
      );
    });

    it('answers InvalidParameterException for a policy that is not JSON', async () => {
      expect(await awsError(() => notGranted('{"Statement": [', ['s3:GetObject']))).toMatchObject({
        name: 'InvalidParameterException',
        status: 400,
      });
    });
  });

  describe('CheckNoNewAccess', () => {
    const noNew = (next: string, existing: string) =>
      aa.send(
        new CheckNoNewAccessCommand({
          newPolicyDocument: next,
          existingPolicyDocument: existing,
          policyType: 'IDENTITY_POLICY',
        }),
      );
    const reads = doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' });

    it('passes for a narrower or reworded policy, fails for a wider one', async () => {
      // the same access written as a wildcard over the two actions is no new access
      expect(
        (await noNew(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }), reads)).result,
      ).toBe('PASS');
      const wider = await noNew(doc({ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }), reads);
      expect(wider.result).toBe('FAIL');
      expect(wider.reasons![0]).toMatchObject({ statementIndex: 0 });
    });

    it('a condition the existing policy has and the new one drops is new access; one it adds is not', async () => {
      const fromOffice = doc({
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      });
      const anywhere = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
      expect((await noNew(anywhere, fromOffice)).result).toBe('FAIL');
      expect((await noNew(fromOffice, anywhere)).result).toBe('PASS');
    });
  });

  describe('CheckNoPublicAccess for a role trust policy', () => {
    const publicCheck = (policy: string) =>
      aa.send(
        new CheckNoPublicAccessCommand({
          policyDocument: policy,
          resourceType: 'AWS::IAM::AssumeRolePolicyDocument',
        }),
      );

    it('fails for Principal "*", passes once aws:PrincipalOrgID or a named account restricts it', async () => {
      const everyone = doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' });
      const r = await publicCheck(everyone);
      expect(r).toMatchObject({ result: 'FAIL', reasons: [expect.objectContaining({ statementIndex: 0 })] });
      const orgOnly = doc({
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } },
      });
      expect((await publicCheck(orgOnly)).result).toBe('PASS');
      const named = doc({
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::210987654321:root' },
        Action: 'sts:AssumeRole',
      });
      expect((await publicCheck(named)).result).toBe('PASS');
      // an external id is a value any caller can send: still public
      const externalId = doc({
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'sts:ExternalId': 'guessable' } },
      });
      expect((await publicCheck(externalId)).result).toBe('FAIL');
    });
  });
});

// the custom policy checks came after the AWS CLI v2 that Debian installs (2.9.19): v1 has them
const CASES: [CliVersion, Backend][] = CLI_VERSIONS.filter((v) => v === 'v1').flatMap((v) =>
  BACKENDS.map((b): [CliVersion, Backend] => [v, b]),
);

describeEachCli(CASES)('aws %s accessanalyzer checks on %s', { timeout: 120_000 }, (version, backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t.destroy());

  it('check-no-public-access and check-access-not-granted print the result', async () => {
    const cli = await awsCli(version, t.url, t.root);
    const pub = await cli.json<{ result: string }>([
      'accessanalyzer',
      'check-no-public-access',
      '--resource-type',
      'AWS::IAM::AssumeRolePolicyDocument',
      '--policy-document',
      doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }),
    ]);
    expect(pub.result).toBe('FAIL');
    const granted = await cli.json<{ result: string }>([
      'accessanalyzer',
      'check-access-not-granted',
      '--policy-type',
      'IDENTITY_POLICY',
      '--access',
      'actions=s3:DeleteBucket',
      '--policy-document',
      doc({ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }),
    ]);
    expect(granted.result).toBe('PASS');
  });
});
