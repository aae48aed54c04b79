// Findings beyond the grammar: each rule reports a code, a one-line message and the place it is about.
import { describe, expect, it } from 'vitest';
import { validatePolicy } from '../../src/policy/index.ts';
import type { PolicyKind } from '../../src/policy/index.ts';

const codes = (statement: unknown, kind: PolicyKind = 'identity', version = '2012-10-17'): string[] =>
  validatePolicy(JSON.stringify({ Version: version, Statement: statement }), kind).map((f) => f.code);

const base = { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };

describe('validatePolicy', () => {
  it('reports nothing for a tidy policy', () => {
    expect(codes(base)).toEqual([]);
  });

  it('reports an unknown operator as an error at the operator', () => {
    const findings = validatePolicy(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: { ...base, Condition: { StringSorta: { 'aws:username': 'x' } } },
      }),
      'identity',
    );
    const unknown = findings.find((f) => f.code === 'invalid-condition-operator');
    expect(unknown?.severity).toBe('error');
    expect(unknown?.location.path).toBe('Statement[0].Condition.StringSorta');
    expect(findings.some((f) => f.code === 'malformed' && f.message === 'Syntax errors in policy.')).toBe(
      true,
    );
  });

  it('flags a condition key whose type does not fit the operator', () => {
    expect(codes({ ...base, Condition: { DateGreaterThan: { 'aws:SourceIp': '2020-01-01' } } })).toContain(
      'type-mismatch',
    );
  });

  it('reports aws: keys that are not global condition keys as errors, but not service keys', () => {
    expect(codes({ ...base, Condition: { StringEquals: { 'aws:UserName': 'x' } } })).not.toContain(
      'invalid-global-condition-key',
    );
    expect(codes({ ...base, Condition: { StringEquals: { 'aws:NoSuchKey': 'x' } } })).toContain(
      'invalid-global-condition-key',
    );
    expect(codes({ ...base, Condition: { StringEquals: { 's3:prefix': 'x' } } })).not.toContain(
      'invalid-global-condition-key',
    );
  });

  it('flags malformed values that would fail closed', () => {
    expect(codes({ ...base, Condition: { NumericLessThan: { 's3:max-keys': 'ten' } } })).toContain(
      'malformed-condition-value',
    );
    expect(codes({ ...base, Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/33' } } })).toContain(
      'malformed-condition-value',
    );
  });

  it('warns about set operators on single-valued keys and multivalued keys without them', () => {
    expect(codes({ ...base, Condition: { 'ForAnyValue:StringEquals': { 'aws:username': 'x' } } })).toContain(
      'set-operator-on-single-valued-key',
    );
    expect(codes({ ...base, Condition: { StringEquals: { 'aws:TagKeys': 'x' } } })).toContain(
      'multivalued-key-without-set-operator',
    );
  });

  it('warns that ForAllValues with Allow matches requests without the key', () => {
    expect(codes({ ...base, Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': 'x' } } })).toContain(
      'allow-for-all-values',
    );
  });

  it('warns about variables that will not substitute', () => {
    expect(
      codes({ ...base, Condition: { NumericLessThan: { 's3:max-keys': '${aws:PrincipalTag/max}' } } }),
    ).toContain('variable-not-supported');
    expect(codes({ ...base, Resource: 'arn:aws:s3:::b/${aws:username}' }, 'session', '2008-10-17')).toContain(
      'variable-in-old-version',
    );
  });

  it('warns about broad grants', () => {
    expect(codes({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })).toContain('allow-with-not-action');
    expect(codes({ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret/*' })).toContain(
      'allow-with-not-resource',
    );
    expect(codes({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' })).toContain(
      'pass-role-with-star-in-resource',
    );
    expect(codes({ ...base, Principal: '*' }, 'resource')).toContain('public-principal');
  });

  it('suggests removing actions covered by a wildcard in the same statement', () => {
    expect(codes({ ...base, Action: ['s3:*', 's3:GetObject'] })).toEqual(['redundant-action']);
  });
});
