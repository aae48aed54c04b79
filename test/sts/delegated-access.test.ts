// Trade-in tokens of delegation requests: sealed, readable only with the master key, unusable after the
// delegation period, for another account, or for a request that is no longer FINALIZED.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sealer } from '../../src/crypto/seal.ts';
import {
  issueDelegatedCredentials,
  openTradeInToken,
  releasedTradeInToken,
  sealReleasedToken,
  sealTradeInToken,
} from '../../src/sts/delegated-access.ts';
import type { DelegationRequestRow } from '../../src/store/index.ts';

const sealer = new Sealer(randomBytes(32));
const FINALIZED_AT = new Date('2026-03-01T12:00:00Z');
const END = new Date('2026-03-01T13:00:00Z');

const row = {
  delegation_request_id: '0123456789abcdef0123',
  requestor_account_id: '123456789012',
  state: 'FINALIZED',
  expires_at: '2026-03-08T12:00:00.000Z',
  finalized_at: FINALIZED_AT.toISOString(),
  session_duration: 3600,
  permission_policy: '{"Version":"2012-10-17","Statement":[]}',
  approver: JSON.stringify({
    type: 'root',
    accountId: '210987654321',
    arn: 'arn:aws:iam::210987654321:root',
    id: '210987654321',
  }),
} as DelegationRequestRow;

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return undefined;
};

describe('trade-in tokens', () => {
  it('opens to the request until the delegation period ends, then is expired', () => {
    const token = sealTradeInToken(sealer, row.delegation_request_id, END);
    expect(openTradeInToken(sealer, token, new Date('2026-03-01T12:59:59Z')).id).toBe(
      row.delegation_request_id,
    );
    expect(code(() => openTradeInToken(sealer, token, END))).toBe('ExpiredTradeInTokenException');
  });

  it('refuses a token it did not seal', () => {
    const other = new Sealer(randomBytes(32));
    expect(
      code(() => openTradeInToken(sealer, sealTradeInToken(other, 'x'.repeat(16), END), FINALIZED_AT)),
    ).toBe('InvalidParameterValue');
    expect(code(() => openTradeInToken(sealer, 'garbage', FINALIZED_AT))).toBe('InvalidParameterValue');
  });

  it('keeps the released token sealed again at rest', () => {
    const token = sealTradeInToken(sealer, row.delegation_request_id, END);
    const stored = sealReleasedToken(sealer, token);
    expect(stored).not.toBe(token);
    expect(releasedTradeInToken(sealer, { ...row, trade_in_token_sealed: stored })).toBe(token);
    expect(releasedTradeInToken(sealer, { ...row, trade_in_token_sealed: null })).toBeUndefined();
  });

  it('issues nothing for another account, a request not FINALIZED, or after the period', () => {
    const services = { sessionKeys: undefined as never };
    const at = new Date('2026-03-01T12:30:00Z');
    const expired = 'ExpiredTradeInTokenException';
    expect(code(() => issueDelegatedCredentials(services, row, '999999999999', at))).toBe(expired);
    expect(
      code(() =>
        issueDelegatedCredentials(services, { ...row, state: 'REJECTED' }, row.requestor_account_id, at),
      ),
    ).toBe(expired);
    expect(code(() => issueDelegatedCredentials(services, row, row.requestor_account_id, END))).toBe(expired);
    expect(code(() => issueDelegatedCredentials(services, undefined, row.requestor_account_id, at))).toBe(
      expired,
    );
  });
});
