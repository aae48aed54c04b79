// A root session (aws:PrincipalType Account) is limited by its session policy: AWS's root task policies,
// all Deny statements, take from the root exactly what they deny and leave it the rest, as an AssumeRoot
// session works (IAM User Guide, "Perform a privileged task on an AWS Organizations member account", and
// the task policies of "AWS managed policies for IAM").
import { describe, expect, it } from 'vitest';
import { ROOT_TASK_POLICIES } from '../../src/domain/root-task-policies.ts';
import { authorize, compilePolicyOrThrow, type RequestPrincipal } from '../../src/policy/index.ts';

const MEMBER = '222222222222';
const OTHER = '333333333333';
const ROOT: RequestPrincipal = { type: 'Account', arn: `arn:aws:iam::${MEMBER}:root`, account: MEMBER };
const ADMIN_USER: RequestPrincipal = {
  type: 'User',
  arn: `arn:aws:iam::${MEMBER}:user/admin`,
  account: MEMBER,
  username: 'admin',
};
const ALLOW_ALL = compilePolicyOrThrow(
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
  {
    id: 'admin',
  },
);

function task(name: string) {
  const p = ROOT_TASK_POLICIES.find((t) => t.name === name)!;
  return [compilePolicyOrThrow(JSON.stringify(p.document), { id: name, sourceType: 'session' })];
}

const decide = (
  session: ReturnType<typeof task> | undefined,
  action: string,
  resource: string,
  principal: RequestPrincipal = ROOT,
) =>
  authorize(
    { identity: principal.type === 'Account' ? [] : [ALLOW_ALL], ...(session ? { session } : {}) },
    { action, resource, principal },
  );

describe('a root session limited by a session policy', () => {
  it('leaves the root everything in its account without one', () => {
    expect(decide(undefined, 'iam:CreateUser', `arn:aws:iam::${MEMBER}:user/x`).decision).toBe('Allow');
  });

  it('allows what the audit task leaves the root, on its own root resource and the account summary', () => {
    const audit = task('IAMAuditRootUserCredentials');
    expect(decide(audit, 'iam:ListAccessKeys', ROOT.arn!).decision).toBe('Allow');
    expect(decide(audit, 'iam:GetLoginProfile', ROOT.arn!).decision).toBe('Allow');
    expect(decide(audit, 'iam:GetAccountSummary', '*').decision).toBe('Allow');
  });

  it('denies, in the session policy, what the task denies: other actions and other resources', () => {
    const audit = task('IAMAuditRootUserCredentials');
    expect(decide(audit, 'iam:CreateUser', `arn:aws:iam::${MEMBER}:user/x`)).toEqual({
      decision: 'ExplicitDeny',
      reason: { policyType: 'session', explicit: true },
    });
    expect(decide(audit, 'iam:ListAccessKeys', `arn:aws:iam::${MEMBER}:user/alice`).decision).toBe(
      'ExplicitDeny',
    );
    expect(decide(audit, 'iam:DeleteAccessKey', ROOT.arn!).decision).toBe('ExplicitDeny');
  });

  it('lets only a root manage bucket policies under S3UnlockBucketPolicy (aws:PrincipalArn)', () => {
    const s3 = task('S3UnlockBucketPolicy');
    expect(decide(s3, 's3:DeleteBucketPolicy', 'arn:aws:s3:::locked').decision).toBe('Allow');
    expect(decide(s3, 's3:GetObject', 'arn:aws:s3:::locked/key').decision).toBe('ExplicitDeny');
    expect(decide(s3, 's3:DeleteBucketPolicy', 'arn:aws:s3:::locked', ADMIN_USER).decision).toBe(
      'ExplicitDeny',
    );
  });

  it('tells AssumeRoot sessions apart with aws:AssumedRoot, as an SCP that denies the root user does', () => {
    // aws-samples/service-control-policy-examples: deny the root user unless it came through AssumeRoot
    const scp = compilePolicyOrThrow(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Deny',
            Action: '*',
            Resource: '*',
            Condition: {
              ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:root'] },
              Null: { 'aws:AssumedRoot': 'true' },
            },
          },
        ],
      }),
      { id: 'deny-root', sourceType: 'scp' },
    );
    const request = (assumedRoot: boolean | undefined) => ({
      action: 'iam:ListAccessKeys',
      resource: ROOT.arn!,
      principal: ROOT,
      ...(assumedRoot !== undefined ? { globals: { assumedRoot } } : {}),
    });
    const full = compilePolicyOrThrow(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
      { id: 'full', sourceType: 'scp' },
    );
    const set = { identity: [], scp: [[full, scp]], session: task('IAMAuditRootUserCredentials') };
    expect(authorize(set, request(true)).decision).toBe('Allow');
    expect(authorize({ identity: [], scp: [[full, scp]] }, request(undefined))).toEqual({
      decision: 'ExplicitDeny',
      reason: { policyType: 'scp', explicit: true },
    });
  });

  it("reads only its own account's queues under SQSUnlockQueuePolicy (aws:ResourceAccount)", () => {
    const sqs = task('SQSUnlockQueuePolicy');
    const own = `arn:aws:sqs:us-east-1:${MEMBER}:jobs`;
    expect(decide(sqs, 'sqs:GetQueueAttributes', own).decision).toBe('Allow');
    expect(decide(sqs, 'sqs:SetQueueAttributes', own).decision).toBe('Allow');
    expect(decide(sqs, 'sqs:GetQueueAttributes', `arn:aws:sqs:us-east-1:${OTHER}:jobs`).decision).toBe(
      'ExplicitDeny',
    );
    expect(decide(sqs, 'sqs:DeleteQueue', own).decision).toBe('ExplicitDeny');
  });
});
