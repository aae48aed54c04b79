// The escalation graph on a real server's store: entities made through the IAM API with the real SDK,
// a path planted for each edge kind (sts:AssumeRole, iam:PassRole with a service's run action, policy
// edits, another user's credentials) and found with the permission that enables each step; and paths
// that a trust policy, a permissions boundary or an SCP blocks, which must not appear.
import {
  AddRoleToInstanceProfileCommand,
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreateLoginProfileCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  CreateUserCommand,
  type IAMClient,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  SetDefaultPolicyVersionCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  buildEscalationGraph,
  type EscalationGraph,
  type EscalationPath,
  findPaths,
} from '../../src/analysis/graph/index.ts';
import { mayTakeOver } from '../../src/analysis/graph/edges/admin-takeover.ts';
import { ensureAccount } from '../../src/domain/accounts.ts';
import { orgFixture } from '../support/org-fixture.ts';
import { BACKENDS, type Credentials, startTestServer, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const PARTNER = '310987654321';
const MEMBER = '410987654321';
const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (Action: string | string[], Resource: string | string[] = '*', extra: object = {}) => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...extra,
});
const userArn = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:user/${name}`;
const roleArn = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;
const trusting = (principal: object) =>
  doc([{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }]);

describe.each(BACKENDS)('escalation graph on %s', (backend) => {
  let t: TestServer;
  let iam: IAMClient;

  beforeAll(async () => {
    t = await startTestServer(backend);
    iam = t.iam();
  });
  afterAll(() => t.destroy());

  const build = (accountId = ACCOUNT): Promise<EscalationGraph> =>
    buildEscalationGraph(t.server.services, { accountId, now: new Date(), region: 'us-east-1' });

  /** The path from `start` to `target` in a freshly built graph, if any. */
  async function pathOf(
    start: string,
    target = ADMIN,
    accountId = ACCOUNT,
  ): Promise<EscalationPath | undefined> {
    const graph = await build(accountId);
    return findPaths(graph, target, { from: [start] })[0];
  }

  const kinds = (p: EscalationPath | undefined) => p?.steps.map((s) => s.kind);
  const actions = (p: EscalationPath | undefined, step: number) =>
    p?.steps[step]?.permissions.map((x) => x.action);

  /** Creates a user (in the account `client` belongs to) with an inline policy of `statements`. */
  async function user(name: string, statements: object[] = [], client = iam, account = ACCOUNT) {
    await client.send(new CreateUserCommand({ UserName: name }));
    if (statements.length > 0)
      await client.send(
        new PutUserPolicyCommand({ UserName: name, PolicyName: 'grants', PolicyDocument: doc(statements) }),
      );
    return userArn(name, account);
  }

  async function role(name: string, trust: string, statements: object[] = []): Promise<string> {
    await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }));
    if (statements.length > 0)
      await iam.send(
        new PutRolePolicyCommand({ RoleName: name, PolicyName: 'grants', PolicyDocument: doc(statements) }),
      );
    return roleArn(name);
  }

  it('puts a principal allowed every IAM action on every resource one step from admin', async () => {
    const chief = await user('chief', [allow('*')]);
    const iamOnly = await user('iam-only', [allow('iam:*')]);
    const reader = await user('iam-reader', [allow(['iam:Get*', 'iam:List*'])]);
    const graph = await build();
    const [p] = findPaths(graph, ADMIN, { from: [chief] });
    expect(kinds(p)).toEqual(['admin-rights']);
    expect(p!.steps[0]!.permissions[0]).toMatchObject({
      action: 'iam:*',
      resource: '*',
      statements: [{ policyId: `${chief}/grants`, statementIndex: 0 }],
    });
    expect(findPaths(graph, ADMIN, { from: [iamOnly] })).toHaveLength(1);
    // some IAM actions on every resource: not admin
    expect(findPaths(graph, ADMIN, { from: [reader] })).toEqual([]);
  });

  it('sts:AssumeRole: the trust policy and the caller allow it, and the role holds admin rights', async () => {
    const dev = await user('dev', [allow('sts:AssumeRole', roleArn('ops'))]);
    const ops = await role('ops', trusting({ AWS: dev }), [allow('*')]);
    const p = await pathOf(dev);
    expect(p?.steps.map((s) => s.to)).toEqual([ops, ADMIN]);
    expect(kinds(p)).toEqual(['assume-role', 'admin-rights']);
    const assume = p!.steps[0]!.permissions[0]!;
    expect(assume).toMatchObject({ action: 'sts:AssumeRole', resource: ops });
    // the caller's statement and the trust policy's statement both allowed it
    expect(assume.statements.map((s) => s.policyId).sort()).toEqual([`${dev}/grants`, ops].sort());
    expect((await pathOf(dev, ops))?.steps).toHaveLength(1);
  });

  it('leaves out a role whose trust policy does not name the caller, whatever the caller may do', async () => {
    const keyholder = await user('keyholder');
    const outsider = await user('outsider', [allow('sts:AssumeRole')]);
    const locked = await role('locked', trusting({ AWS: keyholder }), [allow('*')]);
    const graph = await build();
    expect(findPaths(graph, ADMIN, { from: [outsider] })).toEqual([]);
    const toLocked = findPaths(graph, locked);
    expect(toLocked.map((p) => p.from)).toContain(keyholder);
    expect(toLocked.map((p) => p.from)).not.toContain(outsider);
  });

  it('across accounts: the trust policy and the caller’s own policy must both allow it', async () => {
    const partnerRoot: Credentials = {
      accessKeyId: 'AKIAPARTNERROOT00001',
      secretAccessKey: 'p'.repeat(40),
    };
    await ensureAccount(t.server.store, t.server.services.sealer, PARTNER, new Date(), partnerRoot);
    const partnerIam = t.iam(partnerRoot);
    const contractor = userArn('contractor', PARTNER);
    await user('contractor', [allow('sts:AssumeRole', roleArn('vendor-access'))], partnerIam, PARTNER);
    const vendor = await role('vendor-access', trusting({ AWS: contractor }), [allow('*')]);
    // trusts the partner account, but the contractor's policy does not allow assuming it
    const rooted = await role('vendor-root', trusting({ AWS: `arn:aws:iam::${PARTNER}:root` }), [allow('*')]);
    const graph = await build();
    const [p] = findPaths(graph, ADMIN, { from: [contractor] });
    expect(p?.steps.map((s) => s.to)).toEqual([vendor, ADMIN]);
    expect(graph.label(contractor)).toBe(`${PARTNER}:user/contractor`);
    // no edge of its own to the role that trusts the whole partner account (only through vendor-access)
    expect(graph.from(contractor).map((e) => e.to)).toEqual([vendor]);
    expect(findPaths(graph, rooted, { from: [contractor] })[0]?.steps[0]?.to).toBe(vendor);
  });

  it('iam:PassRole to Lambda with lambda:CreateFunction and lambda:InvokeFunction', async () => {
    const fnRole = await role('fn-admin', trusting({ Service: 'lambda.amazonaws.com' }), [allow('*')]);
    const builder = await user('builder', [
      allow('iam:PassRole', fnRole, {
        Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
      }),
      allow(['lambda:CreateFunction', 'lambda:InvokeFunction']),
    ]);
    // may pass the role and create functions, but not invoke one: no way to run the code
    const halfway = await user('halfway', [allow('iam:PassRole', fnRole), allow('lambda:CreateFunction')]);
    const graph = await build();
    const [p] = findPaths(graph, ADMIN, { from: [builder] });
    expect(p?.steps.map((s) => s.to)).toEqual([fnRole, ADMIN]);
    expect(kinds(p)).toEqual(['pass-role', 'admin-rights']);
    expect(actions(p, 0)).toEqual(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction']);
    expect(p!.steps[0]!.summary).toContain('to lambda.amazonaws.com');
    expect(findPaths(graph, ADMIN, { from: [halfway] })).toEqual([]);
  });

  it('iam:PassRole to EC2 through the role’s instance profile with ec2:RunInstances', async () => {
    const boxRole = await role('box-admin', trusting({ Service: 'ec2.amazonaws.com' }), [allow('*')]);
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'box' }));
    await iam.send(
      new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'box', RoleName: 'box-admin' }),
    );
    const launcher = await user('launcher', [allow('iam:PassRole', boxRole), allow('ec2:RunInstances')]);
    const p = await pathOf(launcher);
    expect(p?.steps.map((s) => s.to)).toEqual([boxRole, ADMIN]);
    expect(actions(p, 0)).toEqual(['iam:PassRole', 'ec2:RunInstances']);
    expect(p!.steps[0]!.summary).toContain('instance profile box');
  });

  it('iam:PutUserPolicy on itself: a user that can give itself every permission', async () => {
    const selfish = await user('selfish', [allow('iam:PutUserPolicy', userArn('selfish'))]);
    const p = await pathOf(selfish);
    expect(kinds(p)).toEqual(['policy-edit']);
    expect(p!.steps[0]!.permissions[0]).toMatchObject({
      action: 'iam:PutUserPolicy',
      resource: selfish,
      statements: [{ policyId: `${selfish}/grants` }],
    });
    expect(p!.steps[0]!.actor).toBeUndefined();
  });

  it('iam:AttachRolePolicy on a role the user assumes: the path goes through the role', async () => {
    const tuned = roleArn('tuned');
    const tuner = await user('tuner', [allow('sts:AssumeRole', tuned), allow('iam:AttachRolePolicy', tuned)]);
    await role('tuned', trusting({ AWS: tuner }), [allow('s3:GetObject')]);
    const p = await pathOf(tuner);
    expect(p?.steps.map((s) => s.to)).toEqual([tuned, ADMIN]);
    expect(kinds(p)).toEqual(['assume-role', 'policy-edit']);
    expect(actions(p, 1)).toEqual(['iam:AttachRolePolicy']);
    expect(p!.steps[1]!.actor).toBe(tuner);
    // without a way to act as the role, giving it permissions gains the user nothing
    const bystander = await user('bystander', [allow('iam:AttachRolePolicy', tuned)]);
    expect(await pathOf(bystander)).toBeUndefined();
  });

  it('iam:CreatePolicyVersion on a customer managed policy attached to itself', async () => {
    const policy = (
      await iam.send(
        new CreatePolicyCommand({
          PolicyName: 'versioned',
          PolicyDocument: doc([allow('iam:CreatePolicyVersion', `arn:aws:iam::${ACCOUNT}:policy/versioned`)]),
        }),
      )
    ).Policy!.Arn!;
    const versioner = await user('versioner');
    await iam.send(new AttachUserPolicyCommand({ UserName: 'versioner', PolicyArn: policy }));
    const p = await pathOf(versioner);
    expect(kinds(p)).toEqual(['policy-edit']);
    expect(p!.steps[0]!.permissions[0]).toMatchObject({
      action: 'iam:CreatePolicyVersion',
      resource: policy,
    });
  });

  it('iam:SetDefaultPolicyVersion back to a version that grants everything', async () => {
    const arn = `arn:aws:iam::${ACCOUNT}:policy/rollback`;
    await iam.send(new CreatePolicyCommand({ PolicyName: 'rollback', PolicyDocument: doc([allow('*')]) }));
    await iam.send(
      new CreatePolicyVersionCommand({
        PolicyArn: arn,
        PolicyDocument: doc([allow('iam:SetDefaultPolicyVersion', arn)]),
        SetAsDefault: true,
      }),
    );
    const roller = await user('roller');
    await iam.send(new AttachUserPolicyCommand({ UserName: 'roller', PolicyArn: arn }));
    const p = await pathOf(roller);
    expect(kinds(p)).toEqual(['policy-edit']);
    expect(actions(p, 0)).toEqual(['iam:SetDefaultPolicyVersion']);
    // only version 1 grants anything: with it gone, no way up
    const stuckArn = `arn:aws:iam::${ACCOUNT}:policy/no-rollback`;
    await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'no-rollback',
        PolicyDocument: doc([allow('iam:SetDefaultPolicyVersion', stuckArn)]),
      }),
    );
    const stuck = await user('stuck');
    await iam.send(new AttachUserPolicyCommand({ UserName: 'stuck', PolicyArn: stuckArn }));
    expect(await pathOf(stuck)).toBeUndefined();
    await iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }));
  });

  it('iam:PutGroupPolicy on a group the user is in', async () => {
    await iam.send(new CreateGroupCommand({ GroupName: 'team' }));
    const teamArn = `arn:aws:iam::${ACCOUNT}:group/team`;
    await iam.send(
      new PutGroupPolicyCommand({
        GroupName: 'team',
        PolicyName: 'self-service',
        PolicyDocument: doc([allow('iam:PutGroupPolicy', teamArn)]),
      }),
    );
    const member = await user('team-member');
    await iam.send(new AddUserToGroupCommand({ GroupName: 'team', UserName: 'team-member' }));
    const p = await pathOf(member);
    expect(kinds(p)).toEqual(['policy-edit']);
    expect(p!.steps[0]!.permissions[0]).toMatchObject({
      action: 'iam:PutGroupPolicy',
      resource: teamArn,
      statements: [{ policyId: `${teamArn}/self-service`, policyType: 'group' }],
    });
  });

  it('iam:AddUserToGroup into a group with admin rights', async () => {
    await iam.send(new CreateGroupCommand({ GroupName: 'admins' }));
    await iam.send(
      new PutGroupPolicyCommand({
        GroupName: 'admins',
        PolicyName: 'all',
        PolicyDocument: doc([allow('*')]),
      }),
    );
    await iam.send(new CreateGroupCommand({ GroupName: 'readers' }));
    await iam.send(
      new PutGroupPolicyCommand({
        GroupName: 'readers',
        PolicyName: 'read',
        PolicyDocument: doc([allow('s3:GetObject')]),
      }),
    );
    const joiner = await user('joiner', [
      allow('iam:AddUserToGroup', `arn:aws:iam::${ACCOUNT}:group/admins`),
    ]);
    const reader = await user('reader', [
      allow('iam:AddUserToGroup', `arn:aws:iam::${ACCOUNT}:group/readers`),
    ]);
    const p = await pathOf(joiner);
    expect(kinds(p)).toEqual(['policy-edit']);
    expect(p!.steps[0]!.permissions[0]).toMatchObject({
      action: 'iam:AddUserToGroup',
      resource: `arn:aws:iam::${ACCOUNT}:group/admins`,
    });
    // joining a group with less power than admin is not a way to admin
    expect(await pathOf(reader)).toBeUndefined();
  });

  it('iam:UpdateAssumeRolePolicy on a role, then sts:AssumeRole under the rewritten trust policy', async () => {
    const vault = await role('vault', trusting({ Service: 'ec2.amazonaws.com' }), [allow('*')]);
    const retruster = await user('retruster', [
      allow(['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'], vault),
    ]);
    const p = await pathOf(retruster);
    expect(p?.steps.map((s) => s.to)).toEqual([vault, ADMIN]);
    expect(kinds(p)).toEqual(['policy-edit', 'admin-rights']);
    expect(actions(p, 0)).toEqual(['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole']);
  });

  it('iam:CreateAccessKey, iam:CreateLoginProfile and iam:UpdateLoginProfile on another user', async () => {
    const boss = await user('boss', [allow('*')]);
    const deputy = await user('deputy', [allow('*')]);
    await iam.send(new CreateLoginProfileCommand({ UserName: 'deputy', Password: 'Correct-Horse-9!' }));
    const helpdesk = await user('helpdesk', [allow('iam:CreateAccessKey', boss)]);
    const onboarding = await user('onboarding', [
      allow(['iam:CreateLoginProfile', 'iam:UpdateLoginProfile']),
    ]);
    const graph = await build();
    const [p] = findPaths(graph, ADMIN, { from: [helpdesk] });
    expect(p?.steps.map((s) => s.to)).toEqual([boss, ADMIN]);
    expect(kinds(p)).toEqual(['credentials', 'admin-rights']);
    expect(actions(p, 0)).toEqual(['iam:CreateAccessKey']);
    // boss has no password (create one), deputy has one (change it)
    const credentialEdges = graph.from(onboarding).filter((e) => e.kind === 'credentials');
    const byTarget = Object.fromEntries(
      credentialEdges.map((e) => [e.to, e.permissions.map((x) => x.action)]),
    );
    expect(byTarget[boss]).toEqual(['iam:CreateLoginProfile']);
    expect(byTarget[deputy]).toEqual(['iam:UpdateLoginProfile']);
  });

  it('a permissions boundary that does not allow the edit, or caps what it gives, blocks the path', async () => {
    const boundary = (
      await iam.send(
        new CreatePolicyCommand({ PolicyName: 'storage-only', PolicyDocument: doc([allow('s3:*')]) }),
      )
    ).Policy!.Arn!;
    const capped = (
      await iam.send(
        new CreatePolicyCommand({
          PolicyName: 'edit-only',
          PolicyDocument: doc([allow('iam:PutUserPolicy')]),
        }),
      )
    ).Policy!.Arn!;
    const fenced = await user('fenced', [allow('iam:PutUserPolicy', userArn('fenced'))]);
    const ceilinged = await user('ceilinged', [allow('iam:PutUserPolicy', userArn('ceilinged'))]);
    const assumer = await user('fenced-assumer', [allow('sts:AssumeRole', roleArn('fenced-target'))]);
    // trusts the account, so the caller's own policies (and boundary) must allow it too
    await role(
      'fenced-target',
      doc([
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Action: 'sts:AssumeRole',
          Condition: { ArnEquals: { 'aws:PrincipalArn': assumer } },
        },
      ]),
      [allow('*')],
    );
    expect(kinds(await pathOf(fenced))).toEqual(['policy-edit']);
    expect(kinds(await pathOf(assumer))).toEqual(['assume-role', 'admin-rights']);
    await iam.send(
      new PutUserPermissionsBoundaryCommand({ UserName: 'fenced', PermissionsBoundary: boundary }),
    );
    await iam.send(
      new PutUserPermissionsBoundaryCommand({ UserName: 'ceilinged', PermissionsBoundary: capped }),
    );
    await iam.send(
      new PutUserPermissionsBoundaryCommand({ UserName: 'fenced-assumer', PermissionsBoundary: boundary }),
    );
    const graph = await build();
    expect(findPaths(graph, ADMIN, { from: [fenced] })).toEqual([]);
    // the boundary allows the edit itself, but nothing the edit could add: still no admin
    expect(findPaths(graph, ADMIN, { from: [ceilinged] })).toEqual([]);
    expect(findPaths(graph, ADMIN, { from: [assumer] })).toEqual([]);
  });

  it('to a role: a principal that reaches admin takes the role over through admin', async () => {
    const overlord = await user('overlord', [allow('iam:PutUserPolicy', userArn('overlord'))]);
    const plain = await user('plain-worker', [allow(['s3:GetObject', 'sts:AssumeRole'])]);
    // trusts only a service: nobody of the account may assume it as it is
    const unrelated = await role('unrelated-app', trusting({ Service: 'ec2.amazonaws.com' }), [
      allow('dynamodb:GetItem'),
    ]);
    const graph = await build();
    const [p] = findPaths(graph, unrelated, { from: [overlord] });
    expect(p?.steps.map((s) => s.to)).toEqual([ADMIN, unrelated]);
    expect(kinds(p)).toEqual(['policy-edit', 'admin-takeover']);
    expect(p!.steps[1]!.permissions).toEqual([
      { action: 'iam:UpdateAssumeRolePolicy', resource: unrelated, statements: [] },
      { action: 'sts:AssumeRole', resource: unrelated, statements: [] },
    ]);
    expect(p!.steps[1]!.summary).toBe('admin rewrites the trust policy of role/unrelated-app and assumes it');
    const reaching = findPaths(graph, unrelated).map((x) => x.from);
    expect(reaching).toContain(overlord);
    // reaches no admin: does not reach the role either
    expect(reaching).not.toContain(plain);
    // the paths to admin itself do not go on through admin
    expect(findPaths(graph, ADMIN, { from: [overlord] })[0]?.steps.map((s) => s.to)).toEqual([ADMIN]);
  });

  it('to a role: a principal that reaches admin through another’s edit takes the role over too', async () => {
    const relay = roleArn('relay');
    const tinkerer = await user('tinkerer', [
      allow('sts:AssumeRole', relay),
      allow('iam:PutRolePolicy', relay),
    ]);
    await role('relay', trusting({ AWS: tinkerer }), [allow('s3:ListBucket')]);
    const far = await role('far-away', trusting({ Service: 'lambda.amazonaws.com' }));
    const [p] = findPaths(await build(), far, { from: [tinkerer] });
    expect(p?.steps.map((s) => s.to)).toEqual([relay, ADMIN, far]);
    expect(kinds(p)).toEqual(['assume-role', 'policy-edit', 'admin-takeover']);
  });

  it('to a service-linked role: admin cannot take it over, so no path goes through admin', async () => {
    const slr = (
      await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com' }))
    ).Role!.Arn!;
    const overseer = await user('overseer', [allow('*')]);
    const graph = await build();
    expect(findPaths(graph, ADMIN, { from: [overseer] })).toHaveLength(1);
    expect(graph.from(ADMIN).map((e) => e.to)).not.toContain(slr);
    expect(findPaths(graph, slr)).toEqual([]);
  });

  it('an SCP that denies the edit blocks the path in a member account', async () => {
    const org = await orgFixture(t);
    const memberRoot = await org.member(MEMBER);
    const memberIam = t.iam(memberRoot);
    const climber = userArn('climber', MEMBER);
    await user('climber', [allow('iam:PutUserPolicy', climber)], memberIam, MEMBER);
    expect(kinds(await pathOf(climber, ADMIN, MEMBER))).toEqual(['policy-edit']);
    await org.enable('SERVICE_CONTROL_POLICY');
    const deny = await org.policy('SERVICE_CONTROL_POLICY', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 'iam:PutUserPolicy', Resource: '*' }],
    });
    await org.attach(deny, MEMBER);
    expect(await pathOf(climber, ADMIN, MEMBER)).toBeUndefined();
    // the management account is not governed by SCPs: the same user there still climbs
    const ruler = await user('ruler', [allow('iam:PutUserPolicy', userArn('ruler'))]);
    expect(kinds(await pathOf(ruler))).toEqual(['policy-edit']);
  });
});

describe('admin take-over of a role', () => {
  const role = (path: string, linkedService: string | null = null) => ({
    roleId: 'AROAEXAMPLE',
    roleName: 'r',
    path,
    arn: `arn:aws:iam::${ACCOUNT}:role${path}r`,
    accountId: ACCOUNT,
    trustPolicy: '{}',
    linkedService,
    instanceProfiles: [],
    attachedPolicyArns: [],
  });

  it('covers every role but service-linked ones and those under /aws-reserved/', () => {
    expect(mayTakeOver(role('/'))).toBe(true);
    expect(mayTakeOver(role('/team/aws-reserved/'))).toBe(true);
    expect(
      mayTakeOver(role('/aws-service-role/autoscaling.amazonaws.com/', 'autoscaling.amazonaws.com')),
    ).toBe(false);
    expect(mayTakeOver(role('/aws-service-role/x.amazonaws.com/'))).toBe(false);
    expect(mayTakeOver(role('/aws-reserved/sso.amazonaws.com/'))).toBe(false);
  });
});
