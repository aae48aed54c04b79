// Requests for a service Tessera does not serve: signed for another service (the SigV4 scope names
// dynamodb, lambda, sqs …), or JSON requests naming an X-Amz-Target of none of Tessera's services. They are
// answered in the protocol the request speaks — JSON for JSON services (an `__type` and
// `x-amzn-errortype`), JSON for REST services (Query requests get the Query endpoint's XML) — so that
// the caller's SDK reports a readable error ("Tessera does not serve …") instead of failing to parse
// the answer.
import type { IncomingMessage } from 'node:http';
import { firstParam, parseQuery, splitCredential } from '../authn/index.ts';
import { SIGNING_NAMES, type ServiceName } from '../protocol/index.ts';

/** Every name a request to Tessera may be signed for. */
const SERVED: ReadonlySet<string> = new Set<string>([
  ...(['iam', 'sts', 'cloudtrail', 'organizations', 'identitystore'] satisfies ServiceName[]),
  ...Object.values(SIGNING_NAMES),
]);

/**
 * The service of the SigV4 credential scope (`AKID/20150830/us-east-1/iam/aws4_request`), from the
 * Authorization header or X-Amz-Credential; read in one pass, whatever the header holds.
 */
export function scopeServiceOf(req: IncomingMessage, query: string): string | undefined {
  const header = req.headers.authorization;
  let credential: string | undefined;
  if (header !== undefined) {
    const at = header.indexOf('Credential=');
    if (at < 0) return undefined;
    const start = at + 'Credential='.length;
    let end = start;
    while (end < header.length && !isCredentialEnd(header.charCodeAt(end))) end++;
    credential = header.slice(start, end);
  } else credential = firstParam(parseQuery(query), 'X-Amz-Credential');
  // the verifier's own reading of the credential (which keeps the last one read)
  const parts = credential === undefined ? undefined : splitCredential(credential);
  return parts?.terminator === 'aws4_request' ? parts.service : undefined;
}

/** `,`, a space or a tab: where the Credential value ends. */
function isCredentialEnd(code: number): boolean {
  return code === 0x2c || code === 0x20 || code === 0x09;
}

/** A Query-protocol request: a form posted, or a GET naming an Action. */
function isQueryRequest(req: IncomingMessage, query: string): boolean {
  const contentType = req.headers['content-type'] ?? '';
  if (req.method === 'POST') return contentType.startsWith('application/x-www-form-urlencoded');
  return req.method === 'GET' && new URLSearchParams(query).has('Action');
}

/** A JSON-protocol request: AWS's JSON content type with an X-Amz-Target naming the operation. */
function isJsonRequest(req: IncomingMessage): boolean {
  return (
    typeof req.headers['x-amz-target'] === 'string' &&
    (req.headers['content-type'] ?? '').startsWith('application/x-amz-json')
  );
}

/**
 * The service a request is for when Tessera does not serve it: the SigV4 scope's service, or the
 * target prefix of a JSON request's X-Amz-Target that no JSON service of Tessera's has
 * (`servedTarget` false). Query requests are left to the Query endpoint, whatever other headers they
 * carry, which answers them in XML (a call to IAM or STS signed for another service is a
 * SignatureDoesNotMatch there, as in AWS).
 */
export function unservedServiceOf(
  req: IncomingMessage,
  query: string,
  servedTarget: boolean,
): string | undefined {
  const json = isJsonRequest(req);
  if (!json && isQueryRequest(req, query)) return undefined;
  const scope = scopeServiceOf(req, query);
  if (scope !== undefined && !SERVED.has(scope)) return scope;
  if (json && !servedTarget && scope !== 'iam' && scope !== 'sts') {
    const target = req.headers['x-amz-target'] as string;
    return scope ?? (target.split('.')[0] || target);
  }
  return undefined;
}

export interface UnservedReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const CODE = 'UnknownOperationException';

/** The error for a request to `service`, in the request's own protocol. */
export function unservedReply(req: IncomingMessage, service: string, requestId: string): UnservedReply {
  const message = `Tessera does not serve ${service}: it answers IAM, STS, Organizations, CloudTrail, IAM Access Analyzer and IAM Identity Center`;
  const contentType = req.headers['content-type'] ?? '';
  const json = (type: string, body: Record<string, string>): UnservedReply => ({
    status: 400,
    headers: { 'content-type': type, 'x-amzn-requestid': requestId, 'x-amzn-errortype': CODE },
    body: JSON.stringify(body),
  });
  if (req.headers['x-amz-target'] !== undefined || contentType.startsWith('application/x-amz-json'))
    return json(
      contentType.startsWith('application/x-amz-json') ? contentType : 'application/x-amz-json-1.1',
      {
        __type: CODE,
        message,
      },
    );
  return json('application/json', { message });
}
