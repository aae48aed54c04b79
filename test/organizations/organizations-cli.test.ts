// `aws organizations` with the AWS CLI v1 and v2: an organization made, an OU under its root seen
// through list-children, an account made by create-account and found through
// describe-create-account-status and list-accounts, and a refusal's exit code and message.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { awsCli, CLI_VERSIONS, describeEachCli, type AwsCli, type CliVersion } from '../support/aws-cli.ts';
import { BACKENDS, startTestServer, type Backend, type TestServer } from '../support/test-server.ts';

const MANAGEMENT = '123456789012';
const CASES: [CliVersion, Backend][] = CLI_VERSIONS.flatMap((v) =>
  BACKENDS.map((b): [CliVersion, Backend] => [v, b]),
);

describeEachCli(CASES)('aws %s organizations on %s', { timeout: 120_000 }, (version, backend) => {
  let t: TestServer;
  let cli: AwsCli;
  let orgId: string;
  let rootId: string;
  // the CLI prints only the members its own model knows: AWS CLI 2.9's predates Path and Paths
  const knowsPaths = version === 'v1';

  beforeAll(async () => {
    t = await startTestServer(backend);
    cli = await awsCli(version, t.url, t.root);
  });
  afterAll(() => t.destroy());

  it('creates an organization', async () => {
    const out = await cli.json<{ Organization: { Id: string; MasterAccountId: string; FeatureSet: string } }>(
      ['organizations', 'create-organization', '--feature-set', 'ALL'],
    );
    expect(out.Organization).toMatchObject({ MasterAccountId: MANAGEMENT, FeatureSet: 'ALL' });
    orgId = out.Organization.Id;
    const roots = await cli.json<{ Roots: { Id: string }[] }>(['organizations', 'list-roots']);
    rootId = roots.Roots[0]!.Id;
  });

  it('creates an OU and lists it among the root children', async () => {
    const made = await cli.json<{
      OrganizationalUnit: { Id: string; Arn: string; Name: string; Path: string };
    }>(['organizations', 'create-organizational-unit', '--parent-id', rootId, '--name', 'Engineering']);
    const ouId = made.OrganizationalUnit.Id;
    expect(made.OrganizationalUnit).toEqual({
      Id: ouId,
      Arn: `arn:aws:organizations::${MANAGEMENT}:ou/${orgId}/${ouId}`,
      Name: 'Engineering',
      ...(knowsPaths ? { Path: `${orgId}/${rootId}/${ouId}/` } : {}),
    });
    const children = await cli.json([
      'organizations',
      'list-children',
      '--parent-id',
      rootId,
      '--child-type',
      'ORGANIZATIONAL_UNIT',
    ]);
    expect(children).toEqual({ Children: [{ Id: ouId, Type: 'ORGANIZATIONAL_UNIT' }] });
  });

  it('creates an account, whose request status then names it, and lists it', async () => {
    const created = await cli.json<{
      CreateAccountStatus: { Id: string; State: string; AccountName: string };
    }>(['organizations', 'create-account', '--email', 'dev@example.com', '--account-name', 'Development']);
    expect(created.CreateAccountStatus).toMatchObject({ State: 'IN_PROGRESS', AccountName: 'Development' });
    expect(created.CreateAccountStatus.Id).toMatch(/^car-[a-z0-9]{32}$/);

    const status = await cli.json<{ CreateAccountStatus: { State: string; AccountId: string } }>([
      'organizations',
      'describe-create-account-status',
      '--create-account-request-id',
      created.CreateAccountStatus.Id,
    ]);
    expect(status.CreateAccountStatus).toMatchObject({
      Id: created.CreateAccountStatus.Id,
      State: 'SUCCEEDED',
    });
    const accountId = status.CreateAccountStatus.AccountId;
    expect(accountId).toMatch(/^\d{12}$/);

    const listed = await cli.json<{
      Accounts: { Id: string; Name: string; Email: string; JoinedMethod: string }[];
    }>(['organizations', 'list-accounts']);
    expect(listed.Accounts.map((a) => a.Id).sort()).toEqual([MANAGEMENT, accountId].sort());
    expect(listed.Accounts.find((a) => a.Id === accountId)).toMatchObject({
      Name: 'Development',
      Email: 'dev@example.com',
      Status: 'ACTIVE',
      JoinedMethod: 'CREATED',
      ...(knowsPaths ? { Paths: [`${orgId}/${rootId}/${accountId}/`] } : {}),
    });
  });

  it('exits non-zero with AWS message for an OU under a parent that does not exist', async () => {
    const r = await cli.run([
      'organizations',
      'create-organizational-unit',
      '--parent-id',
      `ou-${rootId.slice(2)}-zzzzzzzz`,
      '--name',
      'Orphan',
    ]);
    // AWS CLI v1 exits 255 on a service error, v2 exits 254
    expect(r.status).toBe(version === 'v1' ? 255 : 254);
    expect(r.stderr).toContain(
      'An error occurred (ParentNotFoundException) when calling the CreateOrganizationalUnit operation: ' +
        "We can't find a root or OU with the ParentId that you specified.",
    );
  });
});
