// The simulator's work: per action and resource, AWS's EvalDecision with matched statements, their source
// policy ids and positions, missing context values, and the boundary and organizations details.
import { describe, expect, it } from 'vitest';
import { accessDeniedMessage, compilePolicyOrThrow, simulatePolicies } from '../../src/policy/index.ts';
import type { RequestPrincipal } from '../../src/policy/index.ts';

const alice: RequestPrincipal = {
  type: 'User',
  arn: 'arn:aws:iam::111122223333:user/alice',
  account: '111122223333',
  username: 'alice',
};

const identityText = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadReports",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::reports/*",
      "Condition": { "Bool": { "aws:SecureTransport": "true" } }
    },
    { "Sid": "NoDeletes", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*" }
  ]
}`;

describe('simulatePolicies', () => {
  const identity = compilePolicyOrThrow(identityText, { id: 'ReportsPolicy', sourceType: 'user-managed' });

  it('answers every action against every resource with AWS decisions and statement positions', () => {
    const results = simulatePolicies({
      policies: { identity: [identity] },
      actions: ['s3:GetObject', 's3:DeleteObject', 's3:PutObject'],
      resources: ['arn:aws:s3:::reports/q1.pdf'],
      principal: alice,
      globals: { secureTransport: true },
    });
    expect(results.map((r) => [r.EvalActionName, r.EvalDecision])).toEqual([
      ['s3:GetObject', 'allowed'],
      ['s3:DeleteObject', 'explicitDeny'],
      ['s3:PutObject', 'implicitDeny'],
    ]);
    expect(results[0]?.MatchedStatements).toEqual([
      {
        SourcePolicyId: 'ReportsPolicy',
        SourcePolicyType: 'user-managed',
        StartPosition: { Line: 4, Column: 5 },
        EndPosition: { Line: 10, Column: 6 },
        sid: 'ReadReports',
        statementIndex: 0,
      },
    ]);
    expect(results[1]?.MatchedStatements[0]?.sid).toBe('NoDeletes');
    expect(results[2]?.MatchedStatements).toEqual([]);
    expect(results[1]?.denialReason).toEqual({ policyType: 'identity', explicit: true });
  });

  it('lists the context keys the request lacked', () => {
    const [result] = simulatePolicies({
      policies: { identity: [identity] },
      actions: ['s3:GetObject'],
      resources: ['arn:aws:s3:::reports/q1.pdf'],
      principal: alice,
    });
    expect(result?.EvalDecision).toBe('implicitDeny');
    expect(result?.MissingContextValues).toEqual(['aws:SecureTransport']);
  });

  it('defaults the resource to "*" and reports boundary and organizations details', () => {
    const boundary = compilePolicyOrThrow(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: { Effect: 'Allow', Action: 'ec2:*', Resource: '*' },
      }),
      { id: 'Boundary', sourceType: 'user-managed' },
    );
    const scp = compilePolicyOrThrow(
      JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }),
      { id: 'FullAWSAccess' },
    );
    const everything = compilePolicyOrThrow(
      JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }),
      { id: 'Admin', sourceType: 'aws-managed' },
    );
    const [result] = simulatePolicies({
      policies: { identity: [everything], boundary, scp: [[scp]] },
      actions: ['s3:ListAllMyBuckets'],
      principal: alice,
    });
    expect(result?.EvalResourceName).toBe('*');
    expect(result?.EvalDecision).toBe('implicitDeny');
    expect(result?.PermissionsBoundaryDecisionDetail).toEqual({ AllowedByPermissionsBoundary: false });
    expect(result?.OrganizationsDecisionDetail).toEqual({ AllowedByOrganizations: true });
    expect(result?.denialReason).toEqual({ policyType: 'boundary', explicit: false });
  });
});

describe('accessDeniedMessage', () => {
  it('names the policy type that denied, in AWS words', () => {
    expect(
      accessDeniedMessage(alice.arn ?? '', 's3:GetObject', 'arn:aws:s3:::b/k', {
        policyType: 'identity',
        explicit: false,
      }),
    ).toBe(
      'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k because no identity-based policy allows the s3:GetObject action',
    );
    expect(accessDeniedMessage('arn:x', 's3:GetObject', 'r', { policyType: 'scp', explicit: true })).toBe(
      'User: arn:x is not authorized to perform: s3:GetObject on resource: r with an explicit deny in a service control policy',
    );
    expect(accessDeniedMessage('arn:x', 'a:b', 'r', { policyType: 'boundary', explicit: false })).toMatch(
      /because no permissions boundary allows the a:b action$/,
    );
    expect(accessDeniedMessage('arn:x', 'a:b', 'r', { policyType: 'session', explicit: false })).toMatch(
      /because no session policy allows the a:b action$/,
    );
  });
});

describe('simulatePolicies across several resources', () => {
  it('returns one result per action with the most restrictive decision and per-resource results', () => {
    const policy = compilePolicyOrThrow(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::open/*' },
          { Sid: 'Secret', Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::open/secret/*' },
        ],
      }),
      { id: 'Inline', sourceType: 'user' },
    );
    const [result] = simulatePolicies({
      policies: { identity: [policy] },
      actions: ['s3:GetObject'],
      resources: ['arn:aws:s3:::open/a', 'arn:aws:s3:::open/secret/b', 'arn:aws:s3:::closed/c'],
      principal: alice,
    });
    expect(result?.EvalDecision).toBe('explicitDeny');
    expect(result?.MatchedStatements.map((s) => s.sid)).toEqual(['Secret']);
    expect(result?.ResourceSpecificResults.map((r) => [r.EvalResourceName, r.EvalResourceDecision])).toEqual([
      ['arn:aws:s3:::open/a', 'allowed'],
      ['arn:aws:s3:::open/secret/b', 'explicitDeny'],
      ['arn:aws:s3:::closed/c', 'implicitDeny'],
    ]);
  });
});
