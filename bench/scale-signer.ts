// The scale benchmark's client: AWS Query requests (form POSTs to `/`) signed with SigV4 by the AWS
// SDK's own signer (@smithy/signature-v4) and sent over a keep-alive node:http agent, without the
// rest of an SDK client, so that on a 2-core machine the server takes most of the CPU.
import { SignatureV4 } from '@smithy/signature-v4';
import { Agent } from 'node:http';
import { NodeSha256 } from '../src/authn/sigv4/index.ts';
import { requestText, type TextReply } from '../test/support/http-text.ts';

export interface QueryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export type QueryReply = TextReply;

const CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';

export interface QueryClient {
  /** Signs `params` (Action, Version …) for `service` with `credentials` and POSTs them. */
  send(
    service: 'sts' | 'iam',
    credentials: QueryCredentials,
    params: Record<string, string>,
  ): Promise<QueryReply>;
  close(): void;
}

export function queryClient(url: string, opts: { region: string; maxSockets: number }): QueryClient {
  const base = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: opts.maxSockets });
  return {
    async send(service, credentials, params) {
      const body = new URLSearchParams(params).toString();
      const signed = await new SignatureV4({
        service,
        region: opts.region,
        credentials,
        sha256: NodeSha256,
        applyChecksum: false,
      }).sign({
        method: 'POST',
        protocol: 'http:',
        hostname: base.hostname,
        port: Number(base.port),
        path: '/',
        query: {},
        headers: {
          host: base.host,
          'content-type': CONTENT_TYPE,
          'content-length': String(Buffer.byteLength(body)),
        },
        body,
      });
      return requestText(
        { agent, host: base.hostname, port: base.port, method: 'POST', path: '/', headers: signed.headers },
        body,
      );
    },
    close() {
      agent.destroy();
    },
  };
}
