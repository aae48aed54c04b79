// The policy engine's validation findings as IAM Access Analyzer's ValidatePolicy reports them:
// findingType, issueCode (with IAM's MalformedPolicyDocument reasons mapped to AWS's codes),
// learnMoreLink into AWS's policy check reference, and locations as a JSON path plus a span whose
// columns count from 0.
import { awsIssueCode, type Finding } from '../../policy/index.ts';
import type { Analyzer } from '../../protocol/index.ts';

type FindingType = Analyzer.ValidatePolicyFinding['findingType'];

const REFERENCE =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html';

/** IAM's MalformedPolicyDocument wording → Access Analyzer's issue code, first match wins. */
const MALFORMED_CODES: readonly [RegExp, string][] = [
  [/^Syntax errors/, 'JSON_SYNTAX_ERROR'],
  [/version 2012-10-17/, 'INVALID_VERSION'],
  [/Statement IDs .* unique/, 'UNIQUE_SIDS_REQUIRED'],
  [/must contain actions/, 'MISSING_ACTION'],
  [/must contain resources/, 'MISSING_RESOURCE'],
  [/should not specify a principal/, 'UNSUPPORTED_PRINCIPAL'],
  [/Missing required field Principal|statement with no principals/, 'MISSING_PRINCIPAL'],
  [/prefaced by a vendor|only one colon|^Vendor .* is not valid/, 'INVALID_ACTION'],
  [/ARN format|Resource vendor|region information|[Pp]artition/, 'INVALID_ARN_RESOURCE'],
  [/[Pp]rincipal/, 'INVALID_PRINCIPAL_FORMAT'],
];

function issueCodeOf(f: Finding): string {
  if (f.code.startsWith('syntax.')) return 'JSON_SYNTAX_ERROR';
  if (f.code === 'malformed')
    return MALFORMED_CODES.find(([re]) => re.test(f.message))?.[1] ?? 'INVALID_POLICY_ELEMENT';
  return awsIssueCode(f);
}

/** `Statement[0].Action[1]` → [{key: Statement}, {index: 0}, {key: Action}, {index: 1}]. */
export function pathElements(path: string): Analyzer.PathElement[] {
  const out: Analyzer.PathElement[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) out.push({ index: Number(m[2]) });
    else out.push({ key: m[1]! });
  }
  return out;
}

/** Where the JSON value starting at `offset` ends (exclusive): a string, an object or array, or a literal. */
export function valueEnd(text: string, offset: number): number {
  const first = text[offset];
  if (first === '"') {
    for (let i = offset + 1; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '"') return i + 1;
    }
    return text.length;
  }
  if (first === '{' || first === '[') {
    let depth = 0;
    for (let i = offset; i < text.length; i++) {
      const c = text[i];
      if (c === '"') i = valueEnd(text, i) - 1;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return text.length;
  }
  let i = offset;
  while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
  return i;
}

/** Line and column (from 0) of an offset. */
function positionAt(text: string, offset: number): Analyzer.Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++)
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  return { line, column: offset - lineStart, offset };
}

export function validatePolicyFinding(text: string, f: Finding): Analyzer.ValidatePolicyFinding {
  const findingType = f.severity.toUpperCase() as FindingType;
  const issueCode = issueCodeOf(f);
  const start = f.location.position;
  const end = issueCode === 'JSON_SYNTAX_ERROR' ? start.offset : valueEnd(text, start.offset);
  const startPosition = { line: start.line, column: start.column - 1, offset: start.offset };
  return {
    findingType,
    issueCode,
    findingDetails:
      issueCode === 'JSON_SYNTAX_ERROR' && f.code.startsWith('syntax.')
        ? `Fix the JSON syntax error at character ${startPosition.column} in line ${start.line} with index ${start.offset}.`
        : f.message,
    learnMoreLink: `${REFERENCE}#access-analyzer-reference-policy-checks-${findingType.toLowerCase().replace('_', '-')}-${issueCode.toLowerCase().replaceAll('_', '-')}`,
    locations: [
      { path: pathElements(f.location.path), span: { start: startPosition, end: positionAt(text, end) } },
    ],
  };
}

/**
 * Every finding of a validation, AWS's way: IAM's one-line MalformedPolicyDocument reason only when no
 * finding of the engine's own already says what is wrong.
 */
export function validatePolicyFindings(
  text: string,
  findings: readonly Finding[],
): Analyzer.ValidatePolicyFinding[] {
  const specific = findings.filter((f) => f.code !== 'malformed');
  const shown = specific.some((f) => f.severity === 'error') ? specific : findings;
  return shown.map((f) => validatePolicyFinding(text, f));
}
