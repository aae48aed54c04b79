// Owns evaluating one compiled policy against a prepared request: which statements apply, whether any
// denies, whether any allows, and (for resource-based policies) how strongly the Principal element grants.
import type { EvaluationTrace } from './compile-condition.ts';
import type { CompiledPolicy, CompiledStatement } from './compile-policy.ts';
import { NO_MATCH } from './principal-match.ts';
import type { GrantStrength } from './principal-match.ts';
import type { PreparedRequest } from './request-context.ts';

export interface MatchedStatement {
  readonly policy: CompiledPolicy;
  readonly statement: CompiledStatement;
}

/** What one policy (or several of one type) says about a request. */
export interface PolicyOutcome {
  deny: boolean;
  allow: boolean;
  /** Strongest principal grant among matching Allow statements (resource-based policies). */
  strength: GrantStrength;
}

/** Whether a statement applies to the request (principal strength 0 means it does not). */
export function statementApplies(
  st: CompiledStatement,
  req: PreparedRequest,
  trace: EvaluationTrace | undefined,
  requirePrincipal = false,
): GrantStrength {
  if (!st.matchesAction(req)) return NO_MATCH;
  let strength: GrantStrength = 2;
  if (st.matchesPrincipal) {
    strength = st.matchesPrincipal(req.principal);
    if (strength === NO_MATCH) return NO_MATCH;
  } else if (requirePrincipal && st.effect === 'Allow') {
    // A resource-based Allow that names nobody grants nobody (IAM would have refused it; fail closed).
    return NO_MATCH;
  }
  if (!st.matchesResource(req, trace)) return NO_MATCH;
  if (trace) {
    // Explained runs evaluate every condition so that every missing key is reported.
    let ok = true;
    for (const c of st.conditions) if (!c(req, trace)) ok = false;
    return ok ? strength : NO_MATCH;
  }
  for (const c of st.conditions) if (!c(req, undefined)) return NO_MATCH;
  return strength;
}

/**
 * Adds a policy's verdict to `out`. Stops at the first Deny unless `matched` collects statements.
 * `requirePrincipal` marks resource-based policies (and RCPs), whose statements must name a principal.
 * Returns true when a Deny applied.
 */
export function evaluatePolicy(
  policy: CompiledPolicy,
  req: PreparedRequest,
  out: PolicyOutcome,
  trace: EvaluationTrace | undefined,
  matched: MatchedStatement[] | undefined,
  requirePrincipal = false,
): boolean {
  const candidates = policy.body.candidates(req.service, req.serviceId);
  for (let i = 0; i < candidates.length; i++) {
    const st = candidates[i] as CompiledStatement;
    const s = statementApplies(st, req, trace, requirePrincipal);
    if (s === NO_MATCH) continue;
    if (matched) matched.push({ policy, statement: st });
    if (st.effect === 'Deny') {
      out.deny = true;
      if (!matched) return true;
    } else {
      out.allow = true;
      if (s > out.strength) out.strength = s;
    }
  }
  return out.deny;
}
