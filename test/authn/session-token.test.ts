// Session tokens: sealed, bound to their access key id, opened by any holder of the key ring, and
// still valid after the ring rotates.
import { createCipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { Sealer } from '../../src/crypto/seal.ts';
import { rotateSessionKeys, SessionKeyRing } from '../../src/authn/session-key-ring.ts';
import { openSession, sealSession, type SessionClaims } from '../../src/authn/session-token.ts';
import type { KyselyStore } from '../../src/store/index.ts';
import { useStore } from '../support/store-fixture.ts';
import { BACKENDS } from '../support/test-server.ts';

const claims: SessionClaims = {
  kind: 'assumed-role',
  accountId: '123456789012',
  accessKeyId: 'ASIAEXAMPLEKEY000001',
  secretAccessKey: 'secret'.repeat(6) + 'abcd',
  issuedAt: 1_700_000_000,
  expiresAt: 1_700_003_600,
  arn: 'arn:aws:sts::123456789012:assumed-role/deployer/ci',
  userId: 'AROAEXAMPLE:ci',
  role: {
    roleId: 'AROAEXAMPLE',
    roleName: 'deployer',
    arn: 'arn:aws:iam::123456789012:role/deployer',
    path: '/',
  },
  sessionName: 'ci',
  tags: [['team', 'core']],
  transitiveTagKeys: ['team'],
  sessionPolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
  chainDepth: 0,
};
const key = { id: 'Key00001', key: randomBytes(32) };
const byId = (id: string) => (id === key.id ? key.key : undefined);

describe('session tokens', () => {
  it('round-trips every claim', () => {
    const token = sealSession(key, claims);
    expect(openSession(token, claims.accessKeyId, byId)).toEqual({ ok: true, claims });
  });

  it('does not carry the secret or the session policy in clear', () => {
    const token = sealSession(key, claims);
    expect(token).not.toContain(claims.secretAccessKey);
    expect(Buffer.from(token.slice(12), 'base64url').toString('latin1')).not.toContain('s3:*');
  });

  it('refuses a token changed in any byte', () => {
    const token = sealSession(key, claims);
    // the last character is left out: base64url ignores its unused low bits, so 'A' → 'B' there
    // may decode to the same bytes (the bytes it does carry are covered by the tag like the rest)
    for (let i = 12; i < token.length - 1; i += 7) {
      const c = token[i] === 'A' ? 'B' : 'A';
      const tampered = token.slice(0, i) + c + token.slice(i + 1);
      expect(openSession(tampered, claims.accessKeyId, byId).ok).toBe(false);
    }
  });

  it('refuses a token presented with another access key id', () => {
    const token = sealSession(key, claims);
    expect(openSession(token, 'ASIAEXAMPLEKEY000002', byId)).toEqual({ ok: false, reason: 'tampered' });
  });

  it('refuses a token sealed under a key the ring does not have', () => {
    const token = sealSession({ id: 'Other001', key: randomBytes(32) }, claims);
    expect(openSession(token, claims.accessKeyId, byId)).toEqual({ ok: false, reason: 'unknown-key' });
  });

  it('seals short claims as JSON (TSS2) and long ones deflated (TSS1), both round-tripping', () => {
    const short = sealSession(key, claims);
    expect(short.startsWith('TSS2Key00001')).toBe(true);
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: Array.from({ length: 20 }, (_, i) => ({
        Effect: 'Allow',
        Action: `s3:GetObject`,
        Resource: `arn:aws:s3:::bucket-${i}/*`,
      })),
    });
    const long = { ...claims, sessionPolicy: policy };
    const sealed = sealSession(key, long);
    expect(sealed.startsWith('TSS1Key00001')).toBe(true);
    // deflated: far shorter than the claims' JSON in base64
    expect(sealed.length).toBeLessThan(Buffer.byteLength(JSON.stringify(long)));
    expect(openSession(sealed, long.accessKeyId, byId)).toEqual({ ok: true, claims: long });
  });

  it('opens a token of the first format, sealed before short claims went undeflated', () => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key.key, iv);
    cipher.setAAD(Buffer.from(`tessera-session:${key.id}:${claims.accessKeyId}`));
    const body = Buffer.concat([cipher.update(deflateRawSync(JSON.stringify(claims))), cipher.final()]);
    const token = 'TSS1' + key.id + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    expect(openSession(token, claims.accessKeyId, byId)).toEqual({ ok: true, claims });
  });

  it('refuses a token whose format was changed, either way', () => {
    const plain = sealSession(key, claims);
    expect(openSession('TSS1' + plain.slice(4), claims.accessKeyId, byId)).toEqual({
      ok: false,
      reason: 'tampered',
    });
    const long = { ...claims, sessionPolicy: 'x'.repeat(2000) };
    const deflated = sealSession(key, long);
    expect(openSession('TSS2' + deflated.slice(4), long.accessKeyId, byId)).toEqual({
      ok: false,
      reason: 'tampered',
    });
  });

  it('refuses garbage without throwing', () => {
    for (const junk of [
      '',
      'TSS1',
      'TSS1Key00001',
      'FQoGZXIvYXdzEJr//////////',
      'TSS1Key00001' + 'x'.repeat(80),
      'TSS2Key00001' + 'x'.repeat(80),
      'TSS3Key00001' + 'x'.repeat(80),
    ])
      expect(openSession(junk, claims.accessKeyId, byId).ok).toBe(false);
  });
});

describe.each(BACKENDS)('the session key ring on %s', (backend) => {
  const fixture = useStore(backend, 'ring');
  const sealer = new Sealer(randomBytes(32));
  let store: KyselyStore;
  beforeAll(() => {
    store = fixture.store;
  });

  it('keeps opening tokens of the old key after a rotation, and seals new ones with the new key', async () => {
    const t0 = new Date('2026-01-01T00:00:00Z');
    const ring = await SessionKeyRing.open(store, sealer, t0);
    const oldKey = ring.signingKey();
    const token = sealSession(oldKey, claims);
    const newId = await rotateSessionKeys(store, sealer, new Date('2026-01-01T01:00:00Z'));
    await ring.reload();
    expect(ring.signingKey().id).toBe(newId);
    expect(openSession(token, claims.accessKeyId, (id) => ring.keyById(id)).ok).toBe(true);
  });

  it('prunes a key once its successor is older than the longest session', async () => {
    const ring = await SessionKeyRing.open(store, sealer, new Date('2026-01-01T00:00:00Z'));
    const before = (await store.read((r) => r.sessionKeys.list())).map((k) => k.key_id);
    await rotateSessionKeys(store, sealer, new Date('2026-01-03T00:00:00Z'));
    await ring.reload();
    const after = (await store.read((r) => r.sessionKeys.list())).map((k) => k.key_id);
    expect(after).not.toContain(before[0]);
    expect(after).toContain(before[before.length - 1]);
    expect(ring.keyById(before[0]!)).toBeUndefined();
  });

  it('stores keys only sealed', async () => {
    const rows = await store.rawRows('session_keys');
    const ring = await SessionKeyRing.open(store, sealer, new Date());
    const raw = ring.signingKey().key.toString('base64');
    expect(JSON.stringify(rows)).not.toContain(raw);
  });
});
