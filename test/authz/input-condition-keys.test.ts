// The condition keys an IAM request's own parameters carry, per the IAM service authorization
// reference: aws:RequestTag/… and aws:TagKeys from Tags and TagKeys, iam:PolicyARN only on attach and
// detach calls, iam:PermissionsBoundary from the request or, for calls that change an entity's
// permissions, from the boundary the target already has.
import { describe, expect, it } from 'vitest';
import { inputConditionKeys } from '../../src/authz/input-condition-keys.ts';

const BOUNDARY = 'arn:aws:iam::123456789012:policy/XCompanyBoundaries';
const OTHER = 'arn:aws:iam::123456789012:policy/Other';
const target = { arn: 'arn:aws:iam::123456789012:user/bob', permissionsBoundary: BOUNDARY };

describe('inputConditionKeys', () => {
  it('turns Tags into request tags (aws:TagKeys is derived from them) and TagKeys into aws:TagKeys', () => {
    expect(
      inputConditionKeys('CreateUser', {
        UserName: 'bob',
        Tags: [
          { Key: 'team', Value: 'x' },
          { Key: 'cost', Value: '1' },
        ],
      }),
    ).toEqual({ keys: {}, requestTags: { team: 'x', cost: '1' } });
    expect(inputConditionKeys('UntagRole', { RoleName: 'r', TagKeys: ['team'] })).toEqual({
      keys: { 'aws:TagKeys': ['team'] },
    });
  });

  it('gives iam:PolicyARN on attach and detach calls only', () => {
    for (const action of ['AttachUserPolicy', 'DetachGroupPolicy', 'AttachRolePolicy'])
      expect(inputConditionKeys(action, { PolicyArn: OTHER }).keys['iam:PolicyARN']).toBe(OTHER);
    for (const action of ['GetPolicy', 'DeletePolicy', 'CreatePolicyVersion', 'ListEntitiesForPolicy'])
      expect(inputConditionKeys(action, { PolicyArn: OTHER }).keys).not.toHaveProperty('iam:PolicyARN');
  });

  it('takes iam:PermissionsBoundary from the request when it sets one', () => {
    expect(inputConditionKeys('CreateUser', { UserName: 'u', PermissionsBoundary: OTHER }).keys).toEqual({
      'iam:PermissionsBoundary': OTHER,
    });
    expect(
      inputConditionKeys(
        'PutUserPermissionsBoundary',
        { UserName: 'bob', PermissionsBoundary: OTHER },
        target,
      ).keys,
    ).toEqual({ 'iam:PermissionsBoundary': OTHER });
  });

  it("takes iam:PermissionsBoundary from the target's boundary on calls that change its permissions", () => {
    for (const action of [
      'AttachUserPolicy',
      'DetachUserPolicy',
      'PutUserPolicy',
      'DeleteUserPolicy',
      'DeleteUserPermissionsBoundary',
      'AttachRolePolicy',
      'DetachRolePolicy',
      'PutRolePolicy',
      'DeleteRolePolicy',
      'DeleteRolePermissionsBoundary',
    ])
      expect(inputConditionKeys(action, { UserName: 'bob' }, target).keys['iam:PermissionsBoundary']).toBe(
        BOUNDARY,
      );
    // other calls on the same user do not carry it, and a target without a boundary has none
    expect(inputConditionKeys('GetUser', { UserName: 'bob' }, target).keys).toEqual({});
    expect(inputConditionKeys('PutUserPolicy', { UserName: 'bob' }, { arn: target.arn }).keys).toEqual({});
  });

  it('gives iam:AWSServiceName for service-linked roles', () => {
    expect(
      inputConditionKeys('CreateServiceLinkedRole', { AWSServiceName: 'elasticbeanstalk.amazonaws.com' })
        .keys,
    ).toEqual({ 'iam:AWSServiceName': 'elasticbeanstalk.amazonaws.com' });
  });
});
