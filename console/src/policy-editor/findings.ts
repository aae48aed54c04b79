// Access Analyzer's findings as the policy editor shows them: the ValidatePolicy shapes it reads,
// the policy types it asks about (a trust policy is a resource policy of a role), and the marks a
// finding's locations make in the text: non-overlapping [start, end) ranges, the most severe first.

export type EditorPolicyType = 'IDENTITY_POLICY' | 'RESOURCE_POLICY' | 'TRUST_POLICY';

export interface Position {
  line: number;
  column: number;
  offset: number;
}

export interface Finding {
  findingType: 'ERROR' | 'SECURITY_WARNING' | 'WARNING' | 'SUGGESTION';
  issueCode: string;
  findingDetails: string;
  learnMoreLink?: string;
  locations: { path: unknown[]; span: { start: Position; end: Position } }[];
}

/** ValidatePolicy's input for a draft of the given type. */
export function validateInput(policyDocument: string, policyType: EditorPolicyType): Record<string, unknown> {
  return policyType === 'TRUST_POLICY'
    ? {
        policyDocument,
        policyType: 'RESOURCE_POLICY',
        validatePolicyResourceType: 'AWS::IAM::AssumeRolePolicyDocument',
      }
    : { policyDocument, policyType };
}

export interface Mark {
  start: number;
  end: number;
  finding: Finding;
}

const SEVERITY: readonly Finding['findingType'][] = ['ERROR', 'SECURITY_WARNING', 'WARNING', 'SUGGESTION'];

/** The ranges to mark, inside the text, never overlapping: a more severe finding wins a contested range. */
export function marksOf(findings: readonly Finding[], length: number): Mark[] {
  const candidates = findings
    .flatMap((finding) =>
      finding.locations.map((l) => ({
        start: clamp(l.span.start.offset, length),
        end: clamp(l.span.end.offset, length),
        finding,
      })),
    )
    .filter((m) => m.end > m.start)
    .sort((a, b) => SEVERITY.indexOf(a.finding.findingType) - SEVERITY.indexOf(b.finding.findingType));
  const kept: Mark[] = [];
  for (const mark of candidates)
    if (kept.every((k) => mark.end <= k.start || mark.start >= k.end)) kept.push(mark);
  return kept.sort((a, b) => a.start - b.start);
}

const clamp = (offset: number, length: number) => Math.max(0, Math.min(offset, length));

/** Where a finding starts, for people: Access Analyzer counts lines from 1 and columns from 0. */
export function whereOf(finding: Finding): string {
  const start = finding.locations[0]?.span.start;
  return start === undefined ? 'the whole policy' : `line ${start.line}, column ${start.column + 1}`;
}
