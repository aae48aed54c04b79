// The organization tree through @aws-sdk/client-organizations: OUs made under the root and under OUs
// (with ARN, Path and tags, and AWS's full-access policy when SCPs are enabled), described, renamed,
// listed, deleted once empty; ListChildren and ListParents; AWS's limit of five OU levels below the
// root; and each refusal with AWS's exception name, status 400, message and Reason.
import {
  AcceptHandshakeCommand,
  CreateOrganizationCommand,
  CreateOrganizationalUnitCommand,
  DeleteOrganizationalUnitCommand,
  DescribeOrganizationalUnitCommand,
  EnablePolicyTypeCommand,
  InviteAccountToOrganizationCommand,
  ListChildrenCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  MoveAccountCommand,
  OrganizationsClient,
  RegisterDelegatedAdministratorCommand,
  UpdateOrganizationalUnitCommand,
} from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgError } from '../support/org-fixture.ts';
import { ensureAccount } from '../../src/domain/index.ts';
import { BACKENDS, startTestServer, type Credentials, type TestServer } from '../support/test-server.ts';

const MANAGEMENT = '123456789012';
const MEMBER = '210987654321';
const MEMBER_KEY: Credentials = {
  accessKeyId: 'AKIATREEMEMBER000001',
  secretAccessKey: 'treememberSecret'.padEnd(40, '0'),
};

describe.each(BACKENDS)('the organization tree on %s', (backend) => {
  let t: TestServer;
  let org: OrganizationsClient;
  let member: OrganizationsClient;
  let orgId: string;
  let rootId: string;

  const createOu = async (Name: string, ParentId = rootId) =>
    (await org.send(new CreateOrganizationalUnitCommand({ ParentId, Name }))).OrganizationalUnit!;

  beforeAll(async () => {
    t = await startTestServer(backend);
    const client = (credentials: Credentials) =>
      new OrganizationsClient({ endpoint: t.url, region: 'us-east-1', credentials, maxAttempts: 1 });
    org = client(t.root);
    member = client(MEMBER_KEY);
    orgId = (await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }))).Organization!.Id!;
    rootId = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    await ensureAccount(t.server.store, t.server.services.sealer, MEMBER, new Date(), MEMBER_KEY);
    const invite = await org.send(
      new InviteAccountToOrganizationCommand({ Target: { Id: MEMBER, Type: 'ACCOUNT' } }),
    );
    await member.send(new AcceptHandshakeCommand({ HandshakeId: invite.Handshake!.Id! }));
  });
  afterAll(() => t.destroy());

  it('creates an OU under the root and one under it, each with its ARN, Path and tags', async () => {
    const made = await org.send(
      new CreateOrganizationalUnitCommand({
        ParentId: rootId,
        Name: 'Engineering',
        Tags: [{ Key: 'team', Value: 'eng' }],
      }),
    );
    const eng = made.OrganizationalUnit!;
    expect(eng.Id).toMatch(new RegExp(`^ou-${rootId.slice(2)}-[a-z0-9]{8}$`));
    expect(eng).toEqual({
      Id: eng.Id,
      Arn: `arn:aws:organizations::${MANAGEMENT}:ou/${orgId}/${eng.Id}`,
      Name: 'Engineering',
      Path: `${orgId}/${rootId}/${eng.Id}/`,
    });
    const platform = await createOu('Platform', eng.Id);
    expect(platform.Path).toBe(`${orgId}/${rootId}/${eng.Id}/${platform.Id}/`);
    const tags = await org.send(new ListTagsForResourceCommand({ ResourceId: eng.Id }));
    expect(tags.Tags).toEqual([{ Key: 'team', Value: 'eng' }]);
  });

  it('describes, renames and lists the OUs of a parent', async () => {
    const ou = await createOu('Sales');
    const described = await org.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: ou.Id }));
    expect(described.OrganizationalUnit).toEqual(ou);
    const renamed = await org.send(
      new UpdateOrganizationalUnitCommand({ OrganizationalUnitId: ou.Id, Name: 'Revenue' }),
    );
    expect(renamed.OrganizationalUnit).toEqual({ ...ou, Name: 'Revenue' });
    const listed = await org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: rootId }));
    expect(listed.OrganizationalUnits!.map((u) => u.Name)).toContain('Revenue');
    expect(listed.OrganizationalUnits!.find((u) => u.Id === ou.Id)).toEqual({ ...ou, Name: 'Revenue' });
  });

  it('lists the children of each type, and the parents of an account and an OU', async () => {
    const parent = await createOu('Children');
    const child = await createOu('Child', parent.Id);
    await org.send(
      new MoveAccountCommand({ AccountId: MEMBER, SourceParentId: rootId, DestinationParentId: parent.Id }),
    );
    const ous = await org.send(
      new ListChildrenCommand({ ParentId: parent.Id, ChildType: 'ORGANIZATIONAL_UNIT' }),
    );
    expect(ous.Children).toEqual([{ Id: child.Id, Type: 'ORGANIZATIONAL_UNIT' }]);
    const accounts = await org.send(new ListChildrenCommand({ ParentId: parent.Id, ChildType: 'ACCOUNT' }));
    expect(accounts.Children).toEqual([{ Id: MEMBER, Type: 'ACCOUNT' }]);
    const atRoot = await org.send(new ListChildrenCommand({ ParentId: rootId, ChildType: 'ACCOUNT' }));
    expect(atRoot.Children).toEqual([{ Id: MANAGEMENT, Type: 'ACCOUNT' }]);

    expect((await org.send(new ListParentsCommand({ ChildId: MEMBER }))).Parents).toEqual([
      { Id: parent.Id, Type: 'ORGANIZATIONAL_UNIT' },
    ]);
    expect((await org.send(new ListParentsCommand({ ChildId: parent.Id }))).Parents).toEqual([
      { Id: rootId, Type: 'ROOT' },
    ]);
    expect((await org.send(new ListParentsCommand({ ChildId: MANAGEMENT }))).Parents).toEqual([
      { Id: rootId, Type: 'ROOT' },
    ]);
    await org.send(
      new MoveAccountCommand({ AccountId: MEMBER, SourceParentId: parent.Id, DestinationParentId: rootId }),
    );
  });

  it('pages ListChildren with MaxResults and NextToken', async () => {
    const parent = await createOu('Paged');
    const made = [
      await createOu('p1', parent.Id),
      await createOu('p2', parent.Id),
      await createOu('p3', parent.Id),
    ];
    const first = await org.send(
      new ListChildrenCommand({ ParentId: parent.Id, ChildType: 'ORGANIZATIONAL_UNIT', MaxResults: 2 }),
    );
    expect(first.Children).toHaveLength(2);
    expect(first.NextToken).toBeDefined();
    const second = await org.send(
      new ListChildrenCommand({
        ParentId: parent.Id,
        ChildType: 'ORGANIZATIONAL_UNIT',
        MaxResults: 2,
        NextToken: first.NextToken,
      }),
    );
    expect(second.NextToken).toBeUndefined();
    expect([...first.Children!, ...second.Children!].map((c) => c.Id).sort()).toEqual(
      made.map((u) => u.Id).sort(),
    );
  });

  it('allows OUs five levels below the root and refuses a sixth with OU_DEPTH_LIMIT_EXCEEDED', async () => {
    let parentId = rootId;
    for (let level = 1; level <= 5; level++) parentId = (await createOu(`level-${level}`, parentId)).Id!;
    expect((await org.send(new ListParentsCommand({ ChildId: parentId }))).Parents![0]!.Type).toBe(
      'ORGANIZATIONAL_UNIT',
    );
    expect(await orgError(() => createOu('level-6', parentId))).toEqual({
      name: 'ConstraintViolationException',
      status: 400,
      message: 'You attempted to create an OU tree that is too many levels deep.',
      Reason: 'OU_DEPTH_LIMIT_EXCEEDED',
    });
    const children = await org.send(
      new ListChildrenCommand({ ParentId: parentId, ChildType: 'ORGANIZATIONAL_UNIT' }),
    );
    expect(children.Children).toEqual([]);
  });

  it('refuses a second OU of one name under one parent, by creation or by renaming', async () => {
    const parent = await createOu('Names');
    await createOu('Same', parent.Id);
    const other = await createOu('Other', parent.Id);
    const duplicate = {
      name: 'DuplicateOrganizationalUnitException',
      status: 400,
      message: 'An OU with the same name already exists.',
    };
    expect(await orgError(() => createOu('Same', parent.Id))).toEqual(duplicate);
    expect(
      await orgError(() =>
        org.send(new UpdateOrganizationalUnitCommand({ OrganizationalUnitId: other.Id, Name: 'Same' })),
      ),
    ).toEqual(duplicate);
    // the same name elsewhere in the tree is fine
    expect((await createOu('Same')).Name).toBe('Same');
  });

  it('answers unknown parents, OUs and children with their own exceptions', async () => {
    const unknownOu = `ou-${rootId.slice(2)}-zzzzzzzz`;
    expect(await orgError(() => createOu('Orphan', unknownOu))).toEqual({
      name: 'ParentNotFoundException',
      status: 400,
      message: "We can't find a root or OU with the ParentId that you specified.",
    });
    expect(
      await orgError(() => org.send(new ListChildrenCommand({ ParentId: 'r-zzzz', ChildType: 'ACCOUNT' }))),
    ).toMatchObject({ name: 'ParentNotFoundException', status: 400 });
    expect(
      await orgError(() =>
        org.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: unknownOu })),
      ),
    ).toEqual({
      name: 'OrganizationalUnitNotFoundException',
      status: 400,
      message: "We can't find an OU with the OrganizationalUnitId that you specified.",
    });
    expect(await orgError(() => org.send(new ListParentsCommand({ ChildId: '999999999999' })))).toEqual({
      name: 'ChildNotFoundException',
      status: 400,
      message:
        "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.",
    });
  });

  it('deletes an OU only once it holds no OU and no account, and its attachments and tags go with it', async () => {
    await org.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
    const ou = (
      await org.send(
        new CreateOrganizationalUnitCommand({
          ParentId: rootId,
          Name: 'Doomed',
          Tags: [{ Key: 'k', Value: 'v' }],
        }),
      )
    ).OrganizationalUnit!;
    // a new OU gets FullAWSAccess when SCPs are enabled
    const policies = await org.send(
      new ListPoliciesForTargetCommand({ TargetId: ou.Id, Filter: 'SERVICE_CONTROL_POLICY' }),
    );
    expect(policies.Policies!.map((p) => p.Name)).toEqual(['FullAWSAccess']);

    const inner = await createOu('Inner', ou.Id);
    const notEmpty = {
      name: 'OrganizationalUnitNotEmptyException',
      status: 400,
      message:
        'The specified OU is not empty. Move all accounts to another root or to other OUs, remove all child ' +
        'OUs, and try the operation again.',
    };
    expect(
      await orgError(() => org.send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: ou.Id }))),
    ).toEqual(notEmpty);
    await org.send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: inner.Id }));
    await org.send(
      new MoveAccountCommand({ AccountId: MEMBER, SourceParentId: rootId, DestinationParentId: ou.Id }),
    );
    expect(
      await orgError(() => org.send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: ou.Id }))),
    ).toEqual(notEmpty);
    await org.send(
      new MoveAccountCommand({ AccountId: MEMBER, SourceParentId: ou.Id, DestinationParentId: rootId }),
    );

    await org.send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: ou.Id }));
    expect(
      await orgError(() => org.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: ou.Id }))),
    ).toMatchObject({ name: 'OrganizationalUnitNotFoundException' });
    const left = await t.server.store.read(async (r) => ({
      tags: await r.tags.list('org-resource', ou.Id!),
      policies: await r.orgPolicies.attachedTo(orgId, [ou.Id!]),
    }));
    expect(left).toEqual({ tags: [], policies: [] });
  });

  it('lets only the management account change the tree, and a delegated administrator read it', async () => {
    const denied = {
      name: 'AccessDeniedException',
      status: 400,
      message: "You don't have permissions to access this resource.",
    };
    expect(
      await orgError(() => member.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'x' }))),
    ).toEqual(denied);
    expect(
      await orgError(() => member.send(new ListChildrenCommand({ ParentId: rootId, ChildType: 'ACCOUNT' }))),
    ).toEqual(denied);

    await org.send(
      new RegisterDelegatedAdministratorCommand({ AccountId: MEMBER, ServicePrincipal: 'sso.amazonaws.com' }),
    );
    const children = await member.send(new ListChildrenCommand({ ParentId: rootId, ChildType: 'ACCOUNT' }));
    expect(children.Children!.map((c) => c.Id)).toEqual([MANAGEMENT, MEMBER]);
    expect(
      await orgError(() => member.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'x' }))),
    ).toEqual(denied);
  });
});

describe.each(BACKENDS)('the OU quota on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t.destroy());

  it("refuses the 2,001st OU of an organization with OU_NUMBER_LIMIT_EXCEEDED (AWS's quota)", async () => {
    const org = new OrganizationsClient({
      endpoint: t.url,
      region: 'us-east-1',
      credentials: t.root,
      maxAttempts: 1,
    });
    const created = (await org.send(new CreateOrganizationCommand({}))).Organization!;
    const rootId = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    // 1,999 OUs placed through the store, the 2,000th through the API
    await t.server.store.write(MANAGEMENT, async (repos) => {
      for (let i = 0; i < 1_999; i++)
        await repos.organizations.insertUnit({
          ou_id: `ou-${rootId.slice(2)}-${String(i).padStart(8, '0')}`,
          org_id: created.Id!,
          parent_id: rootId,
          name: `bulk-${i}`,
          created_at: new Date().toISOString(),
        });
    });
    await org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'the-2000th' }));
    expect(
      await orgError(() =>
        org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'one-too-many' })),
      ),
    ).toEqual({
      name: 'ConstraintViolationException',
      status: 400,
      message: 'You attempted to exceed the number of OUs that you can have in an organization.',
      Reason: 'OU_NUMBER_LIMIT_EXCEEDED',
    });
  });
});
