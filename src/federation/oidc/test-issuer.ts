// A local OpenID Connect issuer for development and tests (never for production): it serves
// /.well-known/openid-configuration and its JWKS on a loopback address, signs tokens with keys it
// generates at start, mints tokens with any claims (in process, or by POST /token with a JSON body
// of claims), and rotates its keys on demand. Tessera trusts it only in dev mode, as plain http on
// loopback is accepted nowhere else.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

export type TestIssuerAlgorithm = 'RS256' | 'ES256';

interface SigningKey {
  kid: string;
  alg: TestIssuerAlgorithm;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export interface MintOptions {
  /** Sign with this key id (default: the newest key); it need not be published. */
  kid?: string;
  /** Seconds of validity from `iat` (default 300) unless the claims give `exp`. */
  expiresIn?: number;
  /** The signing time (default: the issuer's clock). */
  now?: Date;
}

export interface TestIssuer {
  /** The issuer URL: tokens' `iss`, and the URL to give CreateOpenIDConnectProvider. */
  readonly url: string;
  /** Signs a token; `iss`, `iat`, `exp` and `jti` are filled in unless given. */
  mint(claims: JWTPayload, options?: MintOptions): Promise<string>;
  /** Adds a new signing key (published at once); older keys stay published unless `retire`. */
  rotate(options?: { retire?: boolean }): Promise<string>;
  /** The published key set. */
  jwks(): { keys: JWK[] };
  /** How many times the key set was fetched (to observe caching). */
  readonly jwksFetches: number;
  close(): Promise<void>;
}

export interface TestIssuerOptions {
  host?: string;
  port?: number;
  /** A path under the host (`/realms/ci` …), part of the issuer URL. */
  path?: string;
  alg?: TestIssuerAlgorithm;
  clock?: { now(): Date };
}

async function newKey(alg: TestIssuerAlgorithm): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { kid, alg, privateKey, publicJwk };
}

/** Starts a test issuer on 127.0.0.1 (a free port unless one is given). */
export async function startTestIssuer(options: TestIssuerOptions = {}): Promise<TestIssuer> {
  const alg = options.alg ?? 'RS256';
  const clock = options.clock ?? { now: () => new Date() };
  const host = options.host ?? '127.0.0.1';
  const basePath = (options.path ?? '').replace(/\/$/, '');
  const keys: SigningKey[] = [await newKey(alg)];
  let jwksFetches = 0;
  let url = '';

  const mint = async (claims: JWTPayload, opts: MintOptions = {}): Promise<string> => {
    const key = opts.kid ? keys.find((k) => k.kid === opts.kid) : keys.at(-1);
    if (!key) throw new Error(`no key ${opts.kid}`);
    const iat = Math.floor((opts.now ?? clock.now()).getTime() / 1000);
    const payload: JWTPayload = {
      iss: url,
      iat,
      exp: iat + (opts.expiresIn ?? 300),
      jti: randomUUID(),
      ...claims,
    };
    return new SignJWT(payload)
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
      .sign(key.privateKey);
  };

  const server: Server = createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === `${basePath}/.well-known/openid-configuration`)
      return reply(200, {
        issuer: url,
        jwks_uri: `${url}/.well-known/jwks.json`,
        response_types_supported: ['id_token'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: [alg],
        claims_supported: ['sub', 'aud', 'exp', 'iat', 'iss', 'jti', 'nbf'],
      });
    if (req.method === 'GET' && path === `${basePath}/.well-known/jwks.json`) {
      jwksFetches++;
      return reply(200, { keys: keys.map((k) => k.publicJwk) });
    }
    if (req.method === 'POST' && path === `${basePath}/token`) {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let claims: JWTPayload;
        try {
          const text = Buffer.concat(chunks).toString('utf8');
          claims = (text ? JSON.parse(text) : {}) as JWTPayload;
        } catch {
          return reply(400, { error: 'body must be a JSON object of claims' });
        }
        mint(claims).then(
          (token) => reply(200, { token }),
          (err: unknown) => reply(400, { error: String(err) }),
        );
      });
      return undefined;
    }
    return reply(404, { error: 'not found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}${basePath}`;

  return {
    url,
    mint,
    async rotate(opts = {}) {
      const key = await newKey(alg);
      if (opts.retire) keys.splice(0, keys.length);
      keys.push(key);
      return key.kid;
    },
    jwks: () => ({ keys: keys.map((k) => k.publicJwk) }),
    get jwksFetches() {
      return jwksFetches;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
