// Organizations' policy commands with both AWS CLIs: enable-policy-type, create-policy, attach-policy
// and list-policies-for-target, and a refusal as the CLI prints it.
import { CreateOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { awsCli, CLI_VERSIONS, describeEachCli, type CliVersion } from '../support/aws-cli.ts';
import { BACKENDS, startTestServer, type Backend, type TestServer } from '../support/test-server.ts';

const CASES: [CliVersion, Backend][] = CLI_VERSIONS.flatMap((v) =>
  BACKENDS.map((b): [CliVersion, Backend] => [v, b]),
);

const DENY_S3 = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }],
});

interface PolicySummary {
  Id: string;
  Name: string;
  Type: string;
  AwsManaged: boolean;
}

describeEachCli(CASES)('aws %s organizations policies on %s', { timeout: 120_000 }, (version, backend) => {
  let t: TestServer;
  let rootId: string;

  beforeAll(async () => {
    t = await startTestServer(backend);
    const client = new OrganizationsClient({
      endpoint: t.url,
      region: 'us-east-1',
      credentials: t.root,
      maxAttempts: 1,
    });
    await client.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    rootId = (await t.server.store.read((r) => r.organizations.managedBy('123456789012')))!.root_id;
  });
  afterAll(() => t.destroy());

  it('enables SCPs, creates one, attaches it to the root and lists the root’s SCPs', async () => {
    const cli = await awsCli(version, t.url, t.root);
    const enabled = await cli.json<{ Root: { Id: string; PolicyTypes: { Type: string; Status: string }[] } }>(
      ['organizations', 'enable-policy-type', '--root-id', rootId, '--policy-type', 'SERVICE_CONTROL_POLICY'],
    );
    expect(enabled.Root).toMatchObject({
      Id: rootId,
      PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
    });

    const created = await cli.json<{ Policy: { PolicySummary: PolicySummary; Content: string } }>([
      'organizations',
      'create-policy',
      '--name',
      'deny-s3',
      '--description',
      'No S3 anywhere',
      '--type',
      'SERVICE_CONTROL_POLICY',
      '--content',
      DENY_S3,
    ]);
    const id = created.Policy.PolicySummary.Id;
    expect(created.Policy).toMatchObject({
      PolicySummary: { Name: 'deny-s3', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: false },
      Content: DENY_S3,
    });

    const attached = await cli.run([
      'organizations',
      'attach-policy',
      '--policy-id',
      id,
      '--target-id',
      rootId,
    ]);
    expect(attached.status).toBe(0);

    const listed = await cli.json<{ Policies: PolicySummary[] }>([
      'organizations',
      'list-policies-for-target',
      '--target-id',
      rootId,
      '--filter',
      'SERVICE_CONTROL_POLICY',
    ]);
    expect(listed.Policies.map((p) => [p.Id, p.Name, p.AwsManaged])).toEqual([
      ['p-FullAWSAccess', 'FullAWSAccess', true],
      [id, 'deny-s3', false],
    ]);
  });

  it('prints AWS’s exception when a second attachment is refused', async () => {
    const cli = await awsCli(version, t.url, t.root);
    const again = await cli.run([
      'organizations',
      'attach-policy',
      '--policy-id',
      'p-FullAWSAccess',
      '--target-id',
      rootId,
    ]);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('DuplicatePolicyAttachmentException');
    expect(again.stderr).toContain('The selected policy is already attached to the specified target.');
  });
});
