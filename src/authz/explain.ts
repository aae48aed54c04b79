// Owns explained authorization: the same decision the Authorizer makes (the principal's applicable
// policies, an optional resource policy, the request's condition keys), with what the engine says about it
// — per-type verdicts, the deciding statements with their source positions, the missing context keys —
// and a one-line reason in AWS's AccessDenied vocabulary. The authorization API for other services and its
// library form answer with it.
import {
  accessDeniedMessage,
  denialClause,
  type ExplainedDecision,
  type MatchedStatement,
  type PolicyType,
} from '../policy/index.ts';
import type { AuthorizationRequest, Authorizer } from './authorize.ts';

export interface ExplainedStatement {
  /** The policy: a managed policy ARN, or `<owner ARN>/<inline policy name>`, or the resource policy id. */
  sourcePolicyId: string;
  sourcePolicyType: string;
  effect: 'Allow' | 'Deny';
  sid?: string;
  /** 0-based index in the policy's Statement list. */
  statementIndex: number;
  /** 1-based line and column where the statement starts and ends in the policy text. */
  startPosition: { line: number; column: number };
  endPosition: { line: number; column: number };
}

export interface ExplainedAuthorization {
  decision: ExplainedDecision['decision'];
  /** Why: "allowed by an identity-based policy", "because no identity-based policy allows the x:Y action" … */
  reason: string;
  /** AWS's AccessDenied message when the decision is not Allow. */
  message?: string;
  /** The deciding statements: the Deny statements of an ExplicitDeny, the Allow statements of an Allow. */
  matchedStatements: ExplainedStatement[];
  /** Condition keys that applicable statements referred to and the request lacked. */
  missingContextValues: string[];
  /** What each policy type said. */
  verdicts: ExplainedDecision['verdicts'];
}

const ALLOWED_BY: Readonly<Record<PolicyType, string>> = {
  identity: 'an identity-based policy',
  resource: 'a resource-based policy',
  boundary: 'a permissions boundary',
  session: 'a session policy',
  scp: 'a service control policy',
  rcp: 'a resource control policy',
};

function statementOf(m: MatchedStatement): ExplainedStatement {
  const { start, end } = m.statement.span;
  return {
    sourcePolicyId: m.policy.id,
    sourcePolicyType: m.policy.sourceType,
    effect: m.statement.effect,
    ...(m.statement.sid !== undefined ? { sid: m.statement.sid } : {}),
    statementIndex: m.statement.index,
    startPosition: { line: start.line, column: start.column },
    endPosition: { line: end.line, column: end.column },
  };
}

function allowReason(req: AuthorizationRequest, e: ExplainedDecision): string {
  if (req.principal.type === 'root' && e.verdicts.identity === 'not-present')
    return 'allowed: the root user may perform every action in its own account';
  const by = (['identity', 'resource'] as const).filter((t) => e.verdicts[t] === 'allow');
  return `allowed by ${by.map((t) => ALLOWED_BY[t]).join(' and ') || 'the applicable policies'}`;
}

/** Decides `req` as the Authorizer would, and explains the decision. */
export async function explainRequest(
  authorizer: Authorizer,
  req: AuthorizationRequest,
): Promise<ExplainedAuthorization> {
  const e = await authorizer.explain(req);
  const out: ExplainedAuthorization = {
    decision: e.decision,
    reason:
      e.decision === 'Allow' ? allowReason(req, e) : e.reason ? denialClause(e.reason, req.action) : 'denied',
    matchedStatements: e.decidingStatements.map(statementOf),
    missingContextValues: [...e.missingContextKeys],
    verdicts: e.verdicts,
  };
  if (e.decision !== 'Allow')
    out.message = accessDeniedMessage(req.principal.arn, req.action, req.resource, e.reason);
  return out;
}
