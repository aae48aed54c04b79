// The advisor's questions to the policy engine about a principal's policies: does the set grant every
// action on every resource (admin rights), and which statements allow iam:PassRole on `*` (the
// validator's `pass-role-with-star-in-resource` finding), and which SCP statements deny a principal
// a set of actions. Policies that do not parse are skipped: IAM never stores one, and an SCP the engine
// cannot read is not claimed as a mitigation.
import {
  checkPolicyDocument,
  type CompiledPolicy,
  compilePolicy,
  type Finding,
  type GlobalConditionValues,
  type PolicyKind,
  type RequestPrincipal,
  simulatePolicies,
  validatePolicy,
} from '../../policy/index.ts';
import type { PolicyDocumentRow } from '../../store/index.ts';
import type { SnapshotOrganization, SnapshotScp } from './organization-context.ts';

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
export const ADMIN_PROBES: readonly string[] = [
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

/** An SCP statement that denied a request. */
export interface ScpDenial {
  scp: SnapshotScp;
  /** The statement's Sid, or its 0-based index as `#n`. */
  statement: string;
}

const ALLOW_ALL = compiled(
  'advisor-allow-all',
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
  'identity',
);

/**
 * The SCP statements that explicitly deny `principal` every one of `actions` (asked of the engine with
 * the account's SCP levels and an identity policy allowing everything, so only the SCPs can deny), or
 * undefined when some action is not explicitly denied by an SCP — or no SCP applies.
 */
export function scpDenies(
  org: SnapshotOrganization,
  principal: RequestPrincipal,
  actions: readonly string[],
  globals?: GlobalConditionValues,
): ScpDenial[] | undefined {
  if (!ALLOW_ALL || org.scpLevels.every((level) => level.length === 0)) return undefined;
  const byId = new Map(org.scpLevels.flat().map((p) => [p.policyId, p]));
  const scp = org.scpLevels.map((level) =>
    level.flatMap((p) => compiled(p.policyId, p.document, 'scp') ?? []),
  );
  const results = simulatePolicies({
    policies: { identity: [ALLOW_ALL], scp },
    actions,
    principal: { ...principal, orgId: org.orgId, orgPaths: [org.path] },
    ...(principal.account !== undefined ? { resourceOwner: principal.account } : {}),
    ...(globals ? { globals } : {}),
  });
  if (!results.every((r) => r.EvalDecision === 'explicitDeny' && r.denialReason?.policyType === 'scp'))
    return undefined;
  const seen = new Map<string, ScpDenial>();
  for (const st of results.flatMap((r) => r.MatchedStatements)) {
    const policy = byId.get(st.SourcePolicyId);
    if (st.SourcePolicyType !== 'scp' || !policy) continue;
    const statement = st.sid ?? `#${st.statementIndex}`;
    seen.set(`${policy.policyId}:${statement}`, { scp: policy, statement });
  }
  return [...seen.values()];
}
