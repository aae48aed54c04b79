// IAM Access Analyzer's ValidatePolicy on Tessera's REST-JSON endpoint, with the real
// @aws-sdk/client-accessanalyzer and both AWS CLIs: the policy engine's findings with AWS's
// findingType, issueCode, learnMoreLink and locations (a JSON path and a span into the text sent,
// columns from 0); each policy type; paging; AWS's errors; authorization and the audit trail.
import {
  AccessAnalyzerClient,
  ValidatePolicyCommand,
  type ValidatePolicyCommandInput,
} from '@aws-sdk/client-accessanalyzer';
import { CreateAccessKeyCommand, CreateUserCommand } from '@aws-sdk/client-iam';
import { LookupEventsCommand, CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, CLI_VERSIONS, describeEachCli, type CliVersion } from '../support/aws-cli.ts';
import {
  awsError,
  BACKENDS,
  startTestServer,
  type Backend,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';

const POLICY = `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetObjekt", "iam:PassRole"], "Resource": "*"}
  ]
}`;

const analyzer = (t: TestServer, credentials: Credentials = t.root) =>
  new AccessAnalyzerClient({ endpoint: t.url, region: 'us-east-1', credentials, maxAttempts: 1 });

describe.each(BACKENDS)('ValidatePolicy on %s', (backend) => {
  let t: TestServer;
  const validate = (input: ValidatePolicyCommandInput) => analyzer(t).send(new ValidatePolicyCommand(input));
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t.destroy());

  it('reports an invalid action as an ERROR whose span covers the action in the text sent', async () => {
    const { findings } = await validate({ policyDocument: POLICY, policyType: 'IDENTITY_POLICY' });
    const invalid = findings!.find((f) => f.issueCode === 'INVALID_ACTION')!;
    expect(invalid).toMatchObject({
      findingType: 'ERROR',
      findingDetails: 'The action s3:GetObjekt does not exist. Did you mean s3:GetObject?',
      learnMoreLink:
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-error-invalid-action',
      locations: [{ path: [{ key: 'Statement' }, { index: 0 }, { key: 'Action' }, { index: 0 }] }],
    });
    const { start, end } = invalid.locations![0]!.span!;
    expect(POLICY.slice(start!.offset, end!.offset)).toBe('"s3:GetObjekt"');
    // lines from 1, columns from 0, as AWS's Position documents
    expect(start).toEqual({ line: 4, column: 35, offset: 81 });
    expect(end).toEqual({ line: 4, column: 49, offset: 95 });
  });

  it('reports iam:PassRole on every resource as a SECURITY_WARNING on the Resource', async () => {
    const { findings } = await validate({ policyDocument: POLICY, policyType: 'IDENTITY_POLICY' });
    const passRole = findings!.find((f) => f.issueCode === 'PASS_ROLE_WITH_STAR_IN_RESOURCE')!;
    expect(passRole.findingType).toBe('SECURITY_WARNING');
    expect(passRole.learnMoreLink).toMatch(
      /#access-analyzer-reference-policy-checks-security-warning-pass-role-with-star-in-resource$/,
    );
    const { start, end } = passRole.locations![0]!.span!;
    expect(POLICY.slice(start!.offset, end!.offset)).toBe('"*"');
  });

  it('reports a clean policy with no findings, and a JSON error as JSON_SYNTAX_ERROR', async () => {
    const clean = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }],
    });
    expect((await validate({ policyDocument: clean, policyType: 'IDENTITY_POLICY' })).findings).toEqual([]);
    const broken = (
      await validate({
        policyDocument: '{"Version": "2012-10-17", "Statement": [',
        policyType: 'IDENTITY_POLICY',
      })
    ).findings!;
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatchObject({
      findingType: 'ERROR',
      issueCode: 'JSON_SYNTAX_ERROR',
      findingDetails: 'Fix the JSON syntax error at character 40 in line 1 with index 40.',
    });
  });

  it('checks each policy type by its own grammar', async () => {
    const withPrincipal = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }],
    });
    const codes = async (
      policyType: ValidatePolicyCommandInput['policyType'],
      doc: string,
      resourceType?: string,
    ) =>
      (
        await validate({
          policyDocument: doc,
          policyType,
          ...(resourceType
            ? { validatePolicyResourceType: resourceType as 'AWS::IAM::AssumeRolePolicyDocument' }
            : {}),
        })
      ).findings!.map((f) => f.issueCode);
    // a Principal is refused in an SCP and in an identity policy, required in an RCP and a resource policy
    expect(await codes('SERVICE_CONTROL_POLICY', withPrincipal)).toContain('UNSUPPORTED_PRINCIPAL');
    expect(await codes('RESOURCE_CONTROL_POLICY', withPrincipal)).toEqual([]);
    const noPrincipal = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }],
    });
    expect(await codes('RESOURCE_POLICY', noPrincipal, 'AWS::IAM::AssumeRolePolicyDocument')).toContain(
      'MISSING_PRINCIPAL',
    );
    const trustsEveryone = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
    });
    expect(await codes('RESOURCE_POLICY', trustsEveryone, 'AWS::IAM::AssumeRolePolicyDocument')).toContain(
      'PUBLIC_PRINCIPAL',
    );
  });

  it('pages findings with maxResults and nextToken', async () => {
    const first = await validate({ policyDocument: POLICY, policyType: 'IDENTITY_POLICY', maxResults: 1 });
    expect(first.findings).toHaveLength(1);
    expect(first.nextToken).toBeTruthy();
    const second = await validate({
      policyDocument: POLICY,
      policyType: 'IDENTITY_POLICY',
      maxResults: 1,
      nextToken: first.nextToken!,
    });
    expect(second.findings).toHaveLength(1);
    expect(second.nextToken).toBeUndefined();
    expect(second.findings![0]!.issueCode).not.toBe(first.findings![0]!.issueCode);
  });

  it("answers AWS's ValidationException for an unknown policy type, and nothing else is touched", async () => {
    const err = await awsError(() =>
      validate({ policyDocument: POLICY, policyType: 'GROUP_POLICY' as 'IDENTITY_POLICY' }),
    );
    expect(err).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(err.message).toContain('policyType');
  });

  it('is authorized as access-analyzer:ValidatePolicy and recorded in the audit trail', async () => {
    await t.iam().send(new CreateUserCommand({ UserName: 'nobody' }));
    const key = (await t.iam().send(new CreateAccessKeyCommand({ UserName: 'nobody' }))).AccessKey!;
    const nobody = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    const err = await awsError(() =>
      analyzer(t, nobody).send(
        new ValidatePolicyCommand({ policyDocument: POLICY, policyType: 'IDENTITY_POLICY' }),
      ),
    );
    expect(err).toMatchObject({ name: 'AccessDeniedException', status: 403 });
    expect(err.message).toBe(
      'User: arn:aws:iam::123456789012:user/nobody is not authorized to perform: access-analyzer:ValidatePolicy ' +
        'on resource: * because no identity-based policy allows the access-analyzer:ValidatePolicy action',
    );
    await t.server.services.audit!.flush();
    const events = (
      await new CloudTrailClient({
        endpoint: t.url,
        region: 'us-east-1',
        credentials: t.root,
        maxAttempts: 1,
      }).send(
        new LookupEventsCommand({
          LookupAttributes: [
            { AttributeKey: 'EventSource', AttributeValue: 'access-analyzer.amazonaws.com' },
          ],
        }),
      )
    ).Events!;
    expect(events.map((e) => e.EventName)).toContain('ValidatePolicy');
    expect(
      events.some(
        (e) =>
          JSON.parse(e.CloudTrailEvent!).errorCode === 'AccessDenied' ||
          JSON.parse(e.CloudTrailEvent!).errorCode === 'AccessDeniedException',
      ),
    ).toBe(true);
  });
});

const CASES: [CliVersion, Backend][] = CLI_VERSIONS.flatMap((v) =>
  BACKENDS.map((b): [CliVersion, Backend] => [v, b]),
);

describeEachCli(CASES)(
  'aws %s accessanalyzer validate-policy on %s',
  { timeout: 120_000 },
  (version, backend) => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer(backend);
    });
    afterAll(() => t.destroy());

    it('prints the findings as the CLI parses them, and exits non-zero for a bad policy type', async () => {
      const cli = await awsCli(version, t.url, t.root);
      const out = await cli.json<{ findings: { issueCode: string; findingType: string }[] }>([
        'accessanalyzer',
        'validate-policy',
        '--policy-type',
        'IDENTITY_POLICY',
        '--policy-document',
        POLICY,
      ]);
      expect(out.findings.map((f) => f.issueCode).sort()).toEqual([
        'INVALID_ACTION',
        'PASS_ROLE_WITH_STAR_IN_RESOURCE',
      ]);
      const bad = await cli.run([
        'accessanalyzer',
        'validate-policy',
        '--policy-type',
        'NOPE',
        '--policy-document',
        POLICY,
      ]);
      expect(bad.status).not.toBe(0);
    });
  },
);
