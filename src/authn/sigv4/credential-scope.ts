// Whether the credential scope fits the request: the `aws4_request` terminator, the date of
// X-Amz-Date, and — when the caller names them — the region and service it serves.
import { SigV4Error, messages } from './errors.ts';
import type { ParsedAuth } from './parse-authorization.ts';

/** Throws SignatureDoesNotMatch listing every mismatch, in AWS's order and words. */
export function checkCredentialScope(
  parsed: ParsedAuth,
  expected: { region?: string; service?: string },
): void {
  const requestDate = parsed.amzDate.slice(0, 8);
  // the usual case costs four comparisons and no allocation
  if (
    (expected.region === undefined || parsed.region === expected.region) &&
    (expected.service === undefined || parsed.service === expected.service) &&
    parsed.terminator === 'aws4_request' &&
    parsed.scopeDate === requestDate
  )
    return;
  const problems: string[] = [];
  if (expected.region !== undefined && parsed.region !== expected.region) {
    problems.push(messages.scopeRegion(parsed.region));
  }
  if (expected.service !== undefined && parsed.service !== expected.service) {
    problems.push(messages.scopeService(expected.service));
  }
  if (parsed.terminator !== 'aws4_request') problems.push(messages.scopeTerminator(parsed.terminator));
  if (parsed.scopeDate !== requestDate) {
    problems.push(messages.scopeDate(parsed.scopeDate, requestDate, parsed.amzDate));
  }
  if (problems.length > 0) throw new SigV4Error('SignatureDoesNotMatch', problems.join(' '));
}
