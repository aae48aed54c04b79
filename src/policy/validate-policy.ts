// Owns the validate stage: a list of findings (error, security warning, warning, suggestion) for a policy,
// each with a stable code, a one-line message and the place in the document it is about. Never throws.
import { checkPolicyDocument } from './check-policy-document.ts';
import type { SourcePosition } from './json-source.ts';
import { parsePolicy } from './parse-policy.ts';
import type { Policy, PolicyKind } from './policy-tree.ts';
import { FINDING_RULES } from './finding-rules.ts';

export type FindingSeverity = 'error' | 'security_warning' | 'warning' | 'suggestion';

export interface FindingLocation {
  /** A JSON path into the document, e.g. `Statement[0].Condition.StringEquals`. */
  readonly path: string;
  readonly position: SourcePosition;
}

export interface Finding {
  readonly severity: FindingSeverity;
  /** Stable, kebab-case; where IAM Access Analyzer has the same check, its issue code in kebab case
   * (`invalid-action` for INVALID_ACTION, `pass-role-with-star-in-resource` …). */
  readonly code: string;
  readonly message: string;
  readonly location: FindingLocation;
}

/** The finding's code as Access Analyzer spells issue codes: `invalid-action` → `INVALID_ACTION`. */
export function awsIssueCode(finding: Pick<Finding, 'code'>): string {
  return finding.code.replaceAll('-', '_').replaceAll('.', '_').toUpperCase();
}

const ORIGIN: SourcePosition = { offset: 0, line: 1, column: 1 };

/** Validates a policy document of the given kind. Grammar errors come first, then the rules' findings. */
export function validatePolicy(text: string, kind: PolicyKind): Finding[] {
  const parsed = parsePolicy(text);
  if (!parsed.ok) {
    return parsed.errors.map((e) => ({
      severity: 'error',
      code: `syntax.${e.code}`,
      message: e.message,
      location: { path: '', position: e.position },
    }));
  }
  const findings: Finding[] = [];
  const check = checkPolicyDocument(text, kind);
  if (!check.ok) {
    findings.push({
      severity: 'error',
      code: 'malformed',
      message: check.message,
      location: { path: '', position: ORIGIN },
    });
  }
  return findings.concat(policyFindings(parsed.policy, kind));
}

/** Findings for an already-parsed policy (the analyzer's entry point). */
export function policyFindings(policy: Policy, kind: PolicyKind): Finding[] {
  const out: Finding[] = [];
  for (const rule of FINDING_RULES) rule(policy, kind, out);
  return out;
}
