// Owns the fixed, pre-signed requests of the cluster load benchmark (bench/cluster-load.ts): one SigV4
// signature per request, made with the AWS SDK's own signer and sent again unchanged by autocannon for as
// long as the server accepts it (within its clock-skew window), plus one plain send to check a reply.
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../src/authn/sigv4/index.ts';
import { requestText } from '../test/support/http-text.ts';
import type { SigningCredentials } from './signed-json.ts';

/** A request as it goes on the wire, signed once. */
export interface SignedRequest {
  method: 'POST';
  path: string;
  /** Every header to send but Content-Length (autocannon adds it, from the body). */
  headers: Record<string, string>;
  body: string;
  /** When it was signed (epoch ms): servers refuse it once their clock-skew window (15 min) has passed. */
  signedAt: number;
}

/** What to sign: a service, the credentials, a body and its type. */
export interface RequestTemplate {
  service: string;
  region: string;
  credentials: SigningCredentials;
  path: string;
  contentType: string;
  body: string;
}

/** Sign again well before the servers' 15-minute window runs out. */
const RESIGN_AFTER_MS = 10 * 60 * 1000;

/** `Action=…&Version=…` form body of AWS's query protocol (IAM, STS). */
export function queryTemplate(
  service: 'iam' | 'sts',
  credentials: SigningCredentials,
  params: Record<string, string>,
): RequestTemplate {
  return {
    service,
    region: 'us-east-1',
    credentials,
    path: '/',
    contentType: 'application/x-www-form-urlencoded; charset=utf-8',
    body: new URLSearchParams(params).toString(),
  };
}

export async function signRequest(url: string, t: RequestTemplate): Promise<SignedRequest> {
  const base = new URL(url);
  const signer = new SignatureV4({
    service: t.service,
    region: t.region,
    credentials: t.credentials,
    sha256: NodeSha256,
  });
  const signedAt = Date.now();
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: base.protocol,
      hostname: base.hostname,
      port: Number(base.port),
      path: t.path,
      query: {},
      headers: { host: base.host, 'content-type': t.contentType },
      body: t.body,
    },
    { signingDate: new Date(signedAt) },
  );
  return { method: 'POST', path: t.path, headers: { ...signed.headers }, body: t.body, signedAt };
}

/** `signed` while it is young enough to outlive a run; a new signature otherwise. */
export async function fresh(url: string, t: RequestTemplate, signed: SignedRequest): Promise<SignedRequest> {
  return Date.now() - signed.signedAt < RESIGN_AFTER_MS ? signed : signRequest(url, t);
}

/** Sends `signed` once on a new connection; resolves with the status and the reply's text. */
export function sendOnce(url: string, signed: SignedRequest): Promise<{ status: number; body: string }> {
  const base = new URL(url);
  return requestText(
    {
      agent: false,
      host: base.hostname,
      port: base.port,
      method: signed.method,
      path: signed.path,
      headers: { ...signed.headers, 'content-length': String(Buffer.byteLength(signed.body)) },
    },
    signed.body,
    120_000,
  );
}
