// GetDelegationRequest: a request as its partner, any account (while it has no owner account) or its
// owner account sees it. With DelegationPermissionCheck, whether the caller's own permissions cover
// what the request asks (decided at once, so the check is COMPLETE).
import { defineAction, type ActionContext } from '../action.ts';
import { visibleDelegationRequest } from '../../domain/index.ts';
import { delegationRequestShape } from './shapes/delegation-request-shapes.ts';
import { delegationRequestResource, delegationRequestTarget } from './delegation-request-target.ts';

type CheckResult = 'ALLOWED' | 'DENIED' | 'UNSURE';

const list = (v: unknown): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
const literal = (s: string) => !/[*?]/.test(s);

/**
 * Asks the engine about every literal action and resource of the policy's Allow statements. Any
 * refused: DENIED. All allowed and nothing left unasked (no wildcard, NotAction, NotResource or
 * condition): ALLOWED. Otherwise UNSURE, as AWS's approximate check may answer.
 */
async function permissionCheck(policy: string, ctx: ActionContext): Promise<CheckResult> {
  let statements: Record<string, unknown>[];
  try {
    const doc = JSON.parse(policy) as { Statement?: unknown };
    statements = (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) as Record<
      string,
      unknown
    >[];
  } catch {
    return 'UNSURE';
  }
  let sure = true;
  for (const s of statements) {
    if (!s || s.Effect !== 'Allow') continue;
    if (s.NotAction !== undefined || s.NotResource !== undefined || s.Condition !== undefined) sure = false;
    for (const action of list(s.Action))
      for (const resource of list(s.Resource)) {
        if (!literal(action) || !literal(resource)) {
          sure = false;
          continue;
        }
        const d = await ctx.services.authorizer.decide({
          principal: ctx.caller,
          action,
          resource,
          request: ctx.request,
        });
        if (d.decision !== 'Allow') return 'DENIED';
      }
  }
  return sure ? 'ALLOWED' : 'UNSURE';
}

export const GetDelegationRequest = defineAction({
  service: 'iam',
  name: 'GetDelegationRequest',
  resource: delegationRequestResource,
  authorizationTarget: delegationRequestTarget,
  async handle(input, ctx) {
    const row = await ctx.services.store.read((r) =>
      visibleDelegationRequest(r, ctx.caller, input.DelegationRequestId),
    );
    if (!input.DelegationPermissionCheck) return { DelegationRequest: delegationRequestShape(row, ctx.now) };
    return {
      DelegationRequest: delegationRequestShape(row, ctx.now),
      PermissionCheckStatus: 'COMPLETE' as const,
      PermissionCheckResult: await permissionCheck(row.permission_policy, ctx),
    };
  },
});
