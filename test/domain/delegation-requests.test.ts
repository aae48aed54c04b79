// The delegation request lifecycle as a table (every operation from every state), the expiry of each
// state, the filling of a policy template, and the summary's determinism — pure, with fixed times.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/temporary-delegation-building-integration.html
import { describe, expect, it } from 'vitest';
import {
  DELEGATION_STATE_SECONDS,
  DELEGATION_TRANSITIONS,
  delegationExpiry,
  effectiveDelegationState,
  nextDelegationState,
  type DelegationOperation,
  type DelegationRequestState,
} from '../../src/domain/delegation-lifecycle.ts';
import { approverOf, renderPolicyTemplate } from '../../src/domain/delegation-requests.ts';
import type { Principal } from '../../src/domain/principal.ts';
import type { SessionClaims } from '../../src/domain/session.ts';
import { delegationRequestSummary, SUMMARY_ORIGIN } from '../../src/domain/delegation-summary.ts';
import type { DelegationRequestRow } from '../../src/store/index.ts';
import { AwsError } from '../../src/errors.ts';

const STATES: DelegationRequestState[] = [
  'UNASSIGNED',
  'ASSIGNED',
  'PENDING_APPROVAL',
  'ACCEPTED',
  'FINALIZED',
  'REJECTED',
  'EXPIRED',
];

/** AWS's documented moves (the user guide's normal, rejection and expiration paths). */
const ALLOWED: Record<DelegationOperation, [DelegationRequestState[], DelegationRequestState]> = {
  AssociateDelegationRequest: [['UNASSIGNED'], 'ASSIGNED'],
  UpdateDelegationRequest: [['ASSIGNED', 'PENDING_APPROVAL'], 'PENDING_APPROVAL'],
  AcceptDelegationRequest: [['ASSIGNED', 'PENDING_APPROVAL'], 'ACCEPTED'],
  RejectDelegationRequest: [['ASSIGNED', 'PENDING_APPROVAL', 'ACCEPTED'], 'REJECTED'],
  SendDelegationToken: [['ACCEPTED'], 'FINALIZED'],
};

const T0 = new Date('2026-03-01T12:00:00Z');

describe('the delegation request lifecycle', () => {
  const cases = (Object.keys(ALLOWED) as DelegationOperation[]).flatMap((op) =>
    STATES.map((state) => [op, state] as const),
  );

  it.each(cases)('%s from %s moves only where AWS documents a move', (op, state) => {
    const [from, to] = ALLOWED[op];
    if (from.includes(state)) {
      expect(nextDelegationState(op, 'r-0123456789abcdef', state)).toBe(to);
      return;
    }
    let error: unknown;
    try {
      nextDelegationState(op, 'r-0123456789abcdef', state);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AwsError);
    // an error AWS's model lists for the operation: Accept has no InvalidInput
    expect((error as AwsError).code).toBe(DELEGATION_TRANSITIONS[op].refusal);
    expect((error as AwsError).code).toBe(
      op === 'AcceptDelegationRequest' ? 'ConcurrentModification' : 'InvalidInput',
    );
    expect((error as AwsError).message).toContain(`in state ${state}`);
  });

  it('FINALIZED, REJECTED and EXPIRED are final', () => {
    for (const state of ['FINALIZED', 'REJECTED', 'EXPIRED'] as const)
      for (const op of Object.keys(ALLOWED) as DelegationOperation[])
        expect(() => nextDelegationState(op, 'r-0123456789abcdef', state)).toThrow(AwsError);
  });

  it('expires an unassigned request after a day and one in any other state after seven', () => {
    expect(DELEGATION_STATE_SECONDS.UNASSIGNED).toBe(86_400);
    for (const state of ['ASSIGNED', 'PENDING_APPROVAL', 'ACCEPTED', 'REJECTED', 'FINALIZED'] as const)
      expect(DELEGATION_STATE_SECONDS[state]).toBe(7 * 86_400);
    const expiry = delegationExpiry('UNASSIGNED', T0).toISOString();
    expect(expiry).toBe('2026-03-02T12:00:00.000Z');
    expect(effectiveDelegationState('UNASSIGNED', expiry, new Date('2026-03-02T11:59:59Z'))).toBe(
      'UNASSIGNED',
    );
    expect(effectiveDelegationState('UNASSIGNED', expiry, new Date('2026-03-02T12:00:00Z'))).toBe('EXPIRED');
    // an expired request can no longer be taken up
    expect(() => nextDelegationState('AssociateDelegationRequest', 'r-0123456789abcdef', 'EXPIRED')).toThrow(
      /in state EXPIRED/,
    );
  });
});

describe('policy templates', () => {
  const template = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['s3:GetObject', '{{Extra}}'], Resource: 'arn:aws:s3:::{{Bucket}}/*' },
      { Effect: 'Allow', Action: 'ec2:Describe*', Resource: '{{Arns}}' },
    ],
  });

  it('fills string parameters in place and stringList parameters as lists', () => {
    const out = JSON.parse(
      renderPolicyTemplate(template, [
        { Name: 'Bucket', Type: 'string', Values: ['reports'] },
        { Name: 'Extra', Type: 'stringList', Values: ['s3:ListBucket', 's3:GetBucketLocation'] },
        {
          Name: 'Arns',
          Type: 'stringList',
          Values: ['arn:aws:ec2:*:*:instance/i-1', 'arn:aws:ec2:*:*:instance/i-2'],
        },
      ]),
    );
    expect(out.Statement[0]).toEqual({
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation'],
      Resource: 'arn:aws:s3:::reports/*',
    });
    expect(out.Statement[1].Resource).toEqual([
      'arn:aws:ec2:*:*:instance/i-1',
      'arn:aws:ec2:*:*:instance/i-2',
    ]);
  });

  it('refuses a placeholder without a parameter, a repeated parameter and a string with two values', () => {
    expect(() => renderPolicyTemplate(template, [])).toThrow(/needs a value for parameter/);
    const bucket = { Name: 'Bucket', Type: 'string', Values: ['a'] };
    expect(() => renderPolicyTemplate(template, [bucket, bucket])).toThrow(/more than once/);
    expect(() => renderPolicyTemplate(template, [{ ...bucket, Values: ['a', 'b'] }])).toThrow(
      /exactly one value/,
    );
  });
});

describe('the human-readable summary', () => {
  const row = {
    delegation_request_id: '0123456789abcdef',
    requestor_account_id: '123456789012',
    description: 'Rotate the backup keys',
    session_duration: 5400,
    permission_policy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          NotAction: 'kms:*',
          Resource: '*',
          Condition: {
            Bool: { 'aws:SecureTransport': 'false' },
            IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] },
          },
        },
      ],
    }),
  } as DelegationRequestRow;

  it('reads each statement into a sentence, always the same, and says it used no language model', () => {
    const text = delegationRequestSummary(row);
    expect(text).toBe(delegationRequestSummary({ ...row }));
    expect(text.split('\n')).toEqual([
      'Account 123456789012 requests temporary access for 1 hour and 30 minutes: Rotate the backup keys',
      'Statement 1 denies every action except kms:* on * only when aws:SecureTransport Bool "false" and aws:SourceIp IpAddress "10.0.0.0/8".',
      SUMMARY_ORIGIN,
    ]);
    expect(SUMMARY_ORIGIN).toBe('Generated by Tessera from the requested policy, without a language model.');
  });
});

describe('the identity a delegation maps to', () => {
  const role = {
    type: 'assumed-role',
    accountId: '210987654321',
    arn: 'arn:aws:sts::210987654321:assumed-role/Admin/alice',
    id: 'AROAEXAMPLE:alice',
    roleId: 'AROAEXAMPLE',
    roleName: 'Admin',
    roleArn: 'arn:aws:iam::210987654321:role/Admin',
    rolePath: '/',
    sessionName: 'alice',
  } as const;
  const session = (over: Partial<SessionClaims>) =>
    ({ kind: 'assumed-role', chainDepth: 0, ...over }) as SessionClaims;

  it('records a role session by its role and session name, with no secret', () => {
    const p = { ...role, session: session({ secretAccessKey: 'secret' }) } as Principal;
    expect(approverOf(p)).toEqual({
      type: 'assumed-role',
      accountId: role.accountId,
      arn: role.arn,
      id: role.id,
      roleId: role.roleId,
      roleName: role.roleName,
      roleArn: role.roleArn,
      rolePath: role.rolePath,
      sessionName: role.sessionName,
    });
  });

  it('refuses a session narrowed by session policies, and a federated user', () => {
    for (const narrowed of [
      { sessionPolicy: '{}' },
      { policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] },
    ])
      expect(() => approverOf({ ...role, session: session(narrowed) } as Principal)).toThrow(
        /limited by session policies/,
      );
    const federated = {
      type: 'federated-user',
      accountId: role.accountId,
      arn: 'arn:aws:sts::210987654321:federated-user/bob',
      id: '210987654321:bob',
      federatedName: 'bob',
      parentArn: 'arn:aws:iam::210987654321:user/bob',
      parentUserId: 'AIDAEXAMPLE',
      session: session({ kind: 'federated-user' } as Partial<SessionClaims>),
    } as Principal;
    expect(() => approverOf(federated)).toThrow(AwsError);
  });
});
