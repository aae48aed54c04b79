// The lifecycle of an IAM delegation request as a table: which operation moves a request from which
// states to which, how long each state lasts before the request expires, and the error AWS's model
// lists for a refused move. Pure: no store, no clock of its own.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/temporary-delegation-building-integration.html
import { AwsError, type AwsErrorCode } from '../errors.ts';
import type { DelegationRequestState } from '../store/index.ts';

export type { DelegationRequestState } from '../store/index.ts';

/** The operations that move a delegation request. */
export type DelegationOperation =
  | 'AssociateDelegationRequest'
  | 'UpdateDelegationRequest'
  | 'AcceptDelegationRequest'
  | 'RejectDelegationRequest'
  | 'SendDelegationToken';

interface Transition {
  from: readonly DelegationRequestState[];
  to: DelegationRequestState;
  /** The error a request in any other state gets: one of the operation's errors in AWS's model. */
  refusal: AwsErrorCode;
}

const DAY_SECONDS = 86_400;

/**
 * Allowed moves. AcceptDelegationRequest's model lists no InvalidInput, so a request in the wrong
 * state is a ConcurrentModification there (another party moved it); the others answer InvalidInput.
 */
export const DELEGATION_TRANSITIONS: Readonly<Record<DelegationOperation, Transition>> = {
  AssociateDelegationRequest: { from: ['UNASSIGNED'], to: 'ASSIGNED', refusal: 'InvalidInput' },
  UpdateDelegationRequest: {
    from: ['ASSIGNED', 'PENDING_APPROVAL'],
    to: 'PENDING_APPROVAL',
    refusal: 'InvalidInput',
  },
  AcceptDelegationRequest: {
    from: ['ASSIGNED', 'PENDING_APPROVAL'],
    to: 'ACCEPTED',
    refusal: 'ConcurrentModification',
  },
  RejectDelegationRequest: {
    from: ['ASSIGNED', 'PENDING_APPROVAL', 'ACCEPTED'],
    to: 'REJECTED',
    refusal: 'InvalidInput',
  },
  SendDelegationToken: { from: ['ACCEPTED'], to: 'FINALIZED', refusal: 'InvalidInput' },
};

/**
 * How long a request may stay in each state before it expires (AWS's user guide: one day unassigned,
 * seven days in every other state). EXPIRED is final.
 */
export const DELEGATION_STATE_SECONDS: Readonly<Record<Exclude<DelegationRequestState, 'EXPIRED'>, number>> =
  {
    UNASSIGNED: DAY_SECONDS,
    ASSIGNED: 7 * DAY_SECONDS,
    PENDING_APPROVAL: 7 * DAY_SECONDS,
    ACCEPTED: 7 * DAY_SECONDS,
    REJECTED: 7 * DAY_SECONDS,
    FINALIZED: 7 * DAY_SECONDS,
  };

/** When a request entering `state` at `at` expires. */
export function delegationExpiry(state: Exclude<DelegationRequestState, 'EXPIRED'>, at: Date): Date {
  return new Date(at.getTime() + DELEGATION_STATE_SECONDS[state] * 1000);
}

/** The state a stored request is in at `now`: past its expiry, EXPIRED. */
export function effectiveDelegationState(
  stored: DelegationRequestState,
  expiresAt: string,
  now: Date,
): DelegationRequestState {
  return stored !== 'EXPIRED' && now.getTime() >= Date.parse(expiresAt) ? 'EXPIRED' : stored;
}

/** The state `operation` moves a request in `state` to; the model's error when it may not. */
export function nextDelegationState(
  operation: DelegationOperation,
  id: string,
  state: DelegationRequestState,
): Exclude<DelegationRequestState, 'EXPIRED'> {
  const t = DELEGATION_TRANSITIONS[operation];
  if (!t.from.includes(state))
    throw new AwsError(
      t.refusal,
      `Delegation request ${id} is in state ${state}; ${operation} needs it in state ${t.from.join(' or ')}.`,
    );
  return t.to as Exclude<DelegationRequestState, 'EXPIRED'>;
}
