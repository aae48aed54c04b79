// The benchmark's client for Tessera's authorization API: JSON POSTs signed with the AWS SDK's own SigV4
// signer (@smithy/signature-v4) for a given service, sent over a keep-alive node:http agent so that it
// pays the same connection costs as the SDK clients of the other rows.
import { SignatureV4 } from '@smithy/signature-v4';
import { Agent, request as httpRequest } from 'node:http';
import { NodeSha256 } from '../src/authn/sigv4/index.ts';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignedJsonClient {
  /** Signs and POSTs `body` as JSON to `path`; resolves with the status and the parsed reply. */
  post(path: string, body: unknown): Promise<{ status: number; json: unknown }>;
  close(): void;
}

export function signedJsonClient(opts: {
  url: string;
  service: string;
  region: string;
  credentials: SigningCredentials;
  maxSockets: number;
}): SignedJsonClient {
  const base = new URL(opts.url);
  const agent = new Agent({ keepAlive: true, maxSockets: opts.maxSockets });
  const signer = new SignatureV4({
    service: opts.service,
    region: opts.region,
    credentials: opts.credentials,
    sha256: NodeSha256,
  });
  return {
    async post(path, body) {
      const text = JSON.stringify(body);
      const signed = await signer.sign({
        method: 'POST',
        protocol: base.protocol,
        hostname: base.hostname,
        port: Number(base.port),
        path,
        query: {},
        headers: {
          host: base.host,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(text)),
        },
        body: text,
      });
      return new Promise((resolve, reject) => {
        const req = httpRequest(
          { agent, host: base.hostname, port: base.port, method: 'POST', path, headers: signed.headers },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              try {
                const json: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
                resolve({ status: res.statusCode ?? 0, json });
              } catch (err) {
                reject(err instanceof Error ? err : new Error(String(err)));
              }
            });
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(text);
      });
    },
    close() {
      agent.destroy();
    },
  };
}
