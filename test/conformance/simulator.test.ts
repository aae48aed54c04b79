// The policy simulator over HTTP (SimulatePrincipalPolicy, SimulateCustomPolicy, GetContextKeysFor*Policy)
// with the real AWS SDK v3 IAM client on each storage backend, and SimulateCustomPolicy with the AWS CLI.
import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetContextKeysForCustomPolicyCommand,
  GetContextKeysForPrincipalPolicyCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  GetUserCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, describeWithCli } from '../support/aws-cli.ts';
import { awsError, BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const doc = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

const READ_BUCKET = doc([
  {
    Sid: 'Read',
    Effect: 'Allow',
    Action: ['s3:GetObject', 's3:ListBucket'],
    Resource: 'arn:aws:s3:::data/*',
  },
]);
const DENY_SECRET = doc([
  { Sid: 'NoSecret', Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/secret' },
]);
const DYNAMO_AFTER = JSON.stringify({
  Version: '2012-10-17',
  Statement: {
    Effect: 'Allow',
    Action: 'dynamodb:*',
    Resource: '*',
    Condition: { DateGreaterThan: { 'aws:CurrentTime': '2018-08-16T12:00:00Z' } },
  },
});

describe.each(BACKENDS)('policy simulator on %s', (backend) => {
  let t: TestServer;
  let userArn: string;
  beforeAll(async () => {
    t = await startTestServer(backend);
    const iam = t.iam();
    userArn = (await iam.send(new CreateUserCommand({ UserName: 'alejandro' }))).User!.Arn!;
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'alejandro',
        PolicyName: 'ReadData',
        PolicyDocument: READ_BUCKET,
      }),
    );
    await iam.send(new CreateGroupCommand({ GroupName: 'auditors' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'auditors', UserName: 'alejandro' }));
    await iam.send(
      new PutGroupPolicyCommand({
        GroupName: 'auditors',
        PolicyName: 'NoSecret',
        PolicyDocument: DENY_SECRET,
      }),
    );
    const managed = await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'TaggedOnly',
        PolicyDocument: doc([
          {
            Effect: 'Allow',
            Action: 'ec2:StartInstances',
            Resource: '*',
            Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:username}' } },
          },
        ]),
      }),
    );
    await iam.send(new AttachUserPolicyCommand({ UserName: 'alejandro', PolicyArn: managed.Policy!.Arn! }));
  });
  afterAll(() => t.destroy());

  it('allows an action granted by the user inline policy, naming it and its position', async () => {
    const r = await t.iam().send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: userArn,
        ActionNames: ['s3:ListBucket'],
        ResourceArns: ['arn:aws:s3:::data/reports'],
      }),
    );
    const result = r.EvaluationResults?.[0];
    expect(result).toMatchObject({
      EvalActionName: 's3:ListBucket',
      EvalResourceName: 'arn:aws:s3:::data/reports',
      EvalDecision: 'allowed',
      MatchedStatements: [{ SourcePolicyId: 'ReadData', SourcePolicyType: 'user' }],
    });
    expect(result?.MatchedStatements?.[0]?.StartPosition).toEqual({ Line: 1, Column: expect.any(Number) });
    expect(result?.ResourceSpecificResults?.[0]).toMatchObject({
      EvalResourceName: 'arn:aws:s3:::data/reports',
      EvalResourceDecision: 'allowed',
    });
  });

  it("applies the user's group policies: an explicit deny from the group wins", async () => {
    const r = await t.iam().send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: userArn,
        ActionNames: ['s3:GetObject'],
        ResourceArns: ['arn:aws:s3:::data/public', 'arn:aws:s3:::data/secret'],
      }),
    );
    const result = r.EvaluationResults?.[0];
    expect(result?.EvalDecision).toBe('explicitDeny');
    expect(result?.MatchedStatements).toEqual([
      expect.objectContaining({ SourcePolicyId: 'NoSecret', SourcePolicyType: 'group' }),
    ]);
    expect(result?.ResourceSpecificResults?.map((s) => [s.EvalResourceName, s.EvalResourceDecision])).toEqual(
      [
        ['arn:aws:s3:::data/public', 'allowed'],
        ['arn:aws:s3:::data/secret', 'explicitDeny'],
      ],
    );
  });

  it('reports the context keys a statement needed and the request lacked, and uses typed ContextEntries', async () => {
    const iam = t.iam();
    const missing = await iam.send(
      new SimulatePrincipalPolicyCommand({ PolicySourceArn: userArn, ActionNames: ['ec2:StartInstances'] }),
    );
    // the simulator fills in no key by itself: aws:username is missing too, though the source is a user
    expect(missing.EvaluationResults?.[0]).toMatchObject({
      EvalDecision: 'implicitDeny',
      MissingContextValues: ['aws:ResourceTag/team', 'aws:username'],
    });
    const team = {
      ContextKeyName: 'aws:ResourceTag/team',
      ContextKeyValues: ['alejandro'],
      ContextKeyType: 'string' as const,
    };
    const tagOnly = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: userArn,
        ActionNames: ['ec2:StartInstances'],
        ContextEntries: [team],
      }),
    );
    expect(tagOnly.EvaluationResults?.[0]).toMatchObject({
      EvalDecision: 'implicitDeny',
      MissingContextValues: ['aws:username'],
    });
    const given = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: userArn,
        ActionNames: ['ec2:StartInstances'],
        ContextEntries: [
          team,
          { ContextKeyName: 'aws:username', ContextKeyValues: ['alejandro'], ContextKeyType: 'string' },
        ],
      }),
    );
    expect(given.EvaluationResults?.[0]).toMatchObject({
      EvalDecision: 'allowed',
      MatchedStatements: [{ SourcePolicyId: 'TaggedOnly', SourcePolicyType: 'user-managed' }],
    });
  });

  it("caps the user's permissions with its permissions boundary, and a boundary passed as a string replaces it", async () => {
    const iam = t.iam();
    const boundary = await iam.send(
      new CreatePolicyCommand({
        PolicyName: 'OnlyEc2',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }]),
      }),
    );
    await iam.send(new CreateUserCommand({ UserName: 'bounded' }));
    await iam.send(
      new PutUserPolicyCommand({ UserName: 'bounded', PolicyName: 'ReadData', PolicyDocument: READ_BUCKET }),
    );
    await iam.send(
      new PutUserPermissionsBoundaryCommand({
        UserName: 'bounded',
        PermissionsBoundary: boundary.Policy!.Arn!,
      }),
    );
    const arn = 'arn:aws:iam::123456789012:user/bounded';
    const capped = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: arn,
        ActionNames: ['s3:ListBucket'],
        ResourceArns: ['arn:aws:s3:::data/x'],
      }),
    );
    expect(capped.EvaluationResults?.[0]).toMatchObject({
      EvalDecision: 'implicitDeny',
      PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: false },
    });
    const replaced = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: arn,
        ActionNames: ['s3:ListBucket'],
        ResourceArns: ['arn:aws:s3:::data/x'],
        PermissionsBoundaryPolicyInputList: [doc([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }])],
      }),
    );
    expect(replaced.EvaluationResults?.[0]).toMatchObject({
      EvalDecision: 'allowed',
      PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: true },
    });
  });

  it("simulates a role's policies", async () => {
    const iam = t.iam();
    const role = await iam.send(
      new CreateRoleCommand({
        RoleName: 'reader',
        AssumeRolePolicyDocument: doc([
          { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ]),
      }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'reader',
        PolicyName: 'Sqs',
        PolicyDocument: doc([{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }]),
      }),
    );
    const r = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: role.Role!.Arn!,
        ActionNames: ['sqs:SendMessage', 'sns:Publish'],
      }),
    );
    expect(
      r.EvaluationResults?.map((e) => [
        e.EvalActionName,
        e.EvalDecision,
        e.MatchedStatements?.[0]?.SourcePolicyType,
      ]),
    ).toEqual([
      ['sqs:SendMessage', 'allowed', 'role'],
      ['sns:Publish', 'implicitDeny', undefined],
    ]);
  });

  it('answers NoSuchEntity for an unknown PolicySourceArn', async () => {
    const e = await awsError(() =>
      t.iam().send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: 'arn:aws:iam::123456789012:user/nobody',
          ActionNames: ['s3:GetObject'],
        }),
      ),
    );
    expect(e).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The user with name nobody cannot be found.',
    });
  });

  it('simulates custom policies with an explicit deny, a date condition and pagination', async () => {
    const iam = t.iam();
    const dated = await iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [DYNAMO_AFTER],
        ActionNames: ['dynamodb:CreateBackup'],
        ContextEntries: [
          {
            ContextKeyName: 'aws:CurrentTime',
            ContextKeyValues: ['2019-04-25T11:00:00Z'],
            ContextKeyType: 'date',
          },
        ],
      }),
    );
    expect(dated.EvaluationResults?.[0]).toMatchObject({
      EvalResourceName: '*',
      EvalDecision: 'allowed',
      MatchedStatements: [{ SourcePolicyId: 'PolicyInputList.1', StartPosition: { Line: 1 } }],
    });
    const early = await iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [DYNAMO_AFTER],
        ActionNames: ['dynamodb:CreateBackup'],
        ContextEntries: [
          {
            ContextKeyName: 'aws:CurrentTime',
            ContextKeyValues: ['2014-04-25T11:00:00Z'],
            ContextKeyType: 'date',
          },
        ],
      }),
    );
    expect(early.EvaluationResults?.[0]).toMatchObject({
      EvalDecision: 'implicitDeny',
      MatchedStatements: [],
    });

    const actions = ['s3:GetObject', 's3:PutObject', 's3:ListBucket'];
    const first = await iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [READ_BUCKET, DENY_SECRET],
        ActionNames: actions,
        ResourceArns: ['arn:aws:s3:::data/secret'],
        MaxItems: 2,
      }),
    );
    expect(first.IsTruncated).toBe(true);
    expect(first.EvaluationResults?.map((e) => [e.EvalActionName, e.EvalDecision])).toEqual([
      ['s3:GetObject', 'explicitDeny'],
      ['s3:PutObject', 'implicitDeny'],
    ]);
    expect(first.EvaluationResults?.[0]?.MatchedStatements?.[0]?.SourcePolicyId).toBe('PolicyInputList.2');
    const second = await iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [READ_BUCKET, DENY_SECRET],
        ActionNames: actions,
        ResourceArns: ['arn:aws:s3:::data/secret'],
        MaxItems: 2,
        Marker: first.Marker,
      }),
    );
    expect(second.IsTruncated).toBe(false);
    expect(second.EvaluationResults?.map((e) => [e.EvalActionName, e.EvalDecision])).toEqual([
      ['s3:ListBucket', 'allowed'],
    ]);
  });

  it('lets a resource policy naming the caller grant access, and needs CallerArn for it', async () => {
    const iam = t.iam();
    const resourcePolicy = doc([
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::123456789012:user/carol' },
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::shared/*',
      },
    ]);
    const r = await iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [doc([{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }])],
        ResourcePolicy: resourcePolicy,
        CallerArn: 'arn:aws:iam::123456789012:user/carol',
        ActionNames: ['s3:GetObject'],
        ResourceArns: ['arn:aws:s3:::shared/report'],
      }),
    );
    expect(r.EvaluationResults?.[0]).toMatchObject({
      EvalDecision: 'allowed',
      MatchedStatements: [{ SourcePolicyId: 'ResourcePolicy', SourcePolicyType: 'resource' }],
    });
    const e = await awsError(() =>
      iam.send(
        new SimulateCustomPolicyCommand({
          PolicyInputList: [READ_BUCKET],
          ResourcePolicy: resourcePolicy,
          ActionNames: ['s3:GetObject'],
        }),
      ),
    );
    expect(e).toMatchObject({ code: 'InvalidInput', status: 400 });
  });

  it('fills no context key from CallerArn: a Null check on aws:PrincipalArn fails and the key is missing', async () => {
    const iam = t.iam();
    const simulate = (
      entries: { ContextKeyName: string; ContextKeyValues: string[]; ContextKeyType: 'string' }[],
    ) =>
      iam.send(
        new SimulateCustomPolicyCommand({
          PolicyInputList: [
            doc([
              {
                Effect: 'Allow',
                Action: 's3:GetObject',
                Resource: 'arn:aws:s3:::shared/*',
                Condition: { Null: { 'aws:PrincipalArn': 'false' } },
              },
              { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared/${aws:username}/*' },
            ]),
          ],
          ResourcePolicy: doc([
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::123456789012:user/carol' },
              Action: 's3:ListBucket',
              Resource: 'arn:aws:s3:::shared',
            },
          ]),
          CallerArn: 'arn:aws:iam::123456789012:user/carol',
          ActionNames: ['s3:GetObject'],
          ResourceArns: ['arn:aws:s3:::shared/carol/report'],
          ContextEntries: entries,
        }),
      );
    expect((await simulate([])).EvaluationResults?.[0]).toMatchObject({
      EvalDecision: 'implicitDeny',
      MissingContextValues: ['aws:PrincipalArn', 'aws:username'],
    });
    const given = await simulate([
      {
        ContextKeyName: 'aws:PrincipalArn',
        ContextKeyValues: ['arn:aws:iam::123456789012:user/carol'],
        ContextKeyType: 'string',
      },
      { ContextKeyName: 'aws:username', ContextKeyValues: ['carol'], ContextKeyType: 'string' },
    ]);
    expect(given.EvaluationResults?.[0]).toMatchObject({ EvalDecision: 'allowed', MissingContextValues: [] });
  });

  it('lets a custom ResourcePolicy name principals that do not exist: it only simulates', async () => {
    const iam = t.iam();
    expect(await awsError(() => iam.send(new GetUserCommand({ UserName: 'carol' })))).toMatchObject({
      code: 'NoSuchEntity',
    });
    const r = await iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [doc([{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }])],
        ResourcePolicy: doc([
          {
            Effect: 'Allow',
            Principal: {
              AWS: ['arn:aws:iam::123456789012:user/carol', 'arn:aws:iam::999988887777:role/no-such-role'],
            },
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::shared/*',
          },
        ]),
        CallerArn: 'arn:aws:iam::123456789012:user/carol',
        ActionNames: ['s3:GetObject'],
        ResourceArns: ['arn:aws:s3:::shared/report'],
      }),
    );
    expect(r.EvaluationResults?.[0]?.EvalDecision).toBe('allowed');
  });

  it('needs both sides across accounts and says what each side decided in EvalDecisionDetails', async () => {
    const iam = t.iam();
    const base = {
      PolicyInputList: [doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }])],
      CallerArn: 'arn:aws:iam::123456789012:user/carol',
      ResourceOwner: 'arn:aws:iam::111122223333:root',
      ActionNames: ['s3:GetObject'],
      ResourceArns: ['arn:aws:s3:::partner/report'],
    };
    const noGrant = await iam.send(
      new SimulateCustomPolicyCommand({
        ...base,
        ResourcePolicy: doc([
          {
            Effect: 'Allow',
            Principal: { AWS: '111122223333' },
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::partner/*',
          },
        ]),
      }),
    );
    expect(noGrant.EvaluationResults?.[0]).toMatchObject({
      EvalDecision: 'implicitDeny',
      EvalDecisionDetails: { 'IAM Policy': 'allowed', 'Resource Policy': 'implicitDeny' },
    });
    const granted = await iam.send(
      new SimulateCustomPolicyCommand({
        ...base,
        ResourcePolicy: doc([
          {
            Effect: 'Allow',
            Principal: { AWS: '123456789012' },
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::partner/*',
          },
        ]),
      }),
    );
    expect(granted.EvaluationResults?.[0]).toMatchObject({
      EvalDecision: 'allowed',
      EvalDecisionDetails: { 'IAM Policy': 'allowed', 'Resource Policy': 'allowed' },
    });
  });

  it('refuses a malformed policy input with MalformedPolicyDocument', async () => {
    const e = await awsError(() =>
      t.iam().send(
        new SimulateCustomPolicyCommand({
          PolicyInputList: [doc([{ Action: 's3:GetObject', Resource: '*' }])],
          ActionNames: ['s3:GetObject'],
        }),
      ),
    );
    expect(e).toMatchObject({ code: 'MalformedPolicyDocument', status: 400 });
  });

  it('lists the context keys of custom and principal policies, variables included', async () => {
    const iam = t.iam();
    const custom = await iam.send(
      new GetContextKeysForCustomPolicyCommand({ PolicyInputList: [DYNAMO_AFTER] }),
    );
    expect(custom.ContextKeyNames).toEqual(['aws:CurrentTime']);
    const principal = await iam.send(
      new GetContextKeysForPrincipalPolicyCommand({
        PolicySourceArn: userArn,
        PolicyInputList: [
          doc([{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::home/${aws:userid}/*' }]),
        ],
      }),
    );
    expect(principal.ContextKeyNames).toEqual(['aws:ResourceTag/team', 'aws:username', 'aws:userid']);
  });

  it('returns fewer actions than MaxItems per page when many resources would make the page too large', async () => {
    const actions = Array.from({ length: 30 }, (_, i) => `s3:GetObject${i}`);
    const resources = Array.from({ length: 1000 }, (_, i) => `arn:aws:s3:::data/${i}`);
    const ask = (Marker?: string) =>
      t.iam().send(
        new SimulateCustomPolicyCommand({
          PolicyInputList: [READ_BUCKET],
          ActionNames: actions,
          ResourceArns: resources,
          ...(Marker ? { Marker } : {}),
        }),
      );
    const first = await ask();
    // 10,000 resource results per page: 10 actions of 1,000 resources each
    expect(first.EvaluationResults).toHaveLength(10);
    expect(first.EvaluationResults?.[0]?.ResourceSpecificResults).toHaveLength(1000);
    expect(first.IsTruncated).toBe(true);
    const names = [...(first.EvaluationResults ?? [])];
    let marker = first.Marker;
    while (marker) {
      const page = await ask(marker);
      names.push(...(page.EvaluationResults ?? []));
      marker = page.IsTruncated ? page.Marker : undefined;
    }
    expect(names.map((r) => r.EvalActionName)).toEqual(actions);
  });

  it('refuses more than 1,000 actions or resources with InvalidInput', async () => {
    const many = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));
    const tooManyActions = await awsError(() =>
      t.iam().send(
        new SimulateCustomPolicyCommand({
          PolicyInputList: [READ_BUCKET],
          ActionNames: many(1001, (i) => `s3:Get${i}`),
        }),
      ),
    );
    expect(tooManyActions).toMatchObject({ code: 'InvalidInput', status: 400 });
    expect(tooManyActions.message).toContain('the limit is 1000 ActionNames');
    const tooManyResources = await awsError(() =>
      t.iam().send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: userArn,
          ActionNames: ['s3:GetObject'],
          ResourceArns: many(1001, (i) => `arn:aws:s3:::data/${i}`),
        }),
      ),
    );
    expect(tooManyResources).toMatchObject({ code: 'InvalidInput', status: 400 });
    expect(tooManyResources.message).toContain('the limit is 1000 ResourceArns');
  });

  it('is itself authorized: a user without iam:SimulateCustomPolicy is refused', async () => {
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'nosim' }));
    const { CreateAccessKeyCommand } = await import('@aws-sdk/client-iam');
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'nosim' }))).AccessKey!;
    const e = await awsError(() =>
      t
        .iam({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! })
        .send(
          new SimulateCustomPolicyCommand({ PolicyInputList: [READ_BUCKET], ActionNames: ['s3:GetObject'] }),
        ),
    );
    expect(e).toMatchObject({
      code: 'AccessDenied',
      status: 403,
      message:
        'User: arn:aws:iam::123456789012:user/nosim is not authorized to perform: iam:SimulateCustomPolicy on resource: * because no identity-based policy allows the iam:SimulateCustomPolicy action',
    });
  });
});

describeWithCli('v2')('simulate-custom-policy with the AWS CLI v2', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
  });
  afterAll(() => t.destroy());

  it("prints AWS's example answer for a date condition", async () => {
    const cli = await awsCli('v2', t.url, t.root);
    const out = await cli.json<{ EvaluationResults: Record<string, unknown>[] }>([
      'iam',
      'simulate-custom-policy',
      '--policy-input-list',
      DYNAMO_AFTER,
      '--action-names',
      'dynamodb:CreateBackup',
      '--context-entries',
      "ContextKeyName='aws:CurrentTime',ContextKeyValues='2019-04-25T11:00:00Z',ContextKeyType=date",
    ]);
    expect(out.EvaluationResults[0]).toMatchObject({
      EvalActionName: 'dynamodb:CreateBackup',
      EvalResourceName: '*',
      EvalDecision: 'allowed',
      MatchedStatements: [
        { SourcePolicyId: 'PolicyInputList.1', StartPosition: { Line: 1 }, EndPosition: { Line: 1 } },
      ],
      MissingContextValues: [],
    });
  });
});
