// Temporary delegation's credentials: the trade-in token SendDelegationToken releases to the partner
// (the request's id and the end of its delegation period, sealed under the master key), and what
// GetDelegatedAccessToken makes of it: credentials of the identity that accepted the request, limited
// by the request's policy as a session policy, expiring when the delegation period ends.
import type { Sealer } from '../crypto/index.ts';
import {
  delegationPeriodEnd,
  delegationState,
  storedApprover,
  TRADE_IN_TOKEN_PURPOSE,
  type DelegationApprover,
} from '../domain/index.ts';
import { AwsError } from '../errors.ts';
import type { Services } from '../services.ts';
import type { DelegationRequestRow } from '../store/index.ts';
import { mintCredentials, type IssuedCredentials, type UnsealedClaims } from './issue-session.ts';

interface TradeInClaims {
  /** The delegation request. */
  id: string;
  /** The end of the delegation period, epoch seconds. */
  exp: number;
}

/** The trade-in token of a request finalized now: it is valid until its delegation period ends. */
export function sealTradeInToken(sealer: Sealer, id: string, periodEnd: Date): string {
  const claims: TradeInClaims = { id, exp: Math.floor(periodEnd.getTime() / 1000) };
  return sealer.seal(JSON.stringify(claims), TRADE_IN_TOKEN_PURPOSE);
}

/** The sealer purpose of a released trade-in token kept at rest (the token is a bearer secret). */
const AT_REST_PURPOSE = 'iam-delegation-trade-in-token-at-rest';

/** A released token as the request keeps it: sealed again, so that the store never holds it usable. */
export function sealReleasedToken(sealer: Sealer, token: string): string {
  return sealer.seal(token, AT_REST_PURPOSE);
}

/**
 * The token released for a finalized request, as the partner's notification carries it; undefined
 * before SendDelegationToken. (Tessera serves no SNS: this is what a delivery would publish.)
 */
export function releasedTradeInToken(sealer: Sealer, row: DelegationRequestRow): string | undefined {
  return row.trade_in_token_sealed === null
    ? undefined
    : sealer.open(row.trade_in_token_sealed, AT_REST_PURPOSE);
}

const expired = () =>
  new AwsError(
    'ExpiredTradeInTokenException',
    'The trade-in token provided in the request has expired and can no longer be exchanged for credentials.',
  );

/** The request a trade-in token names; ExpiredTradeInToken for one that is unreadable or past its end. */
export function openTradeInToken(sealer: Sealer, token: string, now: Date): TradeInClaims {
  let claims: TradeInClaims;
  try {
    claims = JSON.parse(sealer.open(token, TRADE_IN_TOKEN_PURPOSE)) as TradeInClaims;
  } catch {
    throw new AwsError('InvalidParameterValue', 'The trade-in token is not valid.');
  }
  if (now.getTime() >= claims.exp * 1000) throw expired();
  return claims;
}

function claimsFor(
  approver: DelegationApprover,
  row: DelegationRequestRow,
  issuedAt: number,
  expiresAt: number,
): UnsealedClaims {
  const common = {
    accountId: approver.accountId,
    issuedAt,
    expiresAt,
    arn: approver.arn,
    userId: approver.id,
    chainDepth: 0,
    sessionPolicy: row.permission_policy,
    delegationRequestId: row.delegation_request_id,
  };
  switch (approver.type) {
    case 'root':
      return { ...common, kind: 'root-session' };
    case 'user':
      return {
        ...common,
        kind: 'user-session',
        sourceUser: {
          userId: approver.id,
          userName: approver.userName,
          arn: approver.arn,
          path: approver.path,
        },
      };
    case 'assumed-role':
      return {
        ...common,
        kind: 'assumed-role',
        role: {
          roleId: approver.roleId,
          roleName: approver.roleName,
          arn: approver.roleArn,
          path: approver.rolePath,
        },
        sessionName: approver.sessionName,
      };
  }
}

/**
 * Credentials for a finalized request, for the partner account that filed it: those of the accepting
 * identity, limited by the request's policy, until the delegation period ends. A request that is not
 * (or no longer) finalized, or another account's, makes the token unusable: ExpiredTradeInToken.
 */
export function issueDelegatedCredentials(
  services: Pick<Services, 'sessionKeys'>,
  row: DelegationRequestRow | undefined,
  callerAccountId: string,
  now: Date,
): { credentials: IssuedCredentials; assumedPrincipal: string } {
  const approver = row ? storedApprover(row) : undefined;
  const end = row ? delegationPeriodEnd(row) : undefined;
  if (
    !row ||
    !approver ||
    !end ||
    row.requestor_account_id !== callerAccountId ||
    delegationState(row, now) !== 'FINALIZED' ||
    now >= end
  )
    throw expired();
  const issuedAt = Math.floor(now.getTime() / 1000);
  const credentials = mintCredentials(
    services,
    claimsFor(approver, row, issuedAt, Math.floor(end.getTime() / 1000)),
  );
  return { credentials, assumedPrincipal: approver.arn };
}
