// Decoding Query parameters by AWS's model and validating them with AWS's wording.
import { describe, expect, it } from 'vitest';
import { readQueryInput, validateInput } from '../../src/protocol/query-decode.ts';
import { serviceModel } from '../../src/protocol/service-model.ts';

const iam = serviceModel('iam');
const sts = serviceModel('sts');
const params = (o: Record<string, string>) => new Map(Object.entries(o));

function validationMessage(shape: string, input: Record<string, unknown>, model = iam): string {
  try {
    validateInput(model, shape, input);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected a ValidationError');
}

describe('Query decoding', () => {
  it('reads nested lists of structures (Tags.member.N.Key)', () => {
    const input = readQueryInput(
      iam,
      'CreateUserRequest',
      params({
        UserName: 'a',
        'Tags.member.1.Key': 'k1',
        'Tags.member.1.Value': 'v1',
        'Tags.member.2.Key': 'k2',
        'Tags.member.2.Value': 'v2',
      }),
    );
    expect(input).toEqual({
      UserName: 'a',
      Tags: [
        { Key: 'k1', Value: 'v1' },
        { Key: 'k2', Value: 'v2' },
      ],
    });
  });

  it('reads an empty list given as a bare parameter', () => {
    expect(readQueryInput(iam, 'UntagUserRequest', params({ UserName: 'a', TagKeys: '' }))).toEqual({
      UserName: 'a',
      TagKeys: [],
    });
  });

  it('reads integers and booleans by their shape', () => {
    expect(readQueryInput(iam, 'ListUsersRequest', params({ MaxItems: '5' }))).toEqual({ MaxItems: 5 });
    expect(
      readQueryInput(iam, 'UpdateAccountPasswordPolicyRequest', params({ RequireSymbols: 'true' })),
    ).toMatchObject({
      RequireSymbols: true,
    });
  });

  it('reads lists of structures with lower-case members (STS PolicyArns.member.N.arn)', () => {
    const input = readQueryInput(
      sts,
      'AssumeRoleRequest',
      params({
        RoleArn: 'arn:aws:iam::123456789012:role/r',
        RoleSessionName: 's',
        'PolicyArns.member.1.arn': 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      }),
    );
    expect(input.PolicyArns).toEqual([{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }]);
  });
});

describe('validation errors', () => {
  it('reports a missing required member as null', () => {
    expect(validationMessage('CreateUserRequest', {})).toBe(
      "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null",
    );
  });

  it('counts and joins several errors, with list positions from 1', () => {
    const msg = validationMessage('CreateUserRequest', {
      UserName: '',
      Tags: [{ Key: 'k', Value: 'x'.repeat(257) }],
    });
    expect(msg).toMatch(/^3 validation errors detected: /);
    expect(msg).toContain(
      "Value '' at 'userName' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect(msg).toContain(
      "at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256",
    );
  });

  it('reports numeric ranges', () => {
    expect(validationMessage('ListUsersRequest', { MaxItems: 0 })).toBe(
      "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it('reports enum value sets', () => {
    expect(
      validationMessage('UpdateAccessKeyRequest', {
        AccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        Status: 'Sleeping',
      }),
    ).toBe(
      "1 validation error detected: Value 'Sleeping' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive, Expired]",
    );
  });

  it('never echoes a sensitive value such as a password', () => {
    const msg = validationMessage('CreateLoginProfileRequest', { UserName: 'a', Password: 'Sécret-ā-Pass1' });
    expect(msg).not.toContain('Sécret');
    expect(msg).toContain("Value at 'password' failed to satisfy constraint");
  });
});
