// An IMDSv2-compatible instance metadata endpoint for one instance, as the AWS SDKs and CLI read
// EC2's: PUT /latest/api/token (X-aws-ec2-metadata-token-ttl-seconds, 1–21600) gives a session
// token; GET /latest/meta-data/… with X-aws-ec2-metadata-token answers instance-id, iam/info,
// iam/security-credentials/ (the role name) and iam/security-credentials/ROLE (EC2's credentials
// JSON). Requests without a valid token get 401, as IMDSv2 requires.
//
// Why one listener per instance: EC2 knows the instance from the caller's network identity, and
// the SDKs take AWS_EC2_METADATA_SERVICE_ENDPOINT as scheme, host and port only — they request the
// fixed paths /latest/… and drop any path in the endpoint (see @smithy/credential-provider-imds),
// so a per-instance path prefix on the main port cannot work. The endpoint is therefore a small
// listener bound to loopback, fed by an InstanceMetadataSource — usually the server's
// container-credentials endpoint, reached with the instance's secret (remoteMetadataSource), so it
// can run beside the workload (`tessera instances run NAME --profile P --imds-port 0`).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Clock, systemClock } from '../../domain/index.ts';
import { CONTAINER_CREDENTIALS_PREFIX } from './routes.ts';
import { awsTime } from './instance-credentials.ts';

/** The container-credentials JSON (ECS's shape). */
export interface ContainerCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  Token: string;
  Expiration: string;
  RoleArn: string;
}

export interface InstanceMetadata {
  InstanceId: string;
  InstanceProfileArn: string | null;
  InstanceProfileId: string;
  RoleName: string | null;
}

export type CredentialsAnswer =
  | { ok: true; credentials: ContainerCredentials }
  | { ok: false; status: number; code: string; message: string };

/** Where an IMDS endpoint gets the instance's facts and credentials from. */
export interface InstanceMetadataSource {
  /** The instance's facts; undefined once it is gone (terminated) or the secret no longer matches. */
  metadata(): Promise<InstanceMetadata | undefined>;
  credentials(): Promise<CredentialsAnswer>;
}

/** A source that asks Tessera's container-credentials endpoint, authorized by the instance's secret. */
export function remoteMetadataSource(
  serverUrl: string,
  instanceId: string,
  secret: string,
): InstanceMetadataSource {
  const base = serverUrl.replace(/\/+$/, '') + CONTAINER_CREDENTIALS_PREFIX + encodeURIComponent(instanceId);
  const get = async (url: string) => {
    const res = await fetch(url, { headers: { authorization: secret }, signal: AbortSignal.timeout(5000) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return {
    async metadata() {
      const r = await get(base + '/metadata');
      if (r.status === 401 || r.status === 404) return undefined;
      if (r.status !== 200)
        throw new Error(`metadata for ${instanceId}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body as unknown as InstanceMetadata;
    },
    async credentials() {
      const r = await get(base);
      if (r.status === 200) return { ok: true, credentials: r.body as unknown as ContainerCredentials };
      return { ok: false, status: r.status, code: String(r.body.Code), message: String(r.body.Message) };
    },
  };
}

export const MAX_TOKEN_TTL_SECONDS = 21600;
const TTL_HEADER = 'x-aws-ec2-metadata-token-ttl-seconds';
const TOKEN_HEADER = 'x-aws-ec2-metadata-token';

/** IMDS session tokens: the expiry and an HMAC of it under a key that lives as long as the listener. */
class TokenIssuer {
  private readonly key = randomBytes(32);

  issue(expiresAtMs: number): string {
    const body = Buffer.from(String(expiresAtMs)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  valid(token: string, nowMs: number): boolean {
    const [body, mac] = token.split('.');
    if (!body || !mac) return false;
    const want = Buffer.from(this.mac(body));
    const got = Buffer.from(mac);
    if (want.length !== got.length || !timingSafeEqual(want, got)) return false;
    return Number(Buffer.from(body, 'base64url').toString()) > nowMs;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

/** EC2's JSON layout: two-space indent and `"Key" : value`. */
function ec2Json(o: Record<string, string>): string {
  const lines = Object.entries(o).map(([k, v]) => `  ${JSON.stringify(k)} : ${JSON.stringify(v)}`);
  return `{\n${lines.join(',\n')}\n}`;
}

export interface ImdsEndpoint {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startImdsEndpoint(opts: {
  source: InstanceMetadataSource;
  host?: string;
  port?: number;
  clock?: Clock;
}): Promise<ImdsEndpoint> {
  const clock = opts.clock ?? systemClock;
  const tokens = new TokenIssuer();
  // LastUpdated: when these credentials were first seen here
  let seen: { key: string; at: Date } | undefined;
  const lastUpdated = (key: string) => {
    if (seen?.key !== key) seen = { key, at: clock.now() };
    return awsTime(seen.at);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body = '', headers: Record<string, string> = {}) =>
      res
        .writeHead(status, {
          'content-type': 'text/plain',
          'content-length': Buffer.byteLength(body),
          ...headers,
        })
        .end(body);
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.headers['x-forwarded-for'] !== undefined) return send(403);
    if (path === '/latest/api/token') {
      if (req.method !== 'PUT') return send(405);
      const raw = req.headers[TTL_HEADER];
      const ttl = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
      if (!(ttl >= 1 && ttl <= MAX_TOKEN_TTL_SECONDS)) return send(400);
      return send(200, tokens.issue(clock.now().getTime() + ttl * 1000), { [TTL_HEADER]: String(ttl) });
    }
    if (!path.startsWith('/latest/')) return send(404);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405);
    const token = req.headers[TOKEN_HEADER];
    if (typeof token !== 'string' || !tokens.valid(token, clock.now().getTime())) return send(401);

    const meta = await opts.source.metadata();
    if (!meta) return send(404);
    switch (path) {
      case '/latest/meta-data':
      case '/latest/meta-data/':
        return send(200, meta.InstanceProfileArn ? 'iam/\ninstance-id' : 'instance-id');
      case '/latest/meta-data/instance-id':
        return send(200, meta.InstanceId);
    }
    if (!meta.InstanceProfileArn) return send(404);
    if (path === '/latest/meta-data/iam' || path === '/latest/meta-data/iam/')
      return send(200, meta.RoleName ? 'info\nsecurity-credentials/' : 'info');
    const creds = meta.RoleName ? await opts.source.credentials() : undefined;
    if (path === '/latest/meta-data/iam/info')
      return send(
        200,
        ec2Json({
          Code: 'Success',
          LastUpdated: creds?.ok ? lastUpdated(creds.credentials.AccessKeyId) : awsTime(clock.now()),
          InstanceProfileArn: meta.InstanceProfileArn,
          InstanceProfileId: meta.InstanceProfileId,
        }),
      );
    const prefix = '/latest/meta-data/iam/security-credentials';
    if (!meta.RoleName || !creds || !(path === prefix || path.startsWith(prefix + '/'))) return send(404);
    const role = path.slice(prefix.length + 1);
    if (role === '') return send(200, meta.RoleName);
    if (role !== meta.RoleName) return send(404);
    if (!creds.ok)
      return send(
        200,
        ec2Json({ Code: creds.code, LastUpdated: awsTime(clock.now()), Message: creds.message }),
      );
    const c = creds.credentials;
    return send(
      200,
      ec2Json({
        Code: 'Success',
        LastUpdated: lastUpdated(c.AccessKeyId),
        Type: 'AWS-HMAC',
        AccessKeyId: c.AccessKeyId,
        SecretAccessKey: c.SecretAccessKey,
        Token: c.Token,
        Expiration: c.Expiration,
      }),
    );
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error(
        `[tessera imds] ${req.method} ${req.url} failed: ${err instanceof Error ? err.message : String(err)}`,
      );
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
