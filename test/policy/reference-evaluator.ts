// A deliberately simple evaluator written straight from AWS's documentation, for differential tests only.
// It reads parse trees directly, matches wildcards with a textbook dynamic programme, and follows the
// evaluation flow chart step by step. Slow and obvious on purpose; shares no code with the engine's
// matching or decision logic (only the parser and the types).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
import type { Policy, PrincipalElement, RequestInput, Statement } from '../../src/policy/index.ts';

export interface ReferencePolicySet {
  readonly identity?: readonly Policy[];
  readonly boundary?: Policy;
  readonly session?: readonly Policy[];
  readonly resource?: Policy;
  readonly resourcePolicyRequired?: boolean;
  readonly scp?: readonly (readonly Policy[])[];
  readonly rcp?: readonly (readonly Policy[])[];
}

export type ReferenceDecision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** `*` is any run of characters, `?` any one character. */
export function wildcardMatch(pattern: string, value: string): boolean {
  const n = pattern.length;
  const m = value.length;
  let prev: boolean[] = new Array<boolean>(m + 1).fill(false);
  prev[0] = true;
  for (let i = 1; i <= n; i++) {
    const cur: boolean[] = new Array<boolean>(m + 1).fill(false);
    const p = pattern[i - 1];
    if (p === '*') cur[0] = prev[0] === true;
    for (let j = 1; j <= m; j++) {
      if (p === '*') cur[j] = prev[j] === true || cur[j - 1] === true;
      else if (p === '?' || p === value[j - 1]) cur[j] = prev[j - 1] === true;
    }
    prev = cur;
  }
  return prev[m] === true;
}

function values(list: { values: readonly { value: string }[] } | undefined): string[] {
  return list ? list.values.map((v) => v.value) : [];
}

function actionMatches(st: Statement, action: string): boolean {
  const a = action.toLowerCase();
  if (st.action) return values(st.action).some((p) => wildcardMatch(p.toLowerCase(), a));
  if (st.notAction) return !values(st.notAction).some((p) => wildcardMatch(p.toLowerCase(), a));
  return false;
}

function arnParts(arn: string): string[] {
  const parts = arn.split(':');
  return [...parts.slice(0, 5), parts.slice(5).join(':')].slice(0, Math.max(1, Math.min(6, parts.length)));
}

function resourcePatternMatches(pattern: string, resource: string): boolean {
  if (pattern === '*') return true;
  const p = arnParts(pattern);
  const r = arnParts(resource);
  if (p.length === 6) return r.length === 6 && p.every((seg, i) => wildcardMatch(seg, r[i] ?? ''));
  // Shorter patterns: the last segment takes the rest of the ARN.
  if (r.length < p.length) return false;
  const head = p.slice(0, -1).every((seg, i) => wildcardMatch(seg, r[i] ?? ''));
  return (
    head &&
    wildcardMatch(
      p[p.length - 1] ?? '',
      resource
        .split(':')
        .slice(p.length - 1)
        .join(':'),
    )
  );
}

function resourceMatches(st: Statement, resource: string): boolean {
  if (st.resource) return values(st.resource).some((p) => resourcePatternMatches(p, resource));
  if (st.notResource) return !values(st.notResource).some((p) => resourcePatternMatches(p, resource));
  return true;
}

function conditionsHold(st: Statement, req: RequestInput): boolean {
  // The generator only produces StringEquals / StringNotEquals / StringLike / Bool / Null on plain keys.
  for (const block of st.condition ?? []) {
    for (const entry of block.entries) {
      const raw = req.keys?.[entry.key.value];
      const present = raw !== undefined;
      const ctx = present ? (Array.isArray(raw) ? raw.map(String) : [String(raw)]) : [];
      const pvals = entry.values.map((v) => v.value);
      const op = block.operator.value;
      let ok: boolean;
      if (op === 'Null') ok = pvals.includes(String(!present));
      else if (!present) ok = op === 'StringNotEquals';
      else if (op === 'StringEquals') ok = ctx.some((c) => pvals.includes(c));
      else if (op === 'StringNotEquals') ok = !ctx.some((c) => pvals.includes(c));
      else if (op === 'StringLike') ok = ctx.some((c) => pvals.some((p) => wildcardMatch(p, c)));
      else if (op === 'Bool') ok = ctx.some((c) => pvals.some((p) => p.toLowerCase() === c.toLowerCase()));
      else ok = st.effect === 'Deny';
      if (!ok) return false;
    }
  }
  return true;
}

/** 0: not named; 1: account; 2: role or "*"; 3: the user or session itself ("*" too, for a user). */
function principalStrength(p: PrincipalElement, req: RequestInput): number {
  const who = req.principal;
  const everyone = who.type === 'User' ? 3 : 2;
  if (p.wildcard) return everyone;
  let best = 0;
  for (const e of p.entries) {
    if (e.type !== 'AWS') continue;
    for (const { value } of e.values.values) {
      if (value === '*') best = Math.max(best, everyone);
      else if (value === who.account || value === `arn:aws:iam::${who.account}:root`)
        best = Math.max(best, 1);
      else if (who.type === 'AssumedRole' && value === who.roleArn) best = Math.max(best, 2);
      // "if a resource-based policy grants permission to the ARN of the IAM user who federated, then requests
      // made by the federated user … are limited by an implicit deny in a permission boundary or session policy"
      else if (who.type === 'FederatedUser' && value === who.parentUserArn) best = Math.max(best, 2);
      else if (value === who.arn) best = Math.max(best, 3);
    }
  }
  return best;
}

interface Verdict {
  deny: boolean;
  allow: boolean;
  strength: number;
}

function judge(policies: readonly Policy[], req: RequestInput): Verdict {
  const v: Verdict = { deny: false, allow: false, strength: 0 };
  for (const policy of policies) {
    for (const st of policy.statements) {
      let strength = 2;
      if (st.principal) strength = principalStrength(st.principal, req);
      if (st.notPrincipal) strength = principalStrength(st.notPrincipal, req) === 0 ? 2 : 0;
      if (strength === 0) continue;
      if (!actionMatches(st, req.action) || !resourceMatches(st, req.resource) || !conditionsHold(st, req))
        continue;
      if (st.effect === 'Deny') v.deny = true;
      else {
        v.allow = true;
        v.strength = Math.max(v.strength, strength);
      }
    }
  }
  return v;
}

/** The documented flow: deny anywhere; SCPs; resource policy; identity; boundary; session. */
export function referenceDecision(set: ReferencePolicySet, req: RequestInput): ReferenceDecision {
  const identity = judge(set.identity ?? [], req);
  const boundary = set.boundary ? judge([set.boundary], req) : undefined;
  const session = set.session && set.session.length > 0 ? judge(set.session, req) : undefined;
  const resource = set.resource ? judge([set.resource], req) : { deny: false, allow: false, strength: 0 };
  const scpLevels = (set.scp ?? []).map((level) => judge(level, req));
  const rcpLevels = (set.rcp ?? []).map((level) => judge(level, req));
  const all = [identity, boundary, session, resource, ...scpLevels, ...rcpLevels].filter(
    (x): x is Verdict => x !== undefined,
  );
  if (all.some((x) => x.deny)) return 'ExplicitDeny';
  // "If the enforcement code does not find any applicable Allow statements in the RCPs / SCPs … Deny."
  if (rcpLevels.some((l) => !l.allow)) return 'ImplicitDeny';
  if (scpLevels.some((l) => !l.allow)) return 'ImplicitDeny';
  if (set.resourcePolicyRequired && !resource.allow) return 'ImplicitDeny';
  // Anonymous callers and services are allowed only by resource-based policies.
  if (req.principal.type === 'Anonymous' || req.principal.type === 'Service') {
    return resource.allow ? 'Allow' : 'ImplicitDeny';
  }
  const resourceAccount = arnParts(req.resource)[4] || req.principal.account;
  const sameAccount = (req.resourceAccount ?? resourceAccount) === req.principal.account;
  if (req.principal.type === 'Account') return sameAccount || resource.allow ? 'Allow' : 'ImplicitDeny';
  if (sameAccount) {
    if (resource.allow && resource.strength === 3) return 'Allow';
    const granted = identity.allow || (resource.allow && resource.strength >= 2);
    if (!granted) return 'ImplicitDeny';
    if (boundary && !boundary.allow) return 'ImplicitDeny';
    if (session && !session.allow) return 'ImplicitDeny';
    // "If there is no session policy … if the principal is a role session, then the request is Allowed.
    // Otherwise, the request is implicitly denied" (federated user sessions).
    if (!session && req.principal.type === 'FederatedUser') return 'ImplicitDeny';
    return 'Allow';
  }
  if (!identity.allow) return 'ImplicitDeny';
  if (boundary && !boundary.allow) return 'ImplicitDeny';
  if (session && !session.allow) return 'ImplicitDeny';
  // across accounts the identity side must allow, and a federated user session without a session
  // policy has no permissions of its own
  if (!session && req.principal.type === 'FederatedUser') return 'ImplicitDeny';
  return resource.allow ? 'Allow' : 'ImplicitDeny';
}
