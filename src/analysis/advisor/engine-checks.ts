// The advisor's questions to the policy engine about a principal's policies: does the set grant every
// action on every resource (admin rights), and which statements allow iam:PassRole on `*` (the
// validator's `pass-role-with-star-in-resource` finding). Policies that do not parse are skipped:
// IAM never stores one.
import {
  checkPolicyDocument,
  type CompiledPolicy,
  compilePolicy,
  type Finding,
  type PolicyKind,
  type RequestPrincipal,
  simulatePolicies,
  validatePolicy,
} from '../../policy/index.ts';
import type { PolicyDocumentRow } from '../../store/index.ts';

function compiled(id: string, document: string, kind: PolicyKind): CompiledPolicy | undefined {
  const checked = checkPolicyDocument(document, kind);
  if (!checked.ok) return undefined;
  const result = compilePolicy(checked.policy, { id, sourceType: kind });
  return result.ok ? result.policy : undefined;
}

/**
 * Actions that together only `*` (or `*:*`, or an equivalent NotAction) allows: one of IAM, one of a
 * data service, and one of a service no policy names, each on `*`.
 */
const ADMIN_PROBES = [
  'iam:CreateUser',
  'iam:PutRolePolicy',
  's3:DeleteBucket',
  'tessera-advisor-probe:AnyAction',
];

/** Whether the policies (within the boundary, when given) allow every action on every resource. */
export function grantsEverything(
  policies: readonly PolicyDocumentRow[],
  principal: RequestPrincipal,
  boundary?: string,
): boolean {
  const identity = policies.flatMap((p) => compiled(p.sourceId, p.document, 'identity') ?? []);
  if (identity.length === 0) return false;
  const bound = boundary !== undefined ? compiled('boundary', boundary, 'boundary') : undefined;
  const results = simulatePolicies({
    policies: { identity, ...(bound ? { boundary: bound } : {}) },
    actions: ADMIN_PROBES,
    principal,
    ...(principal.account !== undefined ? { resourceOwner: principal.account } : {}),
  });
  return results.every((r) => r.EvalDecision === 'allowed');
}

/** The validator's findings that a policy allows iam:PassRole on `*`, by policy. */
export function passRoleOnStar(
  policies: readonly PolicyDocumentRow[],
): { policy: PolicyDocumentRow; finding: Finding }[] {
  return policies.flatMap((policy) =>
    validatePolicy(policy.document, 'identity')
      .filter((f) => f.code === 'pass-role-with-star-in-resource')
      .map((finding) => ({ policy, finding })),
  );
}
