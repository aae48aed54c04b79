// The delegation request moves that only change its state and record one thing: AcceptDelegationRequest
// (the owner account approves; the caller is recorded as the approver the credentials will act as; ACCEPTED
// until its token is sent or it is rejected), AssociateDelegationRequest (an identity of the customer's
// account takes up an UNASSIGNED request of its account, or one open to any, and becomes its owner:
// ASSIGNED), RejectDelegationRequest (refused, also after accepting until its token is sent, with the notes
// as RejectionReason; final) and UpdateDelegationRequest (the owner adds notes and forwards it:
// PENDING_APPROVAL). Which move is allowed from which state, and by whom, is the lifecycle's rule
// (src/domain/delegation-lifecycle.ts).
import { defineFamilyAction, type Action, type ActionContext } from '../action.ts';
import {
  acceptChange,
  associateChange,
  moveDelegationRequest,
  type DelegationOperation,
  type DelegationRequestChange,
} from '../../domain/index.ts';
import { delegationRequestResource, delegationRequestTarget } from './delegation-request-target.ts';

interface MoveInput {
  DelegationRequestId: string;
  Notes?: string;
}

interface Move {
  name: Exclude<DelegationOperation, 'SendDelegationToken'>;
  /** What the move records besides the new state. */
  change(input: MoveInput, ctx: ActionContext): DelegationRequestChange;
}

const MOVES: readonly Move[] = [
  { name: 'AcceptDelegationRequest', change: (_input, ctx) => acceptChange(ctx.caller) },
  { name: 'AssociateDelegationRequest', change: (_input, ctx) => associateChange(ctx.caller) },
  { name: 'RejectDelegationRequest', change: (input) => ({ rejection_reason: input.Notes ?? null }) },
  { name: 'UpdateDelegationRequest', change: (input) => ({ notes: input.Notes ?? null }) },
];

export const delegationRequestMoves: Action[] = MOVES.map((move) =>
  defineFamilyAction<'iam', MoveInput, void>({
    service: 'iam',
    name: move.name,
    resource: delegationRequestResource,
    authorizationTarget: delegationRequestTarget,
    async handle(input, ctx) {
      await ctx.services.store.writeRecords((repos) =>
        moveDelegationRequest(repos, ctx.caller, move.name, input.DelegationRequestId, ctx.now, () =>
          move.change(input, ctx),
        ),
      );
    },
  }),
);
