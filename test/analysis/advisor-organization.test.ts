// The advisor in an organization, built through the real Organizations and IAM APIs: SCPs that deny a
// member's root every action lower the root findings (and cite the SCP), an SCP that denies the root
// iam:DeleteAccessKey turns the fix into an AssumeRoot session, the management account is never
// mitigated and should hold no workloads, and a role trusting a sibling account is not third-party
// trust.
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  CreateUserCommand,
  ListUsersCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Advice, adviseAccount } from '../../src/analysis/advisor/index.ts';
import { type OrgFixture, orgFixture } from '../support/org-fixture.ts';
import { BACKENDS, type Credentials, startTestServer, type TestServer } from '../support/test-server.ts';

const MANAGEMENT = '123456789012';
const MEMBER = '222233334444';
const SIBLING = '333344445555';
const OUTSIDER = '444455556666';
const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const rootOf = (account: string) => `arn:aws:iam::${account}:root`;
const DENY_ROOT = {
  Sid: 'DenyRoot',
  Effect: 'Deny',
  Action: '*',
  Resource: '*',
  Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } },
};

describe.each(BACKENDS)('advisor in an organization on %s', (backend) => {
  let t: TestServer;
  let o: OrgFixture;
  let member: Credentials;
  let ou: string;

  beforeAll(async () => {
    t = await startTestServer(backend);
    o = await orgFixture(t);
    ou = await o.ou('Workloads');
    member = await o.member(MEMBER, ou);
    await o.member(SIBLING);
    await o.enable('SERVICE_CONTROL_POLICY');
  });
  afterAll(() => t.destroy());

  async function advise(account: string, rules: string[]): Promise<Advice[]> {
    await t.server.services.audit?.flush();
    return (await adviseAccount(t.server.services.store, account, { now: new Date(), rules })).findings;
  }
  /** Attaches an SCP of `statements` to `target` for the length of `body`. */
  async function withScp(target: string, statements: object[], body: () => Promise<void>) {
    const id = await o.policy('SERVICE_CONTROL_POLICY', JSON.parse(doc(statements)));
    await o.attach(id, target);
    try {
      await body();
    } finally {
      await o.detach(id, target);
    }
  }

  it('root-access-keys: critical without SCPs; an SCP denying the root everything lowers it and is cited', async () => {
    const [plain] = await advise(MEMBER, ['root-access-keys']);
    expect(plain).toMatchObject({ severity: 'critical', entityArn: rootOf(MEMBER) });
    expect(plain!.fix.commands).toContain(`aws iam delete-access-key --access-key-id ${member.accessKeyId}`);

    await withScp(ou, [DENY_ROOT], async () => {
      const [lowered] = await advise(MEMBER, ['root-access-keys']);
      expect(lowered!.severity).toBe('medium');
      expect(lowered!.message).toMatch(/SCP of organization o-\w+ denies the root every action/);
      expect(lowered!.evidence.join('\n')).toMatch(
        new RegExp(`SCP .* attached to ${ou}\\) statement DenyRoot denies the root every action`),
      );
      // the root cannot delete its own keys under that SCP: the fix goes through AssumeRoot
      expect(lowered!.fix.commands.join('\n')).toContain(
        `aws sts assume-root --target-principal ${MEMBER} --task-policy-arn arn=arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials`,
      );
      expect(lowered!.fix.summary).toMatch(/AssumeRoot sessions included/);
    });
    // an SCP that exempts AssumeRoot sessions: the fix says so
    await withScp(
      o.org.root_id,
      [{ ...DENY_ROOT, Condition: { ...DENY_ROOT.Condition, Null: { 'aws:AssumedRoot': 'true' } } }],
      async () => {
        const [exempt] = await advise(MEMBER, ['root-access-keys']);
        expect(exempt!.severity).toBe('medium');
        expect(exempt!.fix.summary).toMatch(/delete them from an AssumeRoot session/);
      },
    );
    // an SCP denying the root something else is no mitigation
    await withScp(ou, [{ ...DENY_ROOT, Action: 's3:DeleteBucket' }], async () => {
      const [unmitigated] = await advise(MEMBER, ['root-access-keys']);
      expect(unmitigated!.severity).toBe('critical');
      expect(unmitigated!.evidence.join('\n')).not.toMatch(/SCP/);
    });
  });

  it('root findings of the management account stay as they are: SCPs never limit it', async () => {
    await t.iam().send(new ListUsersCommand({}));
    await withScp(o.org.root_id, [DENY_ROOT], async () => {
      const findings = await advise(MANAGEMENT, ['root-access-keys', 'root-used-recently']);
      expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([
        ['root-access-keys', 'critical'],
        ['root-used-recently', 'high'],
      ]);
    });
  });

  it('root-used-recently: lowered from high to low while an SCP denies the member root everything', async () => {
    await t.iam(member).send(new ListUsersCommand({}));
    expect((await advise(MEMBER, ['root-used-recently']))[0]!.severity).toBe('high');
    await withScp(MEMBER, [DENY_ROOT], async () => {
      const [lowered] = await advise(MEMBER, ['root-used-recently']);
      expect(lowered!.severity).toBe('low');
      expect(lowered!.evidence.join('\n')).toMatch(/attached to 222233334444\) statement DenyRoot/);
    });
  });

  it('management-account-workloads: users with keys and workload roles, not AWS or Organizations roles', async () => {
    const iam = t.iam();
    const trust = doc([
      { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    await iam.send(new CreateUserCommand({ UserName: 'deployer' }));
    await iam.send(new CreateAccessKeyCommand({ UserName: 'deployer' }));
    await iam.send(new CreateUserCommand({ UserName: 'console-only' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'app-server', AssumeRolePolicyDocument: trust }));
    await iam.send(
      new CreateRoleCommand({ RoleName: 'OrganizationAccountAccessRole', AssumeRolePolicyDocument: trust }),
    );
    await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'elasticbeanstalk.amazonaws.com' }));
    const findings = await advise(MANAGEMENT, ['management-account-workloads']);
    expect(findings.map((f) => f.entityArn).sort()).toEqual([
      `arn:aws:iam::${MANAGEMENT}:role/app-server`,
      `arn:aws:iam::${MANAGEMENT}:user/deployer`,
    ]);
    expect(findings.every((f) => f.severity === 'medium')).toBe(true);
    expect(findings[0]!.message).toMatch(/management account of organization o-\w+, where no SCP applies/);
    const user = findings.find((f) => f.entityArn.endsWith(':user/deployer'))!;
    expect(
      user.fix.commands.some((c) => c.startsWith('aws iam delete-access-key --user-name deployer')),
    ).toBe(true);
    // the same in a member account is no finding
    const memberIam = t.iam(member);
    await memberIam.send(new CreateUserCommand({ UserName: 'deployer' }));
    await memberIam.send(new CreateAccessKeyCommand({ UserName: 'deployer' }));
    expect(await advise(MEMBER, ['management-account-workloads'])).toEqual([]);
  });

  it('third-party-trust-without-external-id: a sibling account is not a third party; an outsider is', async () => {
    await o.outsider(OUTSIDER);
    const trusting = (accounts: string[]) =>
      doc([
        {
          Effect: 'Allow',
          Principal: { AWS: accounts.map((a) => `arn:aws:iam::${a}:root`) },
          Action: 'sts:AssumeRole',
        },
      ]);
    const memberIam = t.iam(member);
    await memberIam.send(
      new CreateRoleCommand({ RoleName: 'from-sibling', AssumeRolePolicyDocument: trusting([SIBLING]) }),
    );
    await memberIam.send(
      new CreateRoleCommand({
        RoleName: 'from-both',
        AssumeRolePolicyDocument: trusting([SIBLING, OUTSIDER]),
      }),
    );
    const findings = await advise(MEMBER, ['third-party-trust-without-external-id']);
    expect(findings.map((f) => f.entityArn)).toEqual([`arn:aws:iam::${MEMBER}:role/from-both`]);
    expect(findings[0]!.message).toContain(OUTSIDER);
    expect(findings[0]!.message).not.toContain(SIBLING);
    expect(findings[0]!.evidence.join('\n')).toMatch(
      new RegExp(`also trusted, not reported: ${SIBLING}, member\\(s\\) of organization o-\\w+`),
    );
  });
});
