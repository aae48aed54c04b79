// Owns AWS's decision across policy types: explicit deny anywhere wins; resource control policies and service
// control policies must allow at every level; resource-based policies with the same-account rules; identity
// policies; permissions boundaries; session policies; cross-account requests need both sides; the root user is
// limited only by organization policies. Per
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
import type { EvaluationTrace } from './compile-condition.ts';
import type { CompiledPolicy } from './compile-policy.ts';
import { evaluatePolicy } from './evaluate-policy.ts';
import { EvaluationWorkExceeded, evaluationWork, WORK_LIMITS } from './evaluation-work.ts';
import type { MatchedStatement, PolicyOutcome } from './evaluate-policy.ts';
import { ACCOUNT_GRANT, DIRECT_GRANT } from './principal-match.ts';
import { PreparedRequest } from './request-context.ts';
import type { RequestInput } from './request-context.ts';

export type PolicyType = 'rcp' | 'scp' | 'resource' | 'identity' | 'boundary' | 'session';

/** Every policy that applies to one request, by type. Absent types do not constrain. */
export interface PolicySet {
  /** The principal's identity-based policies: user, group and role policies, inline and managed. */
  readonly identity?: readonly CompiledPolicy[];
  /** The principal's permissions boundary. */
  readonly boundary?: CompiledPolicy;
  /** Session policies passed when the session was created (inline and managed together). */
  readonly session?: readonly CompiledPolicy[];
  /** The resource's resource-based policy (a role's trust policy for sts:AssumeRole*). */
  readonly resource?: CompiledPolicy;
  /** True where the resource policy must allow whatever else allows (role trust policies, KMS key policies). */
  readonly resourcePolicyRequired?: boolean;
  /** SCPs of the principal's account, one list per level from the organization root down to the account. */
  readonly scp?: readonly (readonly CompiledPolicy[])[];
  /** RCPs of the resource's account, one list per level from the root down to the account. */
  readonly rcp?: readonly (readonly CompiledPolicy[])[];
}

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** Why a request was denied: which policy type, and whether by an explicit Deny or the lack of an Allow. */
export interface DenialReason {
  readonly policyType: PolicyType;
  readonly explicit: boolean;
}

export type TypeVerdict = 'allow' | 'deny' | 'no-allow' | 'not-present';

export interface DecisionResult {
  readonly decision: Decision;
  readonly reason?: DenialReason;
}

export interface ExplainedDecision extends DecisionResult {
  /** What each policy type said (`not-present` when the set has none of that type). */
  readonly verdicts: Readonly<Record<PolicyType, TypeVerdict>>;
  /** The statements that decided: the Deny statements of an ExplicitDeny, the Allow statements of an Allow. */
  readonly decidingStatements: readonly MatchedStatement[];
  /** Every statement that applied, whatever its effect. */
  readonly matchedStatements: readonly MatchedStatement[];
  /** Condition keys (and policy variables) that applicable statements referred to and the request lacked. */
  readonly missingContextKeys: readonly string[];
  /** True when every SCP and RCP level allowed (or there were none). */
  readonly allowedByOrganizations: boolean;
  /** True when the boundary allowed (or there was none). */
  readonly allowedByPermissionsBoundary: boolean;
}

const ALLOW: DecisionResult = Object.freeze({ decision: 'Allow' });
const POLICY_TYPES: readonly PolicyType[] = ['rcp', 'scp', 'resource', 'identity', 'boundary', 'session'];
function result(policyType: PolicyType, explicit: boolean): DecisionResult {
  return Object.freeze({
    decision: explicit ? 'ExplicitDeny' : 'ImplicitDeny',
    reason: Object.freeze({ policyType, explicit }),
  });
}
const EXPLICIT = Object.fromEntries(POLICY_TYPES.map((t) => [t, result(t, true)])) as Record<
  PolicyType,
  DecisionResult
>;
const IMPLICIT = Object.fromEntries(POLICY_TYPES.map((t) => [t, result(t, false)])) as Record<
  PolicyType,
  DecisionResult
>;
function denied(policyType: PolicyType, explicit: boolean): DecisionResult {
  return explicit ? EXPLICIT[policyType] : IMPLICIT[policyType];
}

const fresh = (): PolicyOutcome => ({ deny: false, allow: false, strength: 0 });

interface Outcomes {
  rcp: PolicyOutcome[];
  scp: PolicyOutcome[];
  resource: PolicyOutcome;
  identity: PolicyOutcome;
  boundary: PolicyOutcome;
  session: PolicyOutcome;
}

/**
 * Evaluates every policy; returns the first type with an explicit deny. Without `matched` (the fast path) it
 * stops at that deny. Written without closures: this is the hot path.
 */
function gather(
  set: PolicySet,
  req: PreparedRequest,
  trace: EvaluationTrace | undefined,
  matched: MatchedStatement[] | undefined,
  o: Outcomes,
): PolicyType | undefined {
  let firstDeny: PolicyType | undefined;
  const stop = matched === undefined;
  if (set.rcp) {
    for (const level of set.rcp) {
      const out = fresh();
      o.rcp.push(out);
      for (const p of level) {
        if (evaluatePolicy(p, req, out, trace, matched, true)) {
          firstDeny ??= 'rcp';
          if (stop) return firstDeny;
        }
      }
    }
  }
  if (set.scp) {
    for (const level of set.scp) {
      const out = fresh();
      o.scp.push(out);
      for (const p of level) {
        if (evaluatePolicy(p, req, out, trace, matched)) {
          firstDeny ??= 'scp';
          if (stop) return firstDeny;
        }
      }
    }
  }
  if (set.resource && evaluatePolicy(set.resource, req, o.resource, trace, matched, true)) {
    firstDeny ??= 'resource';
    if (stop) return firstDeny;
  }
  if (set.identity) {
    for (const p of set.identity) {
      if (evaluatePolicy(p, req, o.identity, trace, matched)) {
        firstDeny ??= 'identity';
        if (stop) return firstDeny;
      }
    }
  }
  if (set.boundary && evaluatePolicy(set.boundary, req, o.boundary, trace, matched)) {
    firstDeny ??= 'boundary';
    if (stop) return firstDeny;
  }
  if (set.session) {
    for (const p of set.session) {
      if (evaluatePolicy(p, req, o.session, trace, matched)) {
        firstDeny ??= 'session';
        if (stop) return firstDeny;
      }
    }
  }
  return firstDeny;
}

const NON_IAM = new Set(['Anonymous', 'Service', 'WebIdentityUser', 'SAMLUser']);

function decide(
  set: PolicySet,
  req: PreparedRequest,
  o: Outcomes,
  firstDeny: PolicyType | undefined,
): DecisionResult {
  if (firstDeny) return denied(firstDeny, true);
  for (const level of o.rcp) if (!level.allow) return denied('rcp', false);
  for (const level of o.scp) if (!level.allow) return denied('scp', false);
  const rbp = o.resource;
  if (set.resourcePolicyRequired && !rbp.allow) return denied('resource', false);
  const p = req.principal;
  if (NON_IAM.has(p.type)) return rbp.allow ? ALLOW : denied('resource', false);
  const sameAccount = !req.resourceAccount || !p.account || req.resourceAccount === p.account;
  if (p.type === 'Account') {
    if (sameAccount || rbp.allow) return ALLOW;
    return denied('resource', false);
  }
  if (sameAccount && rbp.allow && rbp.strength === DIRECT_GRANT) return ALLOW;
  const grantsWithoutIdentity = sameAccount && rbp.allow && rbp.strength > ACCOUNT_GRANT;
  if (!o.identity.allow && !grantsWithoutIdentity) return denied('identity', false);
  if (set.boundary && !o.boundary.allow) return denied('boundary', false);
  const hasSession = set.session !== undefined && set.session.length > 0;
  if (hasSession && !o.session.allow) return denied('session', false);
  // A federated user session (GetFederationToken) without a session policy has no permissions.
  if (p.type === 'FederatedUser' && !hasSession) return denied('session', false);
  if (!sameAccount && !rbp.allow) return denied('resource', false);
  return ALLOW;
}

function toPrepared(request: RequestInput | PreparedRequest): PreparedRequest {
  return request instanceof PreparedRequest ? request : new PreparedRequest(request);
}

const NO_LEVELS: PolicyOutcome[] = [];
const newOutcomes = (set: PolicySet): Outcomes => ({
  rcp: set.rcp ? [] : NO_LEVELS,
  scp: set.scp ? [] : NO_LEVELS,
  resource: fresh(),
  identity: fresh(),
  boundary: fresh(),
  session: fresh(),
});

/** Decides a request. The fast path: no explanation, stops at the first explicit deny. */
export function authorize(set: PolicySet, request: RequestInput | PreparedRequest): DecisionResult {
  const req = toPrepared(request);
  const o = newOutcomes(set);
  const firstDeny = gather(set, req, undefined, undefined, o);
  return decide(set, req, o, firstDeny);
}

function verdict(present: boolean, out: PolicyOutcome): TypeVerdict {
  if (!present) return 'not-present';
  return out.deny ? 'deny' : out.allow ? 'allow' : 'no-allow';
}

function levelsVerdict(levels: PolicyOutcome[]): TypeVerdict {
  if (levels.length === 0) return 'not-present';
  if (levels.some((l) => l.deny)) return 'deny';
  return levels.every((l) => l.allow) ? 'allow' : 'no-allow';
}

/**
 * Decides a request and explains the decision: per-type verdicts, statements, missing context keys. Its
 * callers (the simulator, the authorization API) take context from outside, so it first estimates the
 * work and throws EvaluationWorkExceeded past WORK_LIMITS.stepsPerEvaluation: no evaluation holds the
 * thread for long.
 */
export function explainAuthorization(
  set: PolicySet,
  request: RequestInput | PreparedRequest,
): ExplainedDecision {
  const req = toPrepared(request);
  const steps = evaluationWork(set, req);
  if (steps > WORK_LIMITS.stepsPerEvaluation)
    throw new EvaluationWorkExceeded(steps, WORK_LIMITS.stepsPerEvaluation);
  const o = newOutcomes(set);
  const trace: EvaluationTrace = { missingKeys: new Set() };
  const matched: MatchedStatement[] = [];
  const firstDeny = gather(set, req, trace, matched, o);
  const result = decide(set, req, o, firstDeny);
  const deciding =
    result.decision === 'ExplicitDeny'
      ? matched.filter((m) => m.statement.effect === 'Deny')
      : result.decision === 'Allow'
        ? matched.filter((m) => m.statement.effect === 'Allow')
        : [];
  const verdicts: Record<PolicyType, TypeVerdict> = {
    rcp: levelsVerdict(o.rcp),
    scp: levelsVerdict(o.scp),
    resource: verdict(set.resource !== undefined, o.resource),
    identity: verdict((set.identity?.length ?? 0) > 0, o.identity),
    boundary: verdict(set.boundary !== undefined, o.boundary),
    session: verdict((set.session?.length ?? 0) > 0, o.session),
  };
  return {
    ...result,
    verdicts,
    decidingStatements: deciding,
    matchedStatements: matched,
    missingContextKeys: [...trace.missingKeys].sort(),
    allowedByOrganizations:
      verdicts.scp !== 'deny' &&
      verdicts.scp !== 'no-allow' &&
      verdicts.rcp !== 'deny' &&
      verdicts.rcp !== 'no-allow',
    allowedByPermissionsBoundary: verdicts.boundary === 'allow' || verdicts.boundary === 'not-present',
  };
}
