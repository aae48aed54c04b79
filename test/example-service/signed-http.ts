// A small HTTP client for the example: requests signed with the AWS SDK's own SigV4 signer
// (@smithy/signature-v4), sent with node:http so that the signed Host header goes out as signed.
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../../src/authn/sigv4/index.ts';
import { requestText, type TextReply } from '../support/http-text.ts';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export type HttpReply = TextReply;

/** Sends one request; `credentials` and `service` sign it (unsigned without them). */
export async function sendSigned(
  url: string,
  opts: {
    method: string;
    body?: string;
    headers?: Record<string, string>;
    service?: string;
    region?: string;
    credentials?: SigningCredentials;
  },
): Promise<HttpReply> {
  const u = new URL(url);
  const body = opts.body ?? '';
  let headers: Record<string, string> = { host: u.host, ...(opts.headers ?? {}) };
  if (body) headers['content-length'] = String(Buffer.byteLength(body));
  if (opts.credentials && opts.service) {
    const signer = new SignatureV4({
      service: opts.service,
      region: opts.region ?? 'us-east-1',
      credentials: opts.credentials,
      sha256: NodeSha256,
    });
    const query = Object.fromEntries(u.searchParams);
    const signed = await signer.sign({
      method: opts.method,
      protocol: u.protocol,
      hostname: u.hostname,
      port: Number(u.port),
      path: u.pathname,
      query,
      headers,
      body,
    });
    headers = signed.headers;
  }
  return requestText(
    { host: u.hostname, port: u.port, method: opts.method, path: u.pathname + u.search, headers },
    body,
  );
}
