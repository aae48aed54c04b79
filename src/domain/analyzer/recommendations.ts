// Finding recommendations (GenerateFindingRecommendation / GetFindingRecommendation): for an
// UnusedPermission finding, each policy of the user or role narrowed to the services it used — the
// unused services' actions taken out of its Allow statements (a `*` becomes the used services' `svc:*`).
// A policy left with nothing to allow is to be detached; one narrowed is to be replaced by the new text.
import { AwsError } from '../../errors.ts';
import type { AnalyzerFindingRow, ReadRepos } from '../../store/index.ts';
import { type ApplicablePolicy, lastAccessedSubject } from '../last-accessed.ts';
import type { FindingDetail } from './finding-shapes.ts';

export interface RecommendedStep {
  recommendedAction: 'CREATE_POLICY' | 'DETACH_POLICY';
  /** The narrowed policy, for CREATE_POLICY. */
  recommendedPolicy?: string;
  /** The managed policy's ARN or the inline policy's name. */
  existingPolicyId: string;
}

type Statement = Record<string, unknown>;

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const prefixOf = (action: string) => action.slice(0, Math.max(0, action.indexOf(':'))).toLowerCase();

/** The statement without the unused services' actions; undefined when nothing is left to allow. */
function narrow(st: Statement, unused: ReadonlySet<string>, used: readonly string[]): Statement | undefined {
  if (st.Effect !== 'Allow' || st.Action === undefined) return st;
  const kept: string[] = [];
  for (const a of list(st.Action)) {
    if (typeof a !== 'string') continue;
    if (a === '*') kept.push(...used.map((s) => `${s}:*`));
    else if (!unused.has(prefixOf(a))) kept.push(a);
  }
  if (kept.length === 0) return undefined;
  return { ...st, Action: kept.length === 1 ? kept[0] : [...new Set(kept)] };
}

/** The step for one policy, or none when the unused services are not in it. */
function stepFor(
  policy: ApplicablePolicy,
  unused: ReadonlySet<string>,
  used: readonly string[],
): RecommendedStep | undefined {
  let doc: { Statement?: unknown } & Record<string, unknown>;
  try {
    doc = JSON.parse(policy.document) as typeof doc;
  } catch {
    return undefined;
  }
  const statements = list(doc.Statement) as Statement[];
  const narrowed = statements.map((st) => narrow(st, unused, used));
  if (narrowed.every((st, i) => st === statements[i])) return undefined;
  const existingPolicyId = policy.arn ?? policy.name;
  const left = narrowed.filter((st): st is Statement => st !== undefined);
  if (!left.some((st) => st.Effect === 'Allow'))
    return { recommendedAction: 'DETACH_POLICY', existingPolicyId };
  return {
    recommendedAction: 'CREATE_POLICY',
    recommendedPolicy: JSON.stringify({ ...doc, Statement: left }, null, 2),
    existingPolicyId,
  };
}

/** Refuses a recommendation for a finding that is not about unused permissions, as AWS does. */
export function requireRecommendable(finding: AnalyzerFindingRow): void {
  if (finding.finding_type !== 'UnusedPermission')
    throw new AwsError(
      'ValidationError',
      'Recommendations are only available for UnusedPermission findings.',
      {
        fields: { reason: 'other' },
      },
    );
}

/** The steps that remove the finding's unused services from the entity's own policies. */
export async function unusedPermissionSteps(
  repos: ReadRepos,
  accountId: string,
  finding: AnalyzerFindingRow,
): Promise<RecommendedStep[]> {
  const details = JSON.parse(finding.details) as FindingDetail[];
  const unused = new Set(
    details.flatMap((d) =>
      'unusedPermissionDetails' in d ? [d.unusedPermissionDetails.serviceNamespace] : [],
    ),
  );
  const type = finding.resource_type === 'AWS::IAM::Role' ? 'role' : 'user';
  const subject = await lastAccessedSubject(repos, accountId, finding.resource, [type]);
  const activity = await repos.accessActivity.forEntities(accountId, [finding.resource]);
  const used = [...new Set(activity.map((a) => a.serviceNamespace))].filter((s) => !unused.has(s)).sort();
  // a group's policies serve its other members too: only the entity's own policies are narrowed
  const own = subject.policies.filter((p) => p.holder === undefined || p.holder.type !== 'GROUP');
  return own.flatMap((p) => stepFor(p, unused, used) ?? []);
}
