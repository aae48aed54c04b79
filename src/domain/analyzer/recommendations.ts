// Finding recommendations (GenerateFindingRecommendation / GetFindingRecommendation): for an
// UnusedPermission finding, each policy of the user or role narrowed to what it used within the
// analyzer's tracking period — a service it did not use is taken out of its Allow statements, and in a
// service it used, an unused action is dropped and a wildcard (`*`, `svc:*`, `svc:Get*`) becomes the
// used actions it covers. A policy left with nothing to allow is to be detached; one narrowed is to be
// replaced by the new text. Group policies are left alone: narrowing one would take away what the
// group's other members use.
import { AwsError } from '../../errors.ts';
import { globMatches, hasWildcard } from '../../policy/index.ts';
import type { AnalyzerFindingRow, ReadRepos } from '../../store/index.ts';
import { type ApplicablePolicy, allowedActionNames, lastAccessedSubject } from '../last-accessed.ts';
import { DEFAULT_UNUSED_ACCESS_AGE } from './analyzers.ts';
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
const DAY_MS = 86_400_000;

/** What the entity used in the tracking period, and the services the finding reports. */
interface Usage {
  /** `svc:Action` as AWS spells it, for every action used. */
  used: readonly string[];
  /** The finding's services (lower case): unused, or holding unused actions. */
  reported: ReadonlySet<string>;
}

/** The `svc:Action` names in `usage.used` that `pattern` covers. */
const usedMatching = (pattern: string, usage: Usage) =>
  usage.used.filter((a) => globMatches(pattern, a, true));

/** The statement narrowed to what was used; undefined when nothing is left to allow. */
function narrow(st: Statement, usage: Usage): Statement | undefined {
  if (st.Effect !== 'Allow' || st.Action === undefined) return st;
  const kept: string[] = [];
  let changed = false;
  for (const a of list(st.Action)) {
    if (typeof a !== 'string') continue;
    if (a !== '*' && !usage.reported.has(prefixOf(a))) {
      kept.push(a);
      continue;
    }
    const covered = usedMatching(a, usage);
    if (!hasWildcard({ text: a }) && covered.length === 1) kept.push(a);
    else {
      kept.push(...covered);
      changed = true;
    }
  }
  if (!changed && kept.length === list(st.Action).length) return st;
  if (kept.length === 0) return undefined;
  const unique = [...new Set(kept)];
  return { ...st, Action: unique.length === 1 ? unique[0] : unique };
}

/** The step for one policy, or none when it grants nothing the entity left unused. */
function stepFor(policy: ApplicablePolicy, usage: Usage): RecommendedStep | undefined {
  let doc: { Statement?: unknown } & Record<string, unknown>;
  try {
    doc = JSON.parse(policy.document) as typeof doc;
  } catch {
    return undefined;
  }
  const statements = list(doc.Statement) as Statement[];
  const narrowed = statements.map((st) => narrow(st, usage));
  if (narrowed.every((st, i) => st === statements[i])) return undefined;
  const existingPolicyId = policy.arn ?? policy.name;
  const left = narrowed.filter((st): st is Statement => st !== undefined);
  if (!left.some((st) => st.Effect === 'Allow'))
    return { recommendedAction: 'DETACH_POLICY', existingPolicyId };
  return {
    recommendedAction: 'CREATE_POLICY',
    recommendedPolicy: JSON.stringify(
      { ...doc, Statement: Array.isArray(doc.Statement) ? left : left[0] },
      null,
      2,
    ),
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

/** The steps that narrow the entity's own policies to what it used in the analyzer's tracking period. */
export async function unusedPermissionSteps(
  repos: ReadRepos,
  accountId: string,
  finding: AnalyzerFindingRow,
): Promise<RecommendedStep[]> {
  const details = JSON.parse(finding.details) as FindingDetail[];
  const reported = new Set(
    details.flatMap((d) =>
      'unusedPermissionDetails' in d ? [d.unusedPermissionDetails.serviceNamespace.toLowerCase()] : [],
    ),
  );
  const analyzer = await repos.analyzerFindings.analyzerByArn(finding.analyzer_arn);
  const age = analyzer?.unused_access_age ?? DEFAULT_UNUSED_ACCESS_AGE;
  const cutoff = new Date(Date.parse(finding.analyzed_at) - age * DAY_MS).toISOString();
  const type = finding.resource_type === 'AWS::IAM::Role' ? 'role' : 'user';
  const subject = await lastAccessedSubject(repos, accountId, finding.resource, [type]);
  const activity = await repos.accessActivity.forEntities(accountId, [finding.resource]);
  const used = [
    ...new Set(
      activity
        .filter((a) => a.lastAuthenticated >= cutoff)
        .map((a) => {
          const [name] = allowedActionNames(a.serviceNamespace, new Set([a.actionName.toLowerCase()]));
          return `${a.serviceNamespace}:${name ?? a.actionName}`;
        }),
    ),
  ].sort();
  const own = subject.policies.filter((p) => p.holder === undefined || p.holder.type !== 'GROUP');
  return own.flatMap((p) => stepFor(p, { used, reported }) ?? []);
}
