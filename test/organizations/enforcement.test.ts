// SCPs and RCPs enforced on every request, with AWS's rules: every level from the root down to the
// account must allow; a deny anywhere wins; the management account and service-linked roles are
// exempt; RCPs govern the resources of member accounts; aws:PrincipalOrgID / aws:PrincipalOrgPaths /
// aws:ResourceOrgID work in identity and trust policies; a change applies to the next request.
import {
  AttachRolePolicyCommand,
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  ListUsersCommand,
  PutUserPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgFixture, type OrgFixture } from '../support/org-fixture.ts';
import {
  awsError,
  BACKENDS,
  startTestServer,
  type Credentials,
  type TestServer,
} from '../support/test-server.ts';

const MANAGEMENT = '123456789012';
const MEMBER = '222222222222';
const DEEP = '333333333333';
const OUTSIDER = '444444444444';
const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const ADMIN = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
const client = (t: TestServer, credentials: Credentials) => ({
  iam: new IAMClient({ endpoint: t.url, region: 'us-east-1', credentials, maxAttempts: 1 }),
  sts: new STSClient({ endpoint: t.url, region: 'us-east-1', credentials, maxAttempts: 1 }),
});

/** An admin user with a key in the account whose root credentials are `root`. */
async function adminUser(t: TestServer, root: Credentials, name: string): Promise<Credentials> {
  const { iam } = client(t, root);
  await iam.send(new CreateUserCommand({ UserName: name }));
  await iam.send(
    new PutUserPolicyCommand({ UserName: name, PolicyName: 'admin', PolicyDocument: JSON.stringify(ADMIN) }),
  );
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
}

describe.each(BACKENDS)('organization policies enforced on %s', (backend) => {
  let t: TestServer;
  let f: OrgFixture;
  let ouA: string;
  let ouB: string;
  let member: Credentials;
  let deep: Credentials;
  let outsider: Credentials;
  let memberAdmin: Credentials;
  let deepAdmin: Credentials;
  let managementAdmin: Credentials;

  beforeAll(async () => {
    t = await startTestServer(backend);
    f = await orgFixture(t);
    await f.enable('SERVICE_CONTROL_POLICY');
    ouA = await f.ou('workloads');
    ouB = await f.ou('prod', ouA);
    member = await f.member(MEMBER);
    deep = await f.member(DEEP, ouB);
    outsider = await f.outsider(OUTSIDER);
    memberAdmin = await adminUser(t, member, 'admin');
    deepAdmin = await adminUser(t, deep, 'admin');
    managementAdmin = await adminUser(t, t.root, 'admin');
  });
  afterAll(() => t.destroy());

  it('a deny-list SCP on the root refuses the action with an explicit deny in a service control policy', async () => {
    const deny = await f.policy(
      'SERVICE_CONTROL_POLICY',
      doc({ Effect: 'Deny', Action: 'iam:CreateUser', Resource: '*' }),
    );
    await f.attach(deny, f.org.root_id);
    try {
      const err = await awsError(() =>
        client(t, memberAdmin).iam.send(new CreateUserCommand({ UserName: 'x' })),
      );
      expect(err).toMatchObject({ code: 'AccessDenied', status: 403 });
      expect(err.message).toBe(
        `User: arn:aws:iam::${MEMBER}:user/admin is not authorized to perform: iam:CreateUser on resource: ` +
          `arn:aws:iam::${MEMBER}:user/x with an explicit deny in a service control policy`,
      );
      // what the SCP does not deny, the identity policy still allows
      await client(t, memberAdmin).iam.send(new ListUsersCommand({}));
      // the member account's root user is governed too
      const rootErr = await awsError(() =>
        client(t, member).iam.send(new CreateUserCommand({ UserName: 'y' })),
      );
      expect(rootErr.message).toContain('with an explicit deny in a service control policy');
      // the management account never is
      await client(t, managementAdmin).iam.send(new CreateUserCommand({ UserName: 'made-by-management' }));
    } finally {
      await f.detach(deny, f.org.root_id);
    }
    // the change applies to the very next request
    await client(t, memberAdmin).iam.send(new CreateUserCommand({ UserName: 'after-detach' }));
  });

  it('an allow-list SCP on an OU limits every account beneath it, two levels down, to what it allows', async () => {
    const listOnly = await f.policy(
      'SERVICE_CONTROL_POLICY',
      doc({ Effect: 'Allow', Action: ['iam:List*', 'sts:*'], Resource: '*' }),
    );
    await f.attach(listOnly, ouA);
    await f.detach('p-FullAWSAccess', ouA);
    try {
      // prod (ouB) still has FullAWSAccess, but every level must allow: workloads (ouA) allows only listing
      await client(t, deepAdmin).iam.send(new ListUsersCommand({}));
      const err = await awsError(() =>
        client(t, deepAdmin).iam.send(new CreateUserCommand({ UserName: 'x' })),
      );
      expect(err.message).toBe(
        `User: arn:aws:iam::${DEEP}:user/admin is not authorized to perform: iam:CreateUser on resource: ` +
          `arn:aws:iam::${DEEP}:user/x because no service control policy allows the iam:CreateUser action`,
      );
      // an account directly under the root is not beneath workloads
      await client(t, memberAdmin).iam.send(new CreateUserCommand({ UserName: 'not-beneath' }));
      // moving the account under the root frees it at the next request
      await f.move(DEEP, f.org.root_id);
      await client(t, deepAdmin).iam.send(new CreateUserCommand({ UserName: 'moved' }));
      await f.move(DEEP, ouB);
      expect(
        (await awsError(() => client(t, deepAdmin).iam.send(new CreateUserCommand({ UserName: 'y' })))).code,
      ).toBe('AccessDenied');
    } finally {
      await f.attach('p-FullAWSAccess', ouA);
      await f.detach(listOnly, ouA);
    }
    await client(t, deepAdmin).iam.send(new CreateUserCommand({ UserName: 'restored' }));
  });

  it('aws:PrincipalOrgID and aws:PrincipalOrgPaths: a trust policy admits members of the organization only', async () => {
    await client(t, t.root).iam.send(
      new CreateRoleCommand({
        RoleName: 'org-members',
        AssumeRolePolicyDocument: JSON.stringify(
          doc({
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:PrincipalOrgID': f.org.org_id } },
          }),
        ),
      }),
    );
    await client(t, t.root).iam.send(
      new CreateRoleCommand({
        RoleName: 'prod-only',
        AssumeRolePolicyDocument: JSON.stringify(
          doc({
            Effect: 'Allow',
            Principal: { AWS: '*' },
            Action: 'sts:AssumeRole',
            Condition: {
              'ForAnyValue:StringLike': {
                'aws:PrincipalOrgPaths': `${f.org.org_id}/${f.org.root_id}/${ouA}/*`,
              },
            },
          }),
        ),
      }),
    );
    const assume = (creds: Credentials, role: string) =>
      client(t, creds).sts.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${MANAGEMENT}:role/${role}`,
          RoleSessionName: 'session',
        }),
      );
    const outsiderAdmin = await adminUser(t, outsider, 'admin');
    expect((await assume(memberAdmin, 'org-members')).Credentials?.AccessKeyId).toMatch(/^ASIA/);
    const refused = await awsError(() => assume(outsiderAdmin, 'org-members'));
    expect(refused).toMatchObject({ code: 'AccessDenied', status: 403 });
    expect(refused.message).toContain(
      `arn:aws:iam::${OUTSIDER}:user/admin is not authorized to perform: sts:AssumeRole`,
    );
    // the path condition admits the account beneath workloads, not the one under the root
    expect((await assume(deepAdmin, 'prod-only')).Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect((await awsError(() => assume(memberAdmin, 'prod-only'))).code).toBe('AccessDenied');
    // a role session carries its account's organization too
    const session = (await assume(memberAdmin, 'org-members')).Credentials!;
    const sessionCreds = {
      accessKeyId: session.AccessKeyId!,
      secretAccessKey: session.SecretAccessKey!,
      sessionToken: session.SessionToken!,
    };
    expect((await client(t, sessionCreds).sts.send(new GetCallerIdentityCommand({}))).Account).toBe(
      MANAGEMENT,
    );
  });

  it('an RCP refuses sts:AssumeRole on a member account role to principals outside the organization', async () => {
    await f.enable('RESOURCE_CONTROL_POLICY');
    const trustEveryone = JSON.stringify(
      doc({
        Effect: 'Allow',
        Principal: { AWS: [`arn:aws:iam::${OUTSIDER}:root`, `arn:aws:iam::${DEEP}:root`] },
        Action: 'sts:AssumeRole',
      }),
    );
    await client(t, member).iam.send(
      new CreateRoleCommand({ RoleName: 'shared', AssumeRolePolicyDocument: trustEveryone }),
    );
    const perimeter = await f.policy(
      'RESOURCE_CONTROL_POLICY',
      doc({
        Effect: 'Deny',
        Principal: '*',
        Action: 'sts:AssumeRole',
        Resource: '*',
        Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': f.org.org_id } },
      }),
    );
    const assume = (creds: Credentials) =>
      client(t, creds).sts.send(
        new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBER}:role/shared`, RoleSessionName: 'session' }),
      );
    const outsiderKey = await adminUser(t, outsider, 'rcp-tester');
    // before the RCP is attached both may assume the role
    await assume(outsiderKey);
    await f.attach(perimeter, MEMBER);
    try {
      const err = await awsError(() => assume(outsiderKey));
      expect(err.message).toBe(
        `User: arn:aws:iam::${OUTSIDER}:user/rcp-tester is not authorized to perform: sts:AssumeRole on resource: ` +
          `arn:aws:iam::${MEMBER}:role/shared with an explicit deny in a resource control policy`,
      );
      expect((await assume(deepAdmin)).Credentials?.AccessKeyId).toMatch(/^ASIA/);
      // RCPs do not cover IAM's own actions: the outsider's account is not limited by them
      await client(t, outsiderKey).iam.send(new ListUsersCommand({}));
    } finally {
      await f.detach(perimeter, MEMBER);
    }
    await assume(outsiderKey);
  });

  it('SimulatePrincipalPolicy includes the SCPs that govern the principal, as AWS does', async () => {
    const deny = await f.policy(
      'SERVICE_CONTROL_POLICY',
      doc({ Effect: 'Deny', Action: 'iam:DeleteUser', Resource: '*' }),
    );
    await f.attach(deny, MEMBER);
    try {
      const result = await client(t, member).iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: `arn:aws:iam::${MEMBER}:user/admin`,
          ActionNames: ['iam:DeleteUser', 'iam:GetUser'],
        }),
      );
      const byAction = Object.fromEntries(result.EvaluationResults!.map((r) => [r.EvalActionName, r]));
      expect(byAction['iam:DeleteUser']).toMatchObject({
        EvalDecision: 'explicitDeny',
        OrganizationsDecisionDetail: { AllowedByOrganizations: false },
      });
      expect(byAction['iam:GetUser']).toMatchObject({
        EvalDecision: 'allowed',
        OrganizationsDecisionDetail: { AllowedByOrganizations: true },
      });
    } finally {
      await f.detach(deny, MEMBER);
    }
  });

  it('aws:ResourceOrgID names the organization of the resource account, and is missing outside one', async () => {
    const perimeter = JSON.stringify(
      doc(
        { Effect: 'Allow', Action: '*', Resource: '*' },
        {
          Effect: 'Deny',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:ResourceOrgID': f.org.org_id } },
        },
      ),
    );
    for (const root of [member, outsider])
      await client(t, root).iam.send(new CreateUserCommand({ UserName: 'perimeter' }));
    await client(t, member).iam.send(
      new PutUserPolicyCommand({ UserName: 'perimeter', PolicyName: 'p', PolicyDocument: perimeter }),
    );
    await client(t, outsider).iam.send(
      new PutUserPolicyCommand({ UserName: 'perimeter', PolicyName: 'p', PolicyDocument: perimeter }),
    );
    const { authorizeExternalRequest } = await import('../../src/authz/index.ts');
    const ask = (account: string, resource: string, context?: Record<string, string>) =>
      authorizeExternalRequest(
        { services: t.server.services, authenticator: t.server.authenticator },
        {
          principalArn: `arn:aws:iam::${account}:user/perimeter`,
          action: 's3:GetObject',
          resource,
          ...(context ? { context } : {}),
        },
      );
    // an S3 ARN names no account: the resource is the principal's own account's
    expect((await ask(MEMBER, 'arn:aws:s3:::bucket/key')).decision).toBe('Allow');
    expect((await ask(OUTSIDER, 'arn:aws:s3:::bucket/key')).decision).toBe('ExplicitDeny');
    // a resource of another member account is inside the organization: the identity policy allows it
    // (the cross-account request still needs that account's resource policy, which there is none of)
    const inside = await ask(MEMBER, `arn:aws:sqs:us-east-1:${DEEP}:queue`);
    expect(inside.verdicts.identity).toBe('allow');
    expect(inside.decision).toBe('ImplicitDeny');
    const outside = await ask(MEMBER, `arn:aws:sqs:us-east-1:${OUTSIDER}:queue`);
    expect(outside).toMatchObject({ decision: 'ExplicitDeny', verdicts: { identity: 'deny' } });
  });

  it('a closed account can do nothing: its users and the sessions into it are refused', async () => {
    const CLOSING = '555555555555';
    const root = await f.member(CLOSING);
    const admin = await adminUser(t, root, 'admin');
    await client(t, admin).iam.send(new ListUsersCommand({}));
    const { CloseAccountCommand } = await import('@aws-sdk/client-organizations');
    const { orgs } = await import('../support/org-fixture.ts');
    await orgs(t).send(new CloseAccountCommand({ AccountId: CLOSING }));
    const err = await awsError(() => client(t, admin).iam.send(new ListUsersCommand({})));
    expect(err).toMatchObject({ code: 'AccessDenied', status: 403 });
    expect(err.message).toBe(
      `User: arn:aws:iam::${CLOSING}:user/admin is not authorized to perform: iam:ListUsers on resource: ` +
        `arn:aws:iam::${CLOSING}:user/ because account ${CLOSING} is closed`,
    );
    expect((await awsError(() => client(t, root).iam.send(new ListUsersCommand({})))).code).toBe(
      'AccessDenied',
    );
  });

  it('service-linked roles are not governed by SCPs', async () => {
    const denyAll = await f.policy(
      'SERVICE_CONTROL_POLICY',
      doc({ Effect: 'Deny', Action: '*', Resource: '*' }),
    );
    const { iam } = client(t, member);
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'ordinary',
        AssumeRolePolicyDocument: JSON.stringify(
          doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }),
        ),
      }),
    );
    await iam.send(
      new AttachRolePolicyCommand({
        RoleName: 'ordinary',
        PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      }),
    );
    const { CreateServiceLinkedRoleCommand } = await import('@aws-sdk/client-iam');
    const slr = (
      await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com' }))
    ).Role!;
    await f.attach(denyAll, MEMBER);
    try {
      const ask = async (principalArn: string) => {
        const { authorizeExternalRequest } = await import('../../src/authz/index.ts');
        return authorizeExternalRequest(
          { services: t.server.services, authenticator: t.server.authenticator },
          { principalArn, action: 'iam:ListUsers', resource: '*' },
        );
      };
      const ordinary = await ask(`arn:aws:iam::${MEMBER}:role/ordinary`);
      expect(ordinary).toMatchObject({
        decision: 'ExplicitDeny',
        verdicts: { scp: 'deny', identity: 'allow' },
      });
      // the service-linked role is decided by its own policy alone: no SCP takes part
      const linked = await ask(slr.Arn!);
      expect(linked.verdicts.scp).toBe('not-present');
      expect(linked.decision).not.toBe('ExplicitDeny');
    } finally {
      await f.detach(denyAll, MEMBER);
    }
  });
});
