// A policy document as a dump carries it, turned into the text Tessera stores: the AWS CLI prints
// documents as JSON objects (it decodes them), the raw API gives them URL-encoded, and a hand-made
// dump may hold the JSON text itself. The text must pass IAM's grammar for its kind.
import { checkPolicyDocument, type PolicyKind } from '../../policy/index.ts';

export type DocumentText = { ok: true; text: string } | { ok: false; problem: string };

/** The document's text, or why it cannot be one. Objects are printed as AWS prints documents. */
export function documentText(value: unknown): DocumentText {
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return { ok: true, text: JSON.stringify(value, null, 4) };
  if (typeof value !== 'string')
    return { ok: false, problem: 'expected a policy document (object or string)' };
  if (value.trimStart().startsWith('{')) return { ok: true, text: value };
  try {
    return { ok: true, text: decodeURIComponent(value) };
  } catch {
    return { ok: false, problem: 'neither JSON nor URL-encoded JSON' };
  }
}

/** The document's text checked against IAM's grammar for `kind`, or the problem IAM would name. */
export function checkedDocumentText(value: unknown, kind: PolicyKind): DocumentText {
  const decoded = documentText(value);
  if (!decoded.ok) return decoded;
  const checked = checkPolicyDocument(decoded.text, kind);
  if (checked.ok) return decoded;
  // a position helps only when the dump holds the text itself (not an object, not URL-encoded)
  const at =
    typeof value === 'string' && value === decoded.text && checked.position
      ? ` (line ${checked.position.line}, column ${checked.position.column})`
      : '';
  return { ok: false, problem: `${checked.message}${at}` };
}
