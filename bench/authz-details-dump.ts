// The generated `aws iam get-account-authorization-details` dump the benchmarks import, shaped as the AWS
// CLI prints it: users (each in a group, with an inline policy and two tags), groups (an inline policy
// and a customer managed policy each, every tenth with ReadOnlyAccess), customer managed policies of two
// versions, and roles (a trust policy, an inline policy and an instance profile each).

export const ACCOUNT = '123456789012';
export const USERS = 5_000;
export const GROUPS = 100;
export const POLICIES = 20;
export const ROLES = 200;

export const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(17, '0')}`;
export const arn = (type: string, name: string, p = '/') => `arn:aws:iam::${ACCOUNT}:${type}${p}${name}`;
export const date = (n: number) =>
  new Date(Date.UTC(2020, 0, 1) + n * 3_600_000).toISOString().replace('.000Z', '+00:00');
export const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });

export function user(i: number, tagVariant = 0) {
  const name = `user-${String(i).padStart(5, '0')}`;
  return {
    Path: '/staff/',
    UserName: name,
    UserId: id('AIDA', i),
    Arn: arn('user', name, '/staff/'),
    CreateDate: date(i),
    UserPolicyList: [
      {
        PolicyName: 'own-prefix',
        PolicyDocument: doc({
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: `arn:aws:s3:::home-bucket/${name}/*`,
        }),
      },
    ],
    GroupList: [`group-${i % GROUPS}`],
    AttachedManagedPolicies: [],
    Tags: [
      { Key: 'team', Value: `team-${i % 37}` },
      { Key: 'cost-center', Value: String(4000 + ((i + tagVariant) % 250)) },
    ],
  };
}

export function group(g: number) {
  const name = `group-${g}`;
  return {
    Path: '/',
    GroupName: name,
    GroupId: id('AGPA', g),
    Arn: arn('group', name),
    CreateDate: date(g),
    GroupPolicyList: [
      {
        PolicyName: 'team-bucket',
        PolicyDocument: doc({ Effect: 'Allow', Action: 's3:*', Resource: `arn:aws:s3:::team-${g}-*` }),
      },
    ],
    AttachedManagedPolicies: [
      { PolicyName: `policy-${g % POLICIES}`, PolicyArn: arn('policy', `policy-${g % POLICIES}`) },
      ...(g % 10 === 0
        ? [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }]
        : []),
    ],
  };
}

export function managedPolicy(p: number) {
  const name = `policy-${p}`;
  const version = (v: number, actions: string[]) => ({
    Document: doc({ Effect: 'Allow', Action: actions, Resource: '*' }),
    VersionId: `v${v}`,
    IsDefaultVersion: v === 2,
    CreateDate: date(p + v),
  });
  return {
    PolicyName: name,
    PolicyId: id('ANPA', p),
    Arn: arn('policy', name),
    Path: '/',
    DefaultVersionId: 'v2',
    AttachmentCount: GROUPS / POLICIES,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    CreateDate: date(p),
    UpdateDate: date(p + 2),
    PolicyVersionList: [
      version(2, [`lambda:InvokeFunction`, `sqs:SendMessage`, `dynamodb:GetItem`]),
      version(1, [`lambda:InvokeFunction`]),
    ],
  };
}

export function role(r: number) {
  const name = `service-${r}`;
  const trust = doc({
    Effect: 'Allow',
    Principal: { Service: 'ec2.amazonaws.com' },
    Action: 'sts:AssumeRole',
  });
  return {
    Path: '/service/',
    RoleName: name,
    RoleId: id('AROA', r),
    Arn: arn('role', name, '/service/'),
    CreateDate: date(r),
    AssumeRolePolicyDocument: trust,
    InstanceProfileList: [
      {
        Path: '/service/',
        InstanceProfileName: name,
        InstanceProfileId: id('AIPA', r),
        Arn: arn('instance-profile', name, '/service/'),
        CreateDate: date(r),
        Roles: [
          { Path: '/service/', RoleName: name, RoleId: id('AROA', r), Arn: arn('role', name, '/service/') },
        ],
      },
    ],
    RolePolicyList: [
      {
        PolicyName: 'queue',
        PolicyDocument: doc({
          Effect: 'Allow',
          Action: 'sqs:*',
          Resource: `arn:aws:sqs:*:${ACCOUNT}:${name}-*`,
        }),
      },
    ],
    AttachedManagedPolicies: [],
    Tags: [{ Key: 'service', Value: name }],
    RoleLastUsed: {},
  };
}

/** The dump as an object: the given users, and every group, role and customer managed policy. */
export function authorizationDetails(users: number[], tagVariant: (i: number) => number) {
  return {
    UserDetailList: users.map((i) => user(i, tagVariant(i))),
    GroupDetailList: Array.from({ length: GROUPS }, (_, g) => group(g)),
    RoleDetailList: Array.from({ length: ROLES }, (_, r) => role(r)),
    Policies: Array.from({ length: POLICIES }, (_, p) => managedPolicy(p)),
  };
}

/** The dump as the AWS CLI prints it. */
export function dumpText(users: number[], tagVariant: (i: number) => number): string {
  return JSON.stringify(authorizationDetails(users, tagVariant), null, 4);
}
