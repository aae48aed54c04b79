// Authentication: SigV4 verification against the caller's secret, resolving the access key to
// its principal. Keys and principals are cached in memory and dropped by the change feed, and opened
// session tokens are kept by their access key id, so a known caller costs no database read and no
// token decryption.
import { DEFAULT_CACHE_ENTRIES } from '../config/index.ts';
import { LruMap } from '../lru-map.ts';
import { AwsError } from '../errors.ts';
import { type Principal, rootArn, principalFromClaims } from '../domain/index.ts';
import type { Store } from '../store/index.ts';
import { ACCESS_KEY_SECRET_PURPOSE, type Sealer } from '../crypto/index.ts';
import type { LastUsedBuffer } from './last-used.ts';
import type { SessionKeyRing } from './session-key-ring.ts';
import { openSession, sessionKeyIdOf } from './session-token.ts';
import {
  parseAuthorization,
  SigV4Error,
  verifySigV4,
  type SignedRequest,
  type VerifiedSignature,
} from './sigv4/index.ts';

interface KeyEntry {
  secretAccessKey: string;
  principal: Principal;
  active: boolean;
}

/**
 * A session token already opened: the same token for the same access key id means the same claims
 * (a token cannot change), so they stand while the key that sealed them stays in the ring. Its
 * expiry is checked on every request.
 */
interface OpenedSession {
  token: string;
  keyId: string;
  expiresAt: number;
  entry: KeyEntry;
}

export interface Authenticated {
  principal: Principal;
  signature: VerifiedSignature;
  accessKeyId: string;
}

export class Authenticator {
  private readonly keys: LruMap<string, KeyEntry | null>;
  /** Opened session tokens by their ASIA access key id. */
  private readonly sessions: LruMap<string, OpenedSession>;
  /** How often a long-lived key came from the cache (hits) or the store (misses). */
  readonly keyStats = { hits: 0, misses: 0 };
  /** How often a session token's claims came from the cache (hits) or were opened (misses). */
  readonly sessionStats = { hits: 0, misses: 0 };

  /** Access keys cached now (unknown keys included, as misses remembered). */
  get cachedKeys(): number {
    return this.keys.size;
  }

  /** Opened session tokens cached now. */
  get cachedSessions(): number {
    return this.sessions.size;
  }

  constructor(
    private readonly store: Store,
    private readonly sealer: Sealer,
    private readonly lastUsed: LastUsedBuffer,
    private readonly dev: { enabled: boolean; defaultAccountId: string },
    private readonly sessionKeys?: SessionKeyRing,
    /** The most access keys kept (the least recently used go first). */
    cacheEntries = DEFAULT_CACHE_ENTRIES,
  ) {
    this.keys = new LruMap(cacheEntries);
    this.sessions = new LruMap(cacheEntries);
    store.onChange((changes) => {
      if (
        changes.some(
          (c) =>
            c.entity === 'access-key' || c.entity === 'user' || c.entity === 'account' || c.entity === 'all',
        )
      )
        this.keys.clear();
    });
  }

  async authenticate(req: SignedRequest, now: Date): Promise<Authenticated> {
    try {
      return await this.verify(req, now);
    } catch (err) {
      if (err instanceof SigV4Error) throw new AwsError(err.code, err.message, { status: err.status });
      throw err;
    }
  }

  /**
   * A request made with temporary credentials Tessera holds for the caller (the web console's session,
   * whose browser never sees them): the session token is opened and checked as a signed request's
   * would be (sealed by a live key, not expired), without a signature to verify.
   */
  authenticateHeld(
    credentials: { accessKeyId: string; sessionToken: string },
    scope: { service: string; region: string },
    now: Date,
  ): Authenticated {
    const { accessKeyId, sessionToken } = credentials;
    if (!isTemporaryKey(accessKeyId)) throw invalidToken();
    const entry = this.openTemporary(accessKeyId, sessionToken, now);
    return {
      principal: entry.principal,
      accessKeyId,
      signature: {
        accessKeyId,
        region: scope.region,
        service: scope.service,
        signedAt: now,
        sessionToken,
        presigned: false,
        signedHeaders: [],
      },
    };
  }

  private async verify(req: SignedRequest, now: Date): Promise<Authenticated> {
    let entry: KeyEntry | null = null;
    const parsed = parseAuthorization(req);
    const secretOf = (found: KeyEntry | null) => {
      entry = found;
      return found && found.active ? { secretAccessKey: found.secretAccessKey } : undefined;
    };
    // answered at once (no promise) when the token's key is known or the access key is cached
    const lookup = (accessKeyId: string, sessionToken: string | undefined) => {
      if (isTemporaryKey(accessKeyId)) {
        const keyId = sessionToken === undefined ? undefined : sessionKeyIdOf(sessionToken);
        const ring = this.sessionKeys;
        if (keyId !== undefined && ring !== undefined && ring.keyById(keyId) === undefined) {
          // sealed by a key rotated in on another node a moment ago: the ring reloads to find it
          return ring.knows(keyId).then(() => secretOf(this.openTemporary(accessKeyId, sessionToken, now)));
        }
        return secretOf(this.openTemporary(accessKeyId, sessionToken, now));
      }
      // a session token names an ASIA key, never a long-lived one
      if (sessionToken !== undefined) return secretOf(null);
      const cached = this.cachedKey(accessKeyId);
      return cached !== undefined ? secretOf(cached) : this.lookup(accessKeyId).then(secretOf);
    };
    if (
      this.dev.enabled &&
      !isTemporaryKey(parsed.accessKeyId) &&
      (await this.lookup(parsed.accessKeyId)) === null
    ) {
      return {
        principal: rootPrincipal(this.dev.defaultAccountId),
        signature: {
          accessKeyId: parsed.accessKeyId,
          region: parsed.region,
          service: parsed.service,
          signedAt: now,
          presigned: parsed.presigned,
          signedHeaders: parsed.signedHeaders,
        },
        accessKeyId: parsed.accessKeyId,
      };
    }
    const signature = await verifySigV4(req, lookup, now, {}, parsed);
    const found = entry as KeyEntry | null;
    if (!found)
      throw new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.');
    this.lastUsed.record({
      accessKeyId: signature.accessKeyId,
      at: now.toISOString(),
      service: signature.service,
      region: signature.region,
    });
    return { principal: found.principal, signature, accessKeyId: signature.accessKeyId };
  }

  /**
   * A temporary key's secret and principal, from its session token alone: a missing, malformed,
   * tampered or unknown-key token is InvalidClientTokenId; an expired one ExpiredToken.
   */
  private openTemporary(accessKeyId: string, sessionToken: string | undefined, now: Date): KeyEntry {
    const ring = this.sessionKeys;
    if (sessionToken === undefined || !ring) throw invalidToken();
    let opened = this.sessions.get(accessKeyId);
    if (opened !== undefined && opened.token === sessionToken && ring.keyById(opened.keyId) !== undefined) {
      this.sessionStats.hits++;
    } else {
      // a token other than the one cached (or none) is opened on its own; only one that opens is kept
      this.sessionStats.misses++;
      opened = openedSession(accessKeyId, sessionToken, ring);
      this.sessions.set(accessKeyId, opened);
    }
    if (opened.expiresAt * 1000 <= now.getTime()) {
      // an expired token never opens again: it need not be kept
      this.sessions.delete(accessKeyId);
      throw new AwsError('ExpiredToken', 'The security token included in the request is expired', {
        status: 403,
      });
    }
    return opened.entry;
  }

  /** A cached key (null: known not to exist), or undefined when the cache does not hold it. */
  private cachedKey(accessKeyId: string): KeyEntry | null | undefined {
    const cached = this.keys.get(accessKeyId);
    if (cached !== undefined) this.keyStats.hits++;
    return cached;
  }

  private async lookup(accessKeyId: string): Promise<KeyEntry | null> {
    const cached = this.cachedKey(accessKeyId);
    if (cached !== undefined) return cached;
    this.keyStats.misses++;
    const entry = await this.store.read(async (repos): Promise<KeyEntry | null> => {
      const key = await repos.accessKeys.get(accessKeyId);
      if (!key) return null;
      const secretAccessKey = this.sealer.open(key.secret_sealed, ACCESS_KEY_SECRET_PURPOSE);
      if (key.user_id === null)
        return { secretAccessKey, principal: rootPrincipal(key.account_id), active: key.status === 'Active' };
      const user = await repos.users.byId(key.user_id);
      if (!user) return null;
      return {
        secretAccessKey,
        active: key.status === 'Active',
        principal: {
          type: 'user',
          accountId: user.account_id,
          arn: user.arn,
          id: user.user_id,
          userName: user.user_name,
          path: user.path,
        },
      };
    });
    this.keys.set(accessKeyId, entry);
    return entry;
  }
}

function isTemporaryKey(accessKeyId: string): boolean {
  return accessKeyId.startsWith('ASIA');
}

/** Opens `token` for `accessKeyId`: a malformed, tampered or unknown-key token is InvalidClientTokenId. */
function openedSession(accessKeyId: string, token: string, ring: SessionKeyRing): OpenedSession {
  if (!isCanonicalToken(token)) throw invalidToken();
  const opened = openSession(token, accessKeyId, (id) => ring.keyById(id));
  if (!opened.ok) throw invalidToken();
  const { claims } = opened;
  return {
    token,
    keyId: sessionKeyIdOf(token)!,
    expiresAt: claims.expiresAt,
    entry: { secretAccessKey: claims.secretAccessKey, principal: principalFromClaims(claims), active: true },
  };
}

/**
 * Base64 decoding forgives stray characters; a token must be exactly what was sealed, so one
 * that does not re-encode to itself (appended or changed padding characters) is refused.
 */
function isCanonicalToken(token: string): boolean {
  const body = token.slice(12);
  return /^[A-Za-z0-9_-]+$/.test(body) && Buffer.from(body, 'base64url').toString('base64url') === body;
}

function invalidToken(): AwsError {
  return new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', {
    status: 403,
  });
}

export function rootPrincipal(accountId: string): Principal {
  return { type: 'root', accountId, arn: rootArn(accountId), id: accountId };
}
