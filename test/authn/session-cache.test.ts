// The authenticator's cache of opened session tokens: the same token for the same ASIA key is opened
// once; any other token (tampered, or presented with another key id) is opened on its own and refused
// as before, without disturbing the cached one; a cached token still expires, and stops working when
// the key that sealed it leaves the ring.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Authenticator, LastUsedBuffer, rotateSessionKeys, SessionKeyRing } from '../../src/authn/index.ts';
import { Sealer } from '../../src/crypto/seal.ts';
import { AwsError } from '../../src/errors.ts';
import { mintCredentials, roleSessionClaims } from '../../src/sts/issue-session.ts';
import { useStore } from '../support/store-fixture.ts';

const ACCOUNT = '123456789012';
const SCOPE = { service: 'sts', region: 'us-east-1' };
const HOUR = 3_600_000;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    if (err instanceof AwsError) return err.code;
    throw err;
  }
}

describe('opened session tokens, cached by access key id', () => {
  const fixture = useStore('sqlite', 'session-cache');
  const sealer = new Sealer(randomBytes(32));
  const issuedAt = new Date();

  async function setUp() {
    const ring = await SessionKeyRing.open(fixture.store, sealer, issuedAt);
    const authenticator = new Authenticator(
      fixture.store,
      sealer,
      new LastUsedBuffer(fixture.store),
      { enabled: false, defaultAccountId: ACCOUNT },
      ring,
    );
    const issue = (sessionName: string) =>
      mintCredentials(
        { sessionKeys: ring },
        roleSessionClaims({
          role: {
            account_id: ACCOUNT,
            role_id: 'AROAEXAMPLEROLEID0001',
            role_name: 'Deployer',
            arn: `arn:aws:iam::${ACCOUNT}:role/Deployer`,
            path: '/',
          } as Parameters<typeof roleSessionClaims>[0]['role'],
          sessionName,
          durationSeconds: 3600,
          now: issuedAt,
        }),
      );
    const open = (accessKeyId: string, sessionToken: string, now = issuedAt) =>
      authenticator.authenticateHeld({ accessKeyId, sessionToken }, SCOPE, now);
    return { ring, authenticator, issue, open };
  }

  it('opens a token once and answers it again from the cache, with the same principal', async () => {
    const { authenticator, issue, open } = await setUp();
    const creds = issue('first');
    const first = open(creds.AccessKeyId, creds.SessionToken);
    expect(authenticator.sessionStats).toEqual({ hits: 0, misses: 1 });
    const again = open(creds.AccessKeyId, creds.SessionToken);
    expect(authenticator.sessionStats).toEqual({ hits: 1, misses: 1 });
    expect(again.principal).toBe(first.principal);
    expect(again.principal.arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/first`);
    expect(authenticator.cachedSessions).toBe(1);
  });

  it('opens any other token on its own and refuses it as before, leaving the cached one in place', async () => {
    const { authenticator, issue, open } = await setUp();
    const creds = issue('kept');
    const other = issue('other');
    open(creds.AccessKeyId, creds.SessionToken);

    // one character of the sealed body changed: the same key id, another token
    const at = creds.SessionToken.length - 10;
    const flipped = creds.SessionToken[at] === 'A' ? 'B' : 'A';
    const tampered = creds.SessionToken.slice(0, at) + flipped + creds.SessionToken.slice(at + 1);
    expect(codeOf(() => open(creds.AccessKeyId, tampered))).toBe('InvalidClientTokenId');
    // a valid token presented with another session's access key id
    expect(codeOf(() => open(creds.AccessKeyId, other.SessionToken))).toBe('InvalidClientTokenId');
    expect(codeOf(() => open(other.AccessKeyId, creds.SessionToken))).toBe('InvalidClientTokenId');
    expect(authenticator.sessionStats.misses).toBe(4);

    expect(open(creds.AccessKeyId, creds.SessionToken).principal.arn).toContain('/kept');
    expect(authenticator.sessionStats.hits).toBe(1);
  });

  it('refuses a cached token once it has expired, and forgets it', async () => {
    const { authenticator, issue, open } = await setUp();
    const creds = issue('expiring');
    open(creds.AccessKeyId, creds.SessionToken, new Date(issuedAt.getTime() + HOUR - 1000));
    expect(
      codeOf(() => open(creds.AccessKeyId, creds.SessionToken, new Date(issuedAt.getTime() + HOUR))),
    ).toBe('ExpiredToken');
    expect(authenticator.cachedSessions).toBe(0);
  });

  it('refuses a cached token once the key that sealed it has left the ring', async () => {
    const { ring, authenticator, issue, open } = await setUp();
    const creds = issue('rotated-out');
    open(creds.AccessKeyId, creds.SessionToken);
    open(creds.AccessKeyId, creds.SessionToken);
    expect(authenticator.sessionStats.hits).toBe(1);

    // two rotations far enough apart prune the key the token was sealed with
    await rotateSessionKeys(fixture.store, sealer, new Date(issuedAt.getTime() + 40 * HOUR));
    await rotateSessionKeys(fixture.store, sealer, new Date(issuedAt.getTime() + 80 * HOUR));
    await ring.reload();
    expect(codeOf(() => open(creds.AccessKeyId, creds.SessionToken))).toBe('InvalidClientTokenId');
    expect(authenticator.sessionStats.hits).toBe(1);
  });
});
