// IAM's acceptance of policy documents: the first problem, reported with IAM's exact message.
import { describe, expect, it } from 'vitest';
import {
  checkPolicyDocument,
  parsePolicy,
  policySizeWithoutWhitespace,
  validatePolicy,
} from '../../src/policy/index.ts';
import type { PolicyKind } from '../../src/policy/index.ts';

const doc = (statement: unknown, version: string | null = '2012-10-17'): string =>
  JSON.stringify(version === null ? { Statement: statement } : { Version: version, Statement: statement });

const allowS3 = { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::example_bucket' };
const trust = { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' };

function message(text: string, kind: PolicyKind = 'identity'): string | undefined {
  const r = checkPolicyDocument(text, kind);
  return r.ok ? undefined : r.message;
}

describe('checkPolicyDocument', () => {
  it('accepts a well-formed identity policy and returns its tree', () => {
    const r = checkPolicyDocument(doc(allowS3), 'identity');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.policy.statements[0]?.action?.values[0]?.value).toBe('s3:ListBucket');
  });

  it.each([
    ['text that is not JSON', 'This is not a json document'],
    ['a JSON array', '[]'],
    ['an unknown top-level field', JSON.stringify({ Version: '2012-10-17', Foo: 1, Statement: allowS3 })],
    ['an unknown statement field', doc({ ...allowS3, Foo: 'x' })],
    ['a missing Effect', doc({ Action: 's3:ListBucket', Resource: '*' })],
    ['an Effect that is neither Allow nor Deny', doc({ ...allowS3, Effect: 'Maybe' })],
    ['both Action and NotAction', doc({ ...allowS3, NotAction: 'iam:*' })],
    ['an unknown Version', doc(allowS3, '2013-10-17')],
    ['an empty Statement list', doc([])],
    [
      'an unknown condition operator with keys',
      doc({ ...allowS3, Condition: { StringSorta: { 'aws:username': 'x' } } }),
    ],
    ['a number in Action', doc({ ...allowS3, Action: [1] })],
  ])('reports "Syntax errors in policy." for %s', (_name, text) => {
    expect(message(text)).toBe('Syntax errors in policy.');
  });

  it('requires Version 2012-10-17 for identity policies', () => {
    expect(message(doc(allowS3, null))).toBe('Policy document must be version 2012-10-17 or greater.');
    expect(message(doc(allowS3, '2008-10-17'))).toBe(
      'Policy document must be version 2012-10-17 or greater.',
    );
  });

  it('refuses a principal in an identity policy', () => {
    expect(message(doc({ ...allowS3, Principal: '*' }))).toBe(
      'Policy document should not specify a principal.',
    );
  });

  it('fails legacy parsing for a lower-case Effect and for an unreadable date', () => {
    expect(message(doc({ ...allowS3, Effect: 'allow' }))).toBe('The policy failed legacy parsing');
    const badDate = { ...allowS3, Condition: { DateGreaterThan: { 'aws:CurrentTime': 'not-a-date' } } };
    expect(message(doc(badDate))).toBe('The policy failed legacy parsing');
  });

  it('refuses duplicate Sids, missing actions and missing resources in that order', () => {
    expect(
      message(
        doc([
          { ...allowS3, Sid: 'A' },
          { ...allowS3, Sid: 'A' },
        ]),
      ),
    ).toBe('Statement IDs (SID) in a single policy must be unique.');
    expect(message(doc({ Effect: 'Allow', Resource: '*' }))).toBe('Policy statement must contain actions.');
    expect(message(doc({ Effect: 'Allow', Action: 's3:*' }))).toBe(
      'Policy statement must contain resources.',
    );
  });

  it('reports action vendor problems', () => {
    expect(message(doc({ ...allowS3, Action: 'ListBucket' }))).toBe(
      'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
    );
    expect(message(doc({ ...allowS3, Action: 's3:List:Bucket' }))).toBe(
      'Actions/Condition can contain only one colon.',
    );
    expect(message(doc({ ...allowS3, Action: 's 3:ListBucket' }))).toBe('Vendor s 3 is not valid');
  });

  it('reports resource format problems with the resource named', () => {
    expect(message(doc({ ...allowS3, Resource: 'bucket' }))).toBe(
      'Resource bucket must be in ARN format or "*".',
    );
    expect(message(doc({ ...allowS3, Resource: 'arn:foo:s3:::b' }))).toBe(
      'Partition "foo" is not valid for resource "arn:foo:s3:::b".',
    );
    expect(message(doc({ ...allowS3, Resource: 'arn:aws:iam:us-east-1:123456789012:user/x' }))).toBe(
      'IAM resource arn:aws:iam:us-east-1:123456789012:user/x cannot contain region information.',
    );
  });

  it('requires a principal in resource and trust policies', () => {
    expect(message(doc(allowS3), 'resource')).toBe('Missing required field Principal');
    expect(message(doc({ Effect: 'Allow', Action: 'sts:AssumeRole' }), 'trust')).toMatch(
      /^Invalid principal in policy: .*statement with no principals!$/,
    );
  });

  it('accepts a trust policy, including the 2008-10-17 version, and refuses non-STS actions and resources', () => {
    expect(message(doc(trust), 'trust')).toBeUndefined();
    expect(message(doc(trust, '2008-10-17'), 'trust')).toBeUndefined();
    expect(message(doc({ ...trust, Action: 's3:GetObject' }), 'trust')).toBe(
      'Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity',
    );
    expect(message(doc({ ...trust, Resource: '*' }), 'trust')).toBe('Has prohibited field Resource.');
  });

  it('names an invalid principal the way IAM does', () => {
    expect(message(doc({ ...trust, Principal: { Service: 'amazonaws.com' } }), 'trust')).toBe(
      'Invalid principal in policy: "SERVICE":"amazonaws.com"',
    );
    expect(message(doc({ ...trust, Principal: { AWS: 'arn:aws:iam::12345:role/x' } }), 'trust')).toBe(
      'Invalid principal in policy: "AWS":"arn:aws:iam::12345:role/x"',
    );
  });

  it('says where the problem is, although IAM does not', () => {
    const text =
      '{"Version":"2012-10-17",\n"Statement":{"Effect":"Allow","Action":"ListBucket","Resource":"*"}}';
    const r = checkPolicyDocument(text, 'identity');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.position).toEqual({ offset: 64, line: 2, column: 40 });
  });

  it('refuses an escaped NUL and a lone surrogate, as IAM does, and accepts a surrogate pair', () => {
    const withResource = (escaped: string) =>
      doc(allowS3).replace('example_bucket', `example_bucket/${escaped}`);
    expect(message(withResource('\\u0000'))).toBe('Syntax errors in policy.');
    expect(message(withResource('\\ud800'))).toBe('Syntax errors in policy.');
    expect(message(withResource('\\udc00\\ud800'))).toBe('Syntax errors in policy.');
    expect(message(withResource('\ud800'))).toBe('Syntax errors in policy.');
    expect(message(doc({ ...allowS3, Sid: '\udfff' }))).toBe('Syntax errors in policy.');
    expect(message(withResource('\\ud83d\\ude00'))).toBeUndefined();
    expect(message(withResource('😀'))).toBeUndefined();
    expect(parsePolicy(withResource('\\u0000')).ok).toBe(false);
  });

  it('never throws, whatever the input', () => {
    for (const text of [
      '',
      '{',
      '{"Statement":',
      '\u0000',
      'null',
      '{"Statement":{"Effect":"Allow","Condition":[]}}',
    ])
      expect(() => checkPolicyDocument(text, 'identity')).not.toThrow();
    expect(() => checkPolicyDocument(undefined as unknown as string, 'identity')).not.toThrow();
  });
});

describe('parsePolicy', () => {
  it('returns a frozen tree whose elements know their line and column', () => {
    const text =
      '{\n  "Version": "2012-10-17",\n  "Statement": {\n    "Effect": "Allow",\n    "Action": "s3:*",\n    "Resource": "*"\n  }\n}';
    const r = parsePolicy(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.isFrozen(r.policy)).toBe(true);
    expect(Object.isFrozen(r.policy.statements[0])).toBe(true);
    expect(r.policy.statements[0]?.span.start).toEqual({ offset: 44, line: 3, column: 16 });
    expect(r.policy.statements[0]?.action?.span.start.line).toBe(5);
  });

  it('reports where the JSON stopped making sense', () => {
    const r = parsePolicy('{\n  "Version": 2012\n  "x": 1}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.position.line).toBe(3);
  });
});

describe('policySizeWithoutWhitespace', () => {
  it('counts characters but not white space', () => {
    expect(policySizeWithoutWhitespace('{ "a" :\n\t"b c" }')).toBe(10);
    expect(policySizeWithoutWhitespace('"é😀"')).toBe(4);
  });
});

describe('validatePolicy', () => {
  it('reports grammar errors with positions, and security warnings for broad grants', () => {
    expect(validatePolicy('{', 'identity')[0]?.severity).toBe('error');
    const findings = validatePolicy(doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }), 'identity');
    expect(findings.map((f) => f.code)).toContain('allow-with-not-action');
  });
});
